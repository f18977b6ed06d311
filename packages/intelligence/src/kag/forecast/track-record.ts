import type { OutcomeLabelRow, StoredSignature } from '@keel/db/queries/case-signatures';
import type { StoredHistoryDay } from '../history/from-snapshot.ts';
import { riskEventsOn } from '../history/outcome.ts';
import { nearestCases } from '../similarity/nearest.ts';
import { type FlagEpisodeQuality, flagEpisodeQuality } from './flag-episodes.ts';
import { type FlagRule, flagSeries } from './flag-rule.ts';
import { computeRiskForecastsFromInputs } from './compute.ts';
import {
  type CaseOutcomes,
  FORECAST_HISTORY_DAYS,
  type ForecastHorizon,
  type SimilarInput,
} from './features.ts';
import { FORECAST_HORIZONS_DAYS, type ForecastModel, flagRuleOf } from './model.ts';
import { type Labelled, type ReliabilityBin, brierScore, reliabilityTable } from './reliability.ts';

/**
 * Keel's track record on this install: the model replayed over the stored snapshots — each day
 * sees its project's history up to that day and the past cases of other projects whose windows
 * had closed before it, nothing later — scored against the past_case_outcomes labels of that
 * day. Forecasts are stored only from the day the service shipped, and a deterministic, causal
 * model gives on a past day exactly what it would have stored then, so the replay is the record.
 * Pure; `maxPoints` caps the work (evenly spaced days) on large installs.
 */
export const TRACK_RECORD_RULES = {
  /** Fewer labelled forecasts than this for a horizon: the table is shown as "too few to judge". */
  minLabelled: 30,
  maxPoints: 4000,
  lookbackDays: FORECAST_HISTORY_DAYS,
} as const;

export type HorizonTrackRecord = {
  horizonDays: ForecastHorizon;
  labelled: number;
  events: number;
  brier: number | null;
  /** Brier of always saying the observed event rate: the bar a useful forecast must beat. */
  brierBaseRate: number | null;
  bins: ReliabilityBin[];
  sufficient: boolean;
  reason: string | null;
};

/**
 * The 14-day "at risk" flag as alarms on this install (flag-episodes.ts): how many times it was
 * raised and how many were followed by a risk event Keel observed, and how many of those events
 * it flagged beforehand. Only when every labelled day was replayed (stride 1): alarms need
 * consecutive days.
 */
export type AlarmRecord = FlagEpisodeQuality & { threshold: number; rule: FlagRule };

type P14Day = { date: string; p14: number; positive: boolean };

export type TrackRecord = {
  modelVersion: string;
  alarms: AlarmRecord | null;
  replayedDays: number;
  /** Every `stride`-th labelled day was replayed (1 = all of them). */
  stride: number;
  from: string | null;
  to: string | null;
  horizons: HorizonTrackRecord[];
};

export type TrackRecordInputs = {
  /** Per project, its stored days oldest first. */
  projects: ReadonlyArray<readonly StoredHistoryDay[]>;
  signatures: readonly StoredSignature[];
  outcomes: readonly OutcomeLabelRow[];
};

type Labels = Map<number, { riskEvent: boolean; windowEnd: string }>;

