import type { RouterOutputs } from '@/lib/trpc';

/** The forecast panels' shapes, straight from the kag procedures, and the words they use. */
export type Forecast = RouterOutputs['kag']['forecast']['items'][number];
export type Driver = Forecast['drivers'][number];
export type TrackRecord = RouterOutputs['kag']['forecastTrackRecord'];
export type HorizonRecord = TrackRecord['horizons'][number];
export type SimilarCase = RouterOutputs['kag']['similarCases']['items'][number];

export const percent = (p: number) => `${Math.round(p * 100)} %`;
export const binLabel = (lo: number, hi: number) => `${Math.round(lo * 100)}–${Math.round(hi * 100)} %`;

const TERMS: Record<string, string> = {
  risk: 'Current risk',
  risk_slope_7d: 'Risk change over 7 days',
  risk_slope_14d: 'Risk change over 14 days',
  risk_max_14d: 'Highest risk in 14 days',
  high_severity_signals: 'High-severity signals',
  similar_event_rate: 'What followed for similar projects',
  days_elevated: 'Days at elevated risk',
  newly_elevated: 'Risk recently became elevated',
  client_silence: 'Client silence',
  client_messages_7d: 'Client messages this week',
  overdue_issues: 'Overdue issues',
};

const words = (s: string) => s.replace(/_/g, ' ');

/** A model term as a manager reads it. */
export function driverLabel(term: string): string {
  if (TERMS[term]) return TERMS[term];
  if (term.startsWith('signal:')) return `Signal: ${words(term.slice(7))}`;
  if (term.startsWith('component:')) return `${words(term.slice(10))} score`;
  return words(term);
}

/** The term's value in its own unit (points, percent, a count). */
export function driverValue(d: Driver): string {
  switch (d.term) {
    case 'risk':
    case 'risk_max_14d':
      return `${Math.round(d.value * 100)} pts`;
    case 'risk_slope_7d':
    case 'risk_slope_14d': {
      const pts = Math.round(d.value * 100);
      return `${pts > 0 ? '+' : ''}${pts} pts`;
    }
    case 'similar_event_rate':
      return `${percent(d.value)} had an event`;
    case 'high_severity_signals':
      return String(Math.round(d.value));
    case 'days_elevated':
      return `${Math.round(d.value * 30)} days`;
    case 'newly_elevated':
      return d.value >= 1 ? 'yes' : 'no';
    default:
      return d.value.toFixed(2);
  }
}

/** "Of the projects we called 60–70 % at risk for 14 days, 64 % had a risk event." */
export function trackRecordSentence(record: HorizonRecord | undefined, p: number | null): string | null {
  if (!record || p === null) return null;
  if (!record.sufficient) return record.reason;
  const bin = record.bins[Math.max(0, Math.min(record.bins.length - 1, Math.floor(p * record.bins.length)))];
  if (!bin) return null;
  const range = binLabel(bin.lo, bin.hi);
  if (bin.count === 0 || bin.observedRate === null)
    return `Keel has not yet called a project ${range} at risk for ${record.horizonDays} days on this install.`;
  const few =
    bin.count < 10 ? ` — only ${bin.count} such calls so far, so read it loosely` : ` (${bin.count} calls)`;
  return `Of the projects Keel called ${range} at risk for ${record.horizonDays} days, ${percent(bin.observedRate)} had a risk event${few}.`;
}

export const EVENT_KINDS: Record<string, string> = {
  health_below_50: 'health fell below 50',
  escalation: 'an escalation',
  deal_lost: 'a lost deal',
  went_silent: 'the client went silent',
};
