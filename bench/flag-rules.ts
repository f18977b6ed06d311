/**
 * `pnpm bench flag-rules [--seeds 301,…] [--model candidate.json] [--objective bar|floor] [--write]`
 *
 * How the 14-day "at risk" flag is raised from the forecast, compared on generated portfolios:
 * a plain threshold on today's P14, a threshold that must hold for k days, hysteresis (raised
 * at one level, kept while above a lower one), and a short rolling mean. Each rule is judged
 * day by day and as alarms (flag-episodes.ts) against the generator's hidden risk events.
 * Rules are chosen on the validation seeds (the default), never on the evaluation seeds: the
 * chosen one comes closest to the bar as alarms (precision ≥ 0.7 and recall ≥ 0.6: the largest
 * margin of the worse of the two), or with `--objective floor` the most complete whose alarm
 * precision stays ≥ `--precision` (0.72). `--write` stores it as the model file's
 * `flagRule` (and its level as `atRisk14dThreshold`), so the product raises the flag that way.
 */
import { computeRiskForecastsFromInputs } from '@keel/intelligence/kag/forecast/compute';
import { type FlagProject, flagEpisodeQuality } from '@keel/intelligence/kag/forecast/flag-episodes';
import { type FlagRule, flagSeries } from '@keel/intelligence/kag/forecast/flag-rule';
import { defaultForecastModel, forecastModelSchema } from '@keel/intelligence/kag/forecast/model';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RISK_KINDS, scoredDays } from './lib/forecast-dataset.ts';
import { argValue, parseSeeds, replayPortfolio } from './lib/forecast-replay.ts';
import { EVALUATION_SEEDS, FORECAST_SIZE, VALIDATION_SEEDS, refuseOverlap } from './lib/forecast-seeds.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const seeds = parseSeeds(argValue('seeds', VALIDATION_SEEDS.join(',')));
const modelFile = argValue('model', '');
const model = modelFile
  ? forecastModelSchema.parse(JSON.parse(readFileSync(modelFile, 'utf8')))
  : defaultForecastModel();
refuseOverlap(model.trainingSeeds, seeds);
const write = process.argv.includes('--write');
if (write && seeds.some((s) => EVALUATION_SEEDS.includes(s)))
  throw new Error(
    '--write chooses the rule on these seeds: evaluation seeds must not choose what they judge',
  );

type Day = { date: string; p14: number; positive: boolean };
type Project = { days: Day[]; events: string[]; kinds: string[]; trajectory: string };
const projects: Project[] = [];
for (const seed of seeds) {
  const portfolio = await replayPortfolio(seed, FORECAST_SIZE, { fresh: false, log });
  const byProject = new Map<string, Project>();
  for (const p of portfolio.projects) {
    const risky = p.events.filter((e) => RISK_KINDS.has(e.kind));
    byProject.set(p.projectId, {
      days: [],
      events: risky.map((e) => e.at),
      kinds: risky.map((e) => e.kind),
      trajectory: p.trajectory,
    });
  }
  for (const day of scoredDays(portfolio, model.similarK, model.minHistoryDays)) {
    if (day.labels[14] === undefined) continue;
    const forecasts = computeRiskForecastsFromInputs(
      { asOf: day.asOf, history: day.history, similar: day.similar },
      model,
    );
    const f = forecasts.find((x) => x.horizonDays === 14);
    if (!f?.dataSufficient) continue;
    byProject.get(day.projectId)?.days.push({ date: day.date, p14: f.probability, positive: day.labels[14] });
  }
  projects.push(...byProject.values());
}

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? '  —  ' : x.toFixed(3));
function judge(rule: FlagRule, among: readonly Project[] = projects) {
  const flagProjects: FlagProject[] = among.map((p) => {
    const flags = flagSeries(p.days, rule);
    return {
      days: p.days.map((d, i) => ({ date: d.date, flagged: flags[i] ?? false, positive: d.positive })),
      events: p.events,
    };
  });
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (const p of flagProjects)
    for (const d of p.days) {
      if (d.positive) pos += 1;
      if (d.flagged && d.positive) tp += 1;
      if (d.flagged && !d.positive) fp += 1;
    }
  const alarms = flagEpisodeQuality(flagProjects, 14);
  return { dayPrecision: tp / Math.max(1, tp + fp), dayRecall: tp / Math.max(1, pos), alarms };
}

const describe = (r: FlagRule) =>
  `on ≥ ${r.on.toFixed(2)}${r.off !== undefined ? `, off < ${r.off.toFixed(2)}` : ''}${r.persistDays > 1 ? `, for ${r.persistDays} d` : ''}${r.meanDays > 1 ? `, mean of ${r.meanDays} d` : ''}`;

