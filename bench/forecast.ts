/**
 * `pnpm bench forecast [--seeds 201,202,203] [--fresh] [--model candidate.json]`
 *
 * Replays generated portfolios (eval-100: 100 projects, 150 days) day by day through the real
 * sync path with nothing from the future (bench/lib/forecast-replay.ts), forecasts every scored
 * project-day with the product's pure `computeRiskForecastsFromInputs` and the shipped
 * coefficients, and scores them against the generator's hidden risk events (delivery slip,
 * escalation, churn). Per horizon: Brier, AUC and a 10-bin reliability table for Keel and two
 * baselines in the same run — the constant training base rate, and current risk alone
 * (σ(a·risk/100 + b), Platt-fitted on the training days; its AUC equals raw risk's). Then the
 * 14-day "at risk" flag's precision and recall. Evaluation seeds must not be training seeds.
 */
import { computeRiskForecastsFromInputs } from '@keel/intelligence/kag/forecast/compute';
import {
  defaultForecastModel,
  flagRuleOf,
  forecastModelSchema,
  horizonModel,
  sigmoid,
} from '@keel/intelligence/kag/forecast/model';
import { readFileSync } from 'node:fs';
import { type FlagProject, flagEpisodeQuality } from '@keel/intelligence/kag/forecast/flag-episodes';
import { flagSeries } from '@keel/intelligence/kag/forecast/flag-rule';
import { looksCalm, onsetFromEvents } from './lib/forecast-ceiling.ts';
import { HORIZONS, RISK_KINDS, scoredDays } from './lib/forecast-dataset.ts';
import { type Scored, auc, brier, flagQuality, reliability } from './lib/forecast-metrics.ts';
import { argValue, parseSeeds, replayPortfolio } from './lib/forecast-replay.ts';
import { EVALUATION_SEEDS, FORECAST_SIZE, refuseOverlap } from './lib/forecast-seeds.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const seeds = parseSeeds(argValue('seeds', EVALUATION_SEEDS.join(',')));
const modelFile = argValue('model', '');
/** `--model file.json` judges a candidate refit instead of the shipped coefficients. */
const model = modelFile
  ? forecastModelSchema.parse(JSON.parse(readFileSync(modelFile, 'utf8')))
  : defaultForecastModel();
refuseOverlap(model.trainingSeeds, seeds);
const started = performance.now();
log(
  `forecast: model ${model.version} (trained on seeds ${model.trainingSeeds.join(', ')}), evaluated on seeds ${seeds.join(', ')} (${FORECAST_SIZE})`,
);

type Row = {
  keel: number;
  risk: number;
  y: Partial<Record<7 | 14 | 30, boolean>>;
  trajectory: string;
  /** Hidden: the project still looked calm that day (forecast-ceiling.ts). */
  calm: boolean;
};
const rows: Row[] = [];
let insufficient = 0;
/** Per project: its 14-day forecast day by day and its hidden risk events, for the flag's figures. */
type P14Day = { date: string; p14: number; positive: boolean; trajectory: string; calm: boolean };
const flagProjects = new Map<string, { days: P14Day[]; events: string[] }>();
const rule = flagRuleOf(model);
for (const seed of seeds) {
  const portfolio = await replayPortfolio(seed, FORECAST_SIZE, {
    fresh: process.argv.includes('--fresh'),
    log,
  });
  if (portfolio.cached)
    log(`  seed ${seed}: day evaluations read from .bench-cache (replayed earlier; --fresh to redo)`);
  for (const p of portfolio.projects)
    flagProjects.set(`${seed}:${p.projectId}`, {
      days: [],
      events: p.events.filter((e) => RISK_KINDS.has(e.kind)).map((e) => e.at),
    });
  for (const day of scoredDays(portfolio, model.similarK, model.minHistoryDays)) {
    const forecasts = computeRiskForecastsFromInputs(
      { asOf: day.asOf, history: day.history, similar: day.similar },
      model,
    );
    if (forecasts.some((f) => !f.dataSufficient)) {
      insufficient += 1;
      continue;
    }
    const risk = day.history[day.history.length - 1]?.risk ?? 0;
    const truth = portfolio.projects.find((p) => p.projectId === day.projectId);
    const onset = truth ? onsetFromEvents(truth.trajectory, truth.events) : null;
    const calm = onset === null || looksCalm(day.trajectory, onset, day.asOf.getTime());
    const p14 = forecasts.find((f) => f.horizonDays === 14)?.probability ?? 0;
    if (day.labels[14] !== undefined)
      flagProjects.get(`${seed}:${day.projectId}`)?.days.push({
        date: day.date,
        p14,
        positive: day.labels[14],
        trajectory: day.trajectory,
        calm,
      });
    for (const f of forecasts)
      rows.push({
        keel: f.probability,
        risk,
        y: { [f.horizonDays]: day.labels[f.horizonDays] },
        trajectory: day.trajectory,
        calm,
      });
  }
}
log(`  ${rows.length / 3} project-days forecast; ${insufficient} skipped as "not enough history yet"`);

const describeRule = (r: typeof rule) =>
  `P14${r.meanDays > 1 ? ` averaged over ${r.meanDays} days` : ''} ≥ ${r.on}${r.persistDays > 1 ? ` for ${r.persistDays} days` : ''}${r.off !== undefined ? `, kept while ≥ ${r.off}` : ''}`;
