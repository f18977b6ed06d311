/**
 * What no forecast can see: the share of 14-day positive days on which the generator's hidden
 * state still looks calm — stress within 0.05 of its calm level and contact volume ≥ 95 % — so
 * nothing a project shows (replies, tone, issues, volume) differs from a healthy project's. A flag
 * can catch such a day only by flagging calm-looking projects, which costs its precision; the share
 * bounds the recall any model reaches at a useful precision. Bench-only: reads hidden truth.
 */
import { engagementAt, riskEventsFor, stressAt } from '@keel/sandbox/generate/trajectory';
import type { Trajectory } from '@keel/sandbox/model';

/** The hidden onset, recovered from the trajectory's first risk event and riskEventsFor's own offsets. */
export function onsetFromEvents(trajectory: Trajectory, events: ReadonlyArray<{ kind: string; at: string }>) {
  const first = events.map((e) => Date.parse(e.at)).sort((a, b) => a - b)[0];
  const offset = riskEventsFor(trajectory, 0)[0]?.at;
  return first === undefined || offset === undefined ? null : first - offset;
}

const CALM_STRESS = stressAt('healthy', 0, 0);

export function looksCalm(trajectory: Trajectory, onset: number, at: number): boolean {
  return stressAt(trajectory, onset, at) <= CALM_STRESS + 0.05 && engagementAt(trajectory, onset, at) >= 0.95;
}