const rules: FlagRule[] = [];
for (let step = 0; step <= 14; step += 1) {
  const on = Math.round((0.12 + step * 0.02) * 100) / 100;
  for (const meanDays of [1, 2, 3, 4, 5])
    for (const persistDays of [1, 2])
      for (const ratio of [null, 0.7]) {
        const off = ratio === null ? undefined : Math.round(on * ratio * 100) / 100;
        rules.push({ on, ...(off === undefined ? {} : { off }), persistDays, meanDays });
      }
}
log(
  `flag rules: model ${model.version}, seeds ${seeds.join(', ')}, ${projects.length} projects, ${rules.length} rules`,
);
const judged = rules.map((rule) => ({ rule, q: judge(rule) }));
const line = ({ rule, q }: (typeof judged)[number]) =>
  log(
    `  ${describe(rule).padEnd(42)} ${f3(q.dayPrecision)} / ${f3(q.dayRecall)}    ${f3(q.alarms.precision)} / ${f3(q.alarms.recall)}  ${String(q.alarms.episodes).padStart(5)}  ${q.alarms.medianLeadDays ?? '—'}`,
  );
const header = '  rule                                       days P / R        alarms P / R   raised  lead';
const current = judged.find(
  (j) =>
    j.rule.on === model.atRisk14dThreshold &&
    j.rule.meanDays === 1 &&
    j.rule.persistDays === 1 &&
    j.rule.off === undefined,
);
if (current) {
  log('\nthe plain threshold the model file names:');
  log(header);
  line(current);
}
// The alarms' Pareto front: no other rule is at least as precise and as complete, and better in one.
const front = judged
  .filter(
    (a) =>
      !judged.some(
        (b) =>
          (b.q.alarms.precision ?? 0) >= (a.q.alarms.precision ?? 0) &&
          (b.q.alarms.recall ?? 0) >= (a.q.alarms.recall ?? 0) &&
          ((b.q.alarms.precision ?? 0) > (a.q.alarms.precision ?? 0) ||
            (b.q.alarms.recall ?? 0) > (a.q.alarms.recall ?? 0)),
      ),
  )
  .sort((a, b) => (b.q.alarms.recall ?? 0) - (a.q.alarms.recall ?? 0));
log("\nthe alarms' Pareto front (most complete first):");
log(header);
for (const j of front) line(j);
// The bar is met only when both hold, so the rule chosen is the one that comes closest to the
// worse of the two: the largest min(precision − 0.7, recall − 0.6) as alarms (ties: more recall).
// `--objective floor` picks instead the most complete rule whose precision stays ≥ --precision.
const objective = argValue('objective', 'bar');
const floor = Number(argValue('precision', '0.72'));
const margin = (j: (typeof judged)[number]) =>
  Math.min((j.q.alarms.precision ?? 0) - 0.7, (j.q.alarms.recall ?? 0) - 0.6);
const chosen = (
  objective === 'floor' ? judged.filter((j) => (j.q.alarms.precision ?? 0) >= floor) : [...judged]
).sort(
  (a, b) =>
    (objective === 'floor' ? 0 : margin(b) - margin(a)) ||
    (b.q.alarms.recall ?? 0) - (a.q.alarms.recall ?? 0) ||
    (b.q.alarms.precision ?? 0) - (a.q.alarms.precision ?? 0) ||
    b.q.dayRecall - a.q.dayRecall,
)[0];
log(
  objective === 'floor'
    ? `\nthe most complete rule with alarm precision ≥ ${floor} here:`
    : '\nthe rule closest to the bar here (largest min(alarm precision − 0.7, alarm recall − 0.6)):',
);
log(header);
if (chosen) {
  line(chosen);
  // Where its alarms miss: recall per kind of hidden event, precision per trajectory.
  for (const kind of RISK_KINDS) {
    const only = projects.map((p) => ({ ...p, events: p.events.filter((_, i) => p.kinds[i] === kind) }));
    const q = judge(chosen.rule, only).alarms;
    log(
      `    ${kind.padEnd(14)} events ${String(q.events).padStart(4)}, warned ${String(q.warned).padStart(4)} (${f3(q.recall)})`,
    );
  }
  for (const t of [...new Set(projects.map((p) => p.trajectory))].sort()) {
    const q = judge(
      chosen.rule,
      projects.filter((p) => p.trajectory === t),
    ).alarms;
    log(
      `    ${t.padEnd(14)} alarms ${String(q.episodes).padStart(4)}, borne out ${String(q.borneOut).padStart(4)} (${f3(q.precision)}), events warned ${q.warned}/${q.events}`,
    );
  }
  log(`  as the model file's flagRule: ${JSON.stringify(chosen.rule)}`);
  if (write) {
    const file =
      modelFile ||
      join(
        dirname(fileURLToPath(import.meta.url)),
        '../packages/intelligence/src/kag/forecast/coefficients.json',
      );
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.atRisk14dThreshold = chosen.rule.on;
    stored.flagRule = chosen.rule;
    forecastModelSchema.parse(stored);
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
    spawnSync(
      join(dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/biome'),
      ['format', '--write', file],
      {
        stdio: 'ignore',
      },
    );
    log(`  wrote it to ${file}`);
  }
} else log('  none');
