/**
 * `pnpm bench forecast-experiment [--train 101,…,105] [--validate 301,302]
 *   [--terms v1,all,all+term,trees:all] [--l2 30] [--depth 3] [--rounds 300]`
 *
 * For choosing terms and settings without touching the evaluation seeds (it refuses them): fits
 * the 14-day model on the training seeds (leave-one-seed-out) — the logistic regression over a
 * term set, or boosted trees (`trees:<set>`, `--depth 1` for stumps) — and reports out-of-fold
 * and validation AUC, Brier and the flag's precision/recall by threshold. Nothing is written.
 */
import { dataSufficiency } from '@keel/intelligence/kag/forecast/sufficiency';
import { defaultForecastModel, sigmoid, standardise } from '@keel/intelligence/kag/forecast/model';
import { type ScoredDay, scoredDays } from './lib/forecast-dataset.ts';
import { fitHorizon, trainingRows } from './lib/forecast-fit.ts';
import { auc, brier, flagQuality } from './lib/forecast-metrics.ts';
import { argValue, parseSeeds, replayPortfolio } from './lib/forecast-replay.ts';
import {
  EVALUATION_SEEDS,
  FORECAST_SIZE,
  TRAINING_SEEDS,
  VALIDATION_SEEDS,
  refuseOverlap,
} from './lib/forecast-seeds.ts';
import { FORECAST_TERMS, STRAIN_TERMS } from './lib/forecast-terms.ts';
import { fitLogistic } from './lib/logistic.ts';
import { fitTrees, treeLogit } from './lib/trees.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const train = parseSeeds(argValue('train', TRAINING_SEEDS.join(',')));
const validate = parseSeeds(argValue('validate', VALIDATION_SEEDS.join(',')));
refuseOverlap([...train, ...validate], EVALUATION_SEEDS);
const l2 = Number(argValue('l2', '1'));
const h = Number(argValue('horizon', '14')) as 7 | 14 | 30;
const current = defaultForecastModel();
const rules = { minHistoryDays: current.minHistoryDays, minEvaluatedDays: current.minEvaluatedDays };