export function replayTrackRecord(
  input: TrackRecordInputs,
  model: ForecastModel,
  rules: { minLabelled: number; maxPoints: number; lookbackDays: number } = TRACK_RECORD_RULES,
): TrackRecord {
  const labels = new Map<string, Labels>();
  for (const o of input.outcomes) {
    const m = labels.get(o.snapshotId) ?? new Map();
    m.set(o.horizonDays, { riskEvent: o.riskEvent, windowEnd: o.windowEnd });
    labels.set(o.snapshotId, m);
  }
  const signature = new Map(input.signatures.map((s) => [s.snapshotId, s]));
  // The pool a day may search: cases whose 7-day window ended before it, in the order they close.
  const closing = input.signatures
    .map((s) => ({ s, end: labels.get(s.snapshotId)?.get(7)?.windowEnd }))
    .filter((c): c is { s: StoredSignature; end: string } => c.end !== undefined)
    .sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));

  const points = input.projects
    .flatMap((days) => days.map((day, index) => ({ days, index, day })))
    .filter((p) => labels.get(p.day.snapshotId)?.size && signature.has(p.day.snapshotId))
    .sort((a, b) =>
      a.day.date !== b.day.date
        ? a.day.date < b.day.date
          ? -1
          : 1
        : a.day.snapshotId < b.day.snapshotId
          ? -1
          : 1,
    );
  const stride = Math.max(1, Math.ceil(points.length / rules.maxPoints));
  const scored = new Map<ForecastHorizon, Labelled[]>(FORECAST_HORIZONS_DAYS.map((h) => [h, []]));
  const pool: StoredSignature[] = [];
  let next = 0;
  let replayed = 0;
  const flagDays = new Map<readonly StoredHistoryDay[], P14Day[]>();
  for (let i = 0; i < points.length; i += stride) {
    const { days, index, day } = points[i] as (typeof points)[number];
    while (next < closing.length && (closing[next]?.end ?? '') < day.date)
      pool.push((closing[next++] as { s: StoredSignature }).s);
    const query = signature.get(day.snapshotId) as StoredSignature;
    const similar: SimilarInput[] = nearestCases(query, pool, model.similarK).map(
      ({ candidate, distance }) => {
        const outcomes: CaseOutcomes = {};
        for (const [h, l] of labels.get(candidate.snapshotId) ?? [])
          if (l.windowEnd < day.date) outcomes[h as ForecastHorizon] = l.riskEvent;
        return { ...candidate, distance, outcomes };
      },
    );
    const history = days.slice(Math.max(0, index - rules.lookbackDays + 1), index + 1);
    const forecasts = computeRiskForecastsFromInputs(
      { asOf: new Date(`${day.date}T23:59:59.999Z`), history, similar },
      model,
    );
    replayed += 1;
    for (const f of forecasts) {
      const label = labels.get(day.snapshotId)?.get(f.horizonDays);
      if (!f.dataSufficient || !label) continue;
      scored.get(f.horizonDays)?.push({ p: f.probability, y: label.riskEvent });
      if (f.horizonDays !== 14) continue;
      const list = flagDays.get(days) ?? [];
      list.push({ date: day.date, p14: f.probability, positive: label.riskEvent });
      flagDays.set(days, list);
    }
  }
  return {
    modelVersion: model.version,
    alarms: stride === 1 ? alarmRecord(flagDays, flagRuleOf(model)) : null,
    replayedDays: replayed,
    stride,
    from: points[0]?.day.date ?? null,
    to: points.at(-1)?.day.date ?? null,
    horizons: FORECAST_HORIZONS_DAYS.map((h) => horizonRecord(h, scored.get(h) ?? [], rules.minLabelled)),
  };
}

/** The events Keel observed on each project's stored days (riskEventsOn), at the end of their day. */
function alarmRecord(flagDays: Map<readonly StoredHistoryDay[], P14Day[]>, rule: FlagRule): AlarmRecord {
  const projects = [...flagDays].map(([days, list]) => {
    const sorted = list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const flags = flagSeries(sorted, rule);
    return {
      days: sorted.map((d, i) => ({ date: d.date, flagged: flags[i] ?? false, positive: d.positive })),
      events: days.flatMap((d, i) =>
        riskEventsOn(d, days[i - 1] ?? null).length > 0 ? [`${d.date}T23:59:59.999Z`] : [],
      ),
    };
  });
  return { ...flagEpisodeQuality(projects, 14), threshold: rule.on, rule };
}

function horizonRecord(h: ForecastHorizon, rows: Labelled[], minLabelled: number): HorizonTrackRecord {
  const events = rows.filter((r) => r.y).length;
  const rate = rows.length ? events / rows.length : 0;
  const brier = brierScore(rows);
  const brierBase = brierScore(rows.map((r) => ({ p: rate, y: r.y })));
  const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
  const sufficient = rows.length >= minLabelled;
  return {
    horizonDays: h,
    labelled: rows.length,
    events,
    brier: r4(brier),
    brierBaseRate: r4(brierBase),
    bins: reliabilityTable(rows),
    sufficient,
    reason: sufficient
      ? null
      : `too few labelled forecasts yet: ${rows.length} with a closed ${h}-day window (${minLabelled} needed)`,
  };
}
