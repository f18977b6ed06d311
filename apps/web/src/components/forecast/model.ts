import type { RouterOutputs } from '@/lib/trpc';

/** The forecast panels' shapes, straight from the kag procedures, and the words they use. */
export type Forecast = RouterOutputs['kag']['forecast']['items'][number];
export type Driver = Forecast['drivers'][number];
export type TrackRecord = RouterOutputs['kag']['forecastTrackRecord'];
export type HorizonRecord = TrackRecord['horizons'][number];
export type SimilarCase = RouterOutputs['kag']['similarCases']['items'][number];

export const percent = (p: number) => `${Math.round(p * 100)} %`;
export const binLabel = (lo: number, hi: number) => `${Math.round(lo * 100)}–${Math.round(hi * 100)} %`;

/**
 * The reliability chart's rows, in whole percent: per forecast band, how often an event followed
 * (null: no forecast in the band), what the band promised (its middle), and whether the current
 * forecast falls in it.
 */
export function reliabilityRows(bins: HorizonRecord['bins'], current: number | null) {
  const currentBin = current === null ? -1 : Math.min(bins.length - 1, Math.floor(current * bins.length));
  return bins.map((b, i) => ({
    band: `${Math.round(b.lo * 100)}`,
    observed: b.observedRate === null ? null : Math.round(b.observedRate * 100),
    promised: Math.round(((b.lo + b.hi) / 2) * 100),
    count: b.count,
    current: i === currentBin,
  }));
}

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
  reply_delay_3d: 'Reply time, last 3 days',
  reply_delay_7d: 'Reply time, last 7 days',
  reply_rise_3d: 'Replies slower than usual (3 days)',
  reply_rise_7d: 'Replies slower than usual (7 days)',
  reply_rise_change_7d: 'Replies slowing down over a week',
  reply_rise_change_14d: 'Replies slowing down over two weeks',
  reply_rise_young: 'Replies newly slower',
  reply_strained_days_30d: 'Days of slow replies in 30',
  negative_share_7d: 'Negative client messages this week',
  negative_rise_7d: 'More negative than usual',
  chases_7d: 'Clients chasing unanswered messages',
  client_messages_3d: 'Client messages, last 3 days',
  bug_share_14d: 'Bugs among new issues',
  bug_rise_14d: 'More bugs than usual',
  completed_change_7d: 'Issues completed vs usual',
  stressed_days_30d: 'Days at high risk in 30',
  relationship_days_30d: 'Days with relationship signals in 30',
  relationship_fresh: 'Relationship signals are new',
  escalation_fresh: 'Escalation language is new',
  stress_fresh: 'High risk is new',
  volume_ratio: 'Client messages vs usual',
  waiting_conversations: 'Conversations waiting for a reply',
  risk_slope_3d: 'Risk change over 3 days',
  risk_rise_14d: 'Risk rise from its 14-day low',
  risk_rise_21d: 'Risk rise from its 21-day low',
  risk_max_30d: 'Highest risk in 30 days',
  risk_drawdown_30d: 'Risk fallen from its 30-day high',
  peak_age_30d: 'Since risk peaked',
  ramp_0_7: 'Risk rising for under a week',
  ramp_7_14: 'Risk rising for 1–2 weeks',
  ramp_14_21: 'Risk rising for 2–3 weeks',
  ramp_21_plus: 'Risk raised for 3 weeks or more',
  risk_while_ramping: 'Risk while rising',
  rise_while_ramping: 'Risk rise while rising',
  high_severity_0_7: 'High-severity signal, under a week old',
  high_severity_7_14: 'High-severity signal, 1–2 weeks old',
  high_severity_14_plus: 'High-severity signal, over 2 weeks old',
  signals_new_7d: 'New signals this week',
  signals_held_14d: 'Signals held for two weeks',
  messages_change_14d: 'Client messages vs two weeks ago',
};

const words = (s: string) => s.replace(/_/g, ' ');
/** A label starts with a capital, as every other driver's does. */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Drivers whose contribution shows at two decimals (what the list prints); the rest moved nothing. */
export const movingDrivers = (drivers: readonly Driver[]): Driver[] =>
  drivers.filter((d) => Math.abs(d.contribution) >= 0.005);

/** A model term as a manager reads it. */
export function driverLabel(term: string): string {
  if (TERMS[term]) return TERMS[term];
  if (term.startsWith('signal:')) return `Signal: ${words(term.slice(7))}`;
  if (term.startsWith('component:')) return capital(`${words(term.slice(10))} score`);
  if (term.startsWith('component_delta_7d:')) return capital(`${words(term.slice(19))} score, 7-day change`);
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
    // Reply times are stored as ln(1 + hours); rises as the log of a ratio to the usual.
    case 'reply_delay_3d':
    case 'reply_delay_7d':
      return `${(Math.exp(d.value) - 1).toFixed(1)} h`;
    case 'reply_rise_3d':
    case 'reply_rise_7d':
    case 'reply_rise_young':
      return `${Math.exp(d.value).toFixed(1)}× usual`;
    case 'reply_strained_days_30d':
      return `${Math.round(d.value * 30)} days`;
    case 'negative_share_7d':
    case 'bug_share_14d':
      return percent(d.value);
    case 'chases_7d':
      return String(Math.round(Math.expm1(d.value)));
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

/**
 * "The at-risk flag was raised 12 times here; 8 were followed by a risk event within 14 days.
 * It flagged 9 of 13 risk events beforehand, a median 6 days ahead." Null without alarms.
 */
export function alarmSentence(alarms: TrackRecord['alarms']): string | null {
  if (!alarms || (alarms.episodes === 0 && alarms.events === 0)) return null;
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  const raised =
    alarms.episodes === 0
      ? 'The at-risk flag has not been raised here yet.'
      : `The at-risk flag was raised ${times(alarms.episodes)} here; ${alarms.borneOut} ${alarms.borneOut === 1 ? 'was' : 'were'} followed by a risk event within 14 days.`;
  if (alarms.events === 0) return raised;
  const lead =
    alarms.medianLeadDays === null ? '' : `, a median ${Math.round(alarms.medianLeadDays)} days ahead`;
  return `${raised} It flagged ${alarms.warned} of ${alarms.events} risk events beforehand${lead}.`;
}

/**
 * How the flag is raised, in a manager's words: "Keel raises the at-risk flag when the 14-day
 * chance averages 22 % or more over 2 days and keeps it while the chance stays at 15 % or more."
 * Null without a rule (older servers).
 */
export function flagRuleSentence(
  rule: NonNullable<TrackRecord['alarms']>['rule'] | undefined,
): string | null {
  if (!rule) return null;
  const level = percent(rule.on);
  const over =
    rule.meanDays > 1 ? `averages ${level} or more over ${rule.meanDays} days` : `reaches ${level} or more`;
  const hold = rule.persistDays > 1 ? ` for ${rule.persistDays} days in a row` : '';
  const keep =
    rule.off !== undefined ? ` and keeps it while the chance stays at ${percent(rule.off)} or more` : '';
  return `Keel raises the at-risk flag when the 14-day chance ${over}${hold}${keep}.`;
}

export const EVENT_KINDS: Record<string, string> = {
  health_below_50: 'health fell below 50',
  escalation: 'an escalation',
  deal_lost: 'a lost deal',
  went_silent: 'the client went silent',
};