const f3 = (x: number) => (Number.isNaN(x) ? '  —  ' : x.toFixed(3));
let allBeat = true;
for (const h of HORIZONS) {
  const hm = horizonModel(model, h);
  const labelled = rows.filter((r) => r.y[h] !== undefined);
  const as = (p: (r: Row) => number): Scored[] => labelled.map((r) => ({ p: p(r), y: r.y[h] === true }));
  const keel = as((r) => r.keel);
  const base = as(() => hm.baseRate);
  const riskCal = as((r) => sigmoid(hm.riskOnly.a * (r.risk / 100) + hm.riskOnly.b));
  const riskRaw = as((r) => r.risk / 100);
  const events = keel.filter((r) => r.y).length;
  log(
    `\n${h}-day horizon: ${labelled.length} project-days, ${events} with a risk event (rate ${(events / labelled.length).toFixed(3)})`,
  );
  log('  model                         Brier    AUC');
  const line = (name: string, s: Scored[]) => log(`  ${name.padEnd(28)}  ${f3(brier(s))}   ${f3(auc(s))}`);
  line(`Keel (${model.version})`, keel);
  line(`base rate (${hm.baseRate.toFixed(3)}, training)`, base);
  line('current risk (calibrated)', riskCal);
  line('current risk (raw risk/100)', riskRaw);
  const beats =
    brier(keel) < brier(base) && brier(keel) < brier(riskCal) && auc(keel) > auc(riskCal) && auc(keel) > 0.5;
  allBeat &&= beats;
  log(`  Keel beats both baselines on Brier and AUC: ${beats ? 'yes' : 'NO'}`);
  log(
    '  reliability (10 bins)  Keel: n / mean p / observed        current risk (calibrated): n / mean p / observed',
  );
  const rk = reliability(keel);
  const rr = reliability(riskCal);
  rk.forEach((b, i) => {
    const c = rr[i];
    log(
      `    ${b.lo.toFixed(1)}–${b.hi.toFixed(1)}   ${String(b.n).padStart(6)} ${f3(b.meanP)} ${f3(b.observed)}        ${String(c?.n ?? 0).padStart(6)} ${f3(c?.meanP ?? Number.NaN)} ${f3(c?.observed ?? Number.NaN)}`,
    );
  });
  if (h === 14) {
    // The flag as the product raises it: the model's flag rule over each project's days.
    const flagged: FlagProject[] = [...flagProjects.values()].map((p) => {
      const flags = flagSeries(p.days, rule);
      return {
        days: p.days.map((d, i) => ({ date: d.date, flagged: flags[i] ?? false, positive: d.positive })),
        events: p.events,
      };
    });
    const flagDays = [...flagProjects.values()].flatMap((p, i) =>
      p.days.map((d, j) => ({ ...d, flagged: flagged[i]?.days[j]?.flagged ?? false })),
    );
    const q = flagQuality(
      flagDays.map((d) => ({ p: d.flagged ? 1 : 0, y: d.positive })),
      0.5,
    );
    log(
      `  "at risk" flag (${describeRule(rule)}): flagged ${q.flagged} project-days, precision ${f3(q.precision)} (target ≥ 0.7), recall ${f3(q.recall)} (target ≥ 0.6)`,
    );
    for (const t of [...new Set(flagDays.map((d) => d.trajectory))].sort()) {
      const sub = flagDays
        .filter((d) => d.trajectory === t)
        .map((d) => ({ p: d.flagged ? 1 : 0, y: d.positive }));
      const qt = flagQuality(sub, 0.5);
      log(
        `    ${t.padEnd(11)} ${String(sub.length).padStart(6)} days, ${String(sub.filter((s) => s.y).length).padStart(4)} positive, flagged ${qt.flagged}, recall ${f3(qt.recall)}`,
      );
    }
    const positives = labelled.filter((r) => r.y[h] === true);
    const hidden = positives.filter((r) => r.calm).length;
    log(
      `  ceiling: ${hidden} of ${positives.length} positive days (${f3(hidden / Math.max(1, positives.length))}) fall while the project still looks calm (hidden stress ≤ 0.10, contact ≥ 95 %): no observable tells them from a healthy project's`,
    );
    // The alarms' ceiling: an event whose every scored day in the 14 before it looks calm cannot
    // be warned of by any flag that spares healthy projects.
    let warnable = 0;
    let inWindow = 0;
    for (const p of flagProjects.values())
      for (const e of p.events) {
        const at = Date.parse(e);
        const window = p.days.filter((d) => {
          const end = Date.parse(`${d.date}T23:59:59.999Z`);
          return end < at && at <= end + 14 * 86_400_000;
        });
        if (window.length === 0) continue;
        inWindow += 1;
        if (window.some((d) => !d.calm)) warnable += 1;
      }
    log(
      `  alarms' ceiling: ${warnable} of ${inWindow} risk events (${f3(warnable / Math.max(1, inWindow))}) have a day in the 14 before them that does not look calm`,
    );
    // The same flag as alarms (flag-episodes.ts): per flag raised and per risk event.
    const e = flagEpisodeQuality(flagged, 14);
    log(
      `  as alarms: ${e.episodes} raised, ${e.borneOut} followed by a risk event within 14 days — precision ${f3(e.precision ?? Number.NaN)}; ${e.events} risk events, ${e.warned} warned of in the 14 days before — recall ${f3(e.recall ?? Number.NaN)}; median lead ${e.medianLeadDays ?? '—'} days`,
    );
    const met = (e.precision ?? 0) >= 0.7 && (e.recall ?? 0) >= 0.6;
    const metDaily = q.precision >= 0.7 && q.recall >= 0.6;
    log(
      `  flag meets precision ≥ 0.7 and recall ≥ 0.6: as alarms ${met ? 'yes' : 'NO'}; day by day ${metDaily ? 'yes' : 'no'} (the ceiling above bounds it)`,
    );
  }
}
log(`\nKeel beats both baselines at every horizon: ${allBeat ? 'yes' : 'NO'}`);
log(`elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