async function load(seeds: number[]): Promise<ScoredDay[]> {
  const out: ScoredDay[] = [];
  for (const seed of seeds) {
    const p = await replayPortfolio(seed, FORECAST_SIZE, { log });
    out.push(
      ...scoredDays(p, current.similarK, current.minHistoryDays).filter(
        (d) => dataSufficiency(d.history, rules).sufficient,
      ),
    );
  }
  return out;
}
const t0 = performance.now();
const trainDays = await load(train);
const valDays = await load(validate);
log(
  `loaded ${trainDays.length} training, ${valDays.length} validation days in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

const termSets: Record<string, string[]> = {
  v1: FORECAST_TERMS.filter((t) => current.terms.includes(t)),
  v2: FORECAST_TERMS.filter((t) => !STRAIN_TERMS.includes(t)),
  all: [...FORECAST_TERMS],
};
const wanted = argValue('terms', 'v1,all').split(',');
const rounds = Number(argValue('rounds', '300'));
/** `trees:<set>`: boosted trees of this depth (1 = stumps, an additive model). */
const depth = Number(argValue('depth', '3'));
function treesRun(terms: string[]) {
  const fit = (xs: number[][], ys: boolean[]) => fitTrees(xs, ys, { rounds, depth });
  const prior0 = trainingRows(trainDays, h, 0);
  const prior = prior0.filter((r) => r.y).length / prior0.length;
  const rows = trainingRows(trainDays, h, prior);
  const vec = (f: Record<string, number>) => terms.map((t) => f[t] ?? 0);
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const oofZ = new Array<number>(rows.length).fill(0);
  for (const held of seeds) {
    const tr = rows.filter((r) => r.seed !== held);
    const m = fit(
      tr.map((r) => vec(r.features)),
      tr.map((r) => r.y),
    );
    rows.forEach((r, i) => {
      if (r.seed === held) oofZ[i] = treeLogit(m, vec(r.features));
    });
  }
  const cal = fitLogistic(
    oofZ.map((z) => [z]),
    rows.map((r) => r.y),
    1e-6,
  );
  const a = cal.weights[0] ?? 1;
  const oof = rows.map((r, i) => ({ p: sigmoid(a * (oofZ[i] ?? 0) + cal.intercept), y: r.y }));
  const m = fit(
    rows.map((r) => vec(r.features)),
    rows.map((r) => r.y),
  );
  const val = trainingRows(valDays, h, prior).map((r) => ({
    p: sigmoid(a * treeLogit(m, vec(r.features)) + cal.intercept),
    y: r.y,
  }));
  const used = new Map<string, number>();
  for (const tree of m.trees)
    for (const j of tree.term) if (j >= 0) used.set(terms[j] ?? '?', (used.get(terms[j] ?? '?') ?? 0) + 1);
  return {
    oof,
    val,
    top: [...used.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 12)
      .map(([t, c]) => `${t} ×${c}`),
  };
}

for (const name of wanted) {
  if (name.startsWith('trees:')) {
    const [sh, ...sx] = name.slice(6).split('+');
    const terms = [...(termSets[sh ?? ''] ?? []), ...sx];
    const { oof, val, top } = treesRun(terms);
    const candidates = Array.from({ length: 95 }, (_, i) => Math.round((0.02 + i * 0.01) * 100) / 100);
    const threshold = candidates.find((t) => (flagQuality(oof, t).precision || 0) >= 0.75) ?? Number.NaN;
    const q = flagQuality(val, threshold);
    log(`\n[${name}] ${terms.length} terms, ${h}d, ${rounds} trees of depth ${depth}`);
    log(
      `  OOF train AUC ${auc(oof).toFixed(3)} Brier ${brier(oof).toFixed(4)}; validation AUC ${auc(val).toFixed(3)} Brier ${brier(val).toFixed(4)}`,
    );
    log(
      `  threshold (OOF precision ≥ 0.75): ${threshold}; validation precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} (${q.flagged} flagged)`,
    );
    log(
      `  P/R by threshold: ${[0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
        .map((t) => {
          const x = flagQuality(oof, t);
          const v = flagQuality(val, t);
          return `${t}: oof ${x.precision.toFixed(2)}/${x.recall.toFixed(2)} val ${v.precision.toFixed(2)}/${v.recall.toFixed(2)}`;
        })
        .join(' | ')}`,
    );
    log(`  splits per term: ${top.join(', ')}`);
    continue;
  }
  const [head, ...extra] = name.split('+');
  const terms =
    termSets[name] ?? (head && termSets[head] ? [...(termSets[head] ?? []), ...extra] : name.split('+'));
  const prior0 = trainingRows(trainDays, h, 0);
  const prior = prior0.filter((r) => r.y).length / prior0.length;
  const rows = trainingRows(trainDays, h, prior);
  const { model, outOfFold } = fitHorizon(rows, terms, l2);
  const oof = rows.map((r, i) => ({ p: outOfFold[i] ?? 0, y: r.y }));
  const candidates = Array.from({ length: 95 }, (_, i) => Math.round((0.02 + i * 0.01) * 100) / 100);
  const threshold = candidates.find((t) => (flagQuality(oof, t).precision || 0) >= 0.75) ?? Number.NaN;
  const vrows = trainingRows(valDays, h, prior);
  const val = vrows.map((r) => {
    let z = model.intercept;
    for (const t of terms)
      z +=
        (model.coefficients[t] ?? 0) * standardise(r.features[t] ?? 0, model.scale[t] ?? { mean: 0, std: 1 });
    return { p: sigmoid(model.calibration.a * z + model.calibration.b), y: r.y };
  });
  const q = flagQuality(val, threshold);
  log(`\n[${name}] ${terms.length} terms, ${h}d, l2 ${l2}: base rate ${model.baseRate.toFixed(3)}`);
  log(
    `  OOF train AUC ${auc(oof).toFixed(3)} Brier ${brier(oof).toFixed(4)}; validation AUC ${auc(val).toFixed(3)} Brier ${brier(val).toFixed(4)}`,
  );
  log(
    `  threshold (OOF precision ≥ 0.75): ${threshold}; validation precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} (${q.flagged} flagged)`,
  );
  const curve = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    .map((t) => {
      const a = flagQuality(oof, t);
      const b = flagQuality(val, t);
      return `${t}: oof ${a.precision.toFixed(2)}/${a.recall.toFixed(2)} val ${b.precision.toFixed(2)}/${b.recall.toFixed(2)}`;
    })
    .join(' | ');
  log(`  P/R by threshold: ${curve}`);
  const top = Object.entries(model.coefficients)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 12);
  log(`  top: ${top.map(([t, c]) => `${t} ${c.toFixed(2)}`).join(', ')}`);
}
