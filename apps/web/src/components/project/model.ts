import type { RouterOutputs } from '@/lib/trpc';

/** The project page's shapes, straight from the kag procedures. */
export type Score = RouterOutputs['kag']['scores']['items'][number];
export type Contributor = Score['topContributors'][number];
export type Signal = RouterOutputs['kag']['signals']['items'][number];
export type EvidenceItem = RouterOutputs['kag']['signalEvidence']['items'][number];
export type DailyScore = RouterOutputs['kag']['scoreHistory']['items'][number];
export type SignalChange = RouterOutputs['kag']['signalHistory']['items'][number];

/** The scorer folds the tail of small contributors into one entry under this key (no signal behind it). */
export const OTHER_CONTRIBUTORS = 'other';

/** Scores are stored with decimals; people read whole points. */
export const points = (n: number) => String(Math.round(n));

/** A UTC day as the chart's axis says it: "Nov 19". */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? day
    : d.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
