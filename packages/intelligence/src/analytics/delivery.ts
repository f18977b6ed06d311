import { currentCycle, isBlocked, isBug } from '../kag/signals-delivery.ts';
import { DAY_MS, HOUR_MS, endOfDate, round } from '../kag/math.ts';
import type { CycleFact, IssueFact } from '../kag/types.ts';
import { ANALYTICS_CONFIG } from './config.ts';
import { nearestRank } from './response-time/measure.ts';

/**
 * Delivery for one project-day (pure), from the issues as they stood at `at` (factsAsOf):
 * throughput = issues completed in the window per week; cycle time = started → completed
 * (wall-clock hours) of those issues, p50 / p85 by nearest rank; overdue = open past the due
 * date; scope change = the current cycle's points added after its start (the scope_creep rule).
 */
export type DeliverySnapshot = {
  openIssues: number;
  completedIssues: number;
  overdueIssues: number;
  stalledIssues: number;
  blockedIssues: number;
  bugsCreated: number;
  throughputPerWeek: number;
  cycleTimeP50Hours: number | null;
  cycleTimeP85Hours: number | null;
  details: {
    cycleTimeSamples: number;
    scopeChange: {
      cycleId: string;
      cycleNumber: number;
      startingPoints: number;
      addedPoints: number;
      addedIssues: number;
      share: number | null;
    } | null;
    overdue: Array<{ issueId: string; identifier: string; dueDate: string }>;
  };
};

const isOpen = (i: IssueFact) =>
  !i.completedAt && !i.canceledAt && i.stateType !== 'completed' && i.stateType !== 'canceled';
const points = (i: IssueFact) => i.estimate ?? 1;

export function computeDeliverySnapshot(input: {
  issues: readonly IssueFact[];
  cycles: readonly CycleFact[];
  at: Date;
  periodDays: number;
}): DeliverySnapshot {
  const { issues, at, periodDays } = input;
  const t = at.getTime();
  const from = t - periodDays * DAY_MS;
  const open = issues.filter(isOpen);
  const completed = issues.filter(
    (i) => i.completedAt && i.completedAt.getTime() > from && i.completedAt.getTime() <= t,
  );
  const cycleTimes = completed
    .filter((i) => i.startedAt)
    .map((i) => ((i.completedAt?.getTime() ?? 0) - (i.startedAt?.getTime() ?? 0)) / HOUR_MS)
    .filter((h) => h >= 0);
  const overdue = open.filter((i) => i.dueDate && endOfDate(i.dueDate).getTime() < t);
  const cycle = currentCycle(input.cycles, at);
  let scopeChange: DeliverySnapshot['details']['scopeChange'] = null;
  if (cycle) {
    const inCycle = issues.filter((i) => i.cycleId === cycle.cycleId && !i.canceledAt);
    const cutoff = cycle.startsAt.getTime() + HOUR_MS;
    const added = inCycle.filter((i) => i.createdAt.getTime() > cutoff);
    const startingPoints = inCycle
      .filter((i) => i.createdAt.getTime() <= cutoff)
      .reduce((a, i) => a + points(i), 0);
    const addedPoints = added.reduce((a, i) => a + points(i), 0);
    scopeChange = {
      cycleId: cycle.cycleId,
      cycleNumber: cycle.number,
      startingPoints,
      addedPoints,
      addedIssues: added.length,
      share: startingPoints > 0 ? round(addedPoints / startingPoints, 3) : null,
    };
  }
  const p50 = nearestRank(cycleTimes, 0.5);
  const p85 = nearestRank(cycleTimes, 0.85);
  return {
    openIssues: open.length,
    completedIssues: completed.length,
    overdueIssues: overdue.length,
    stalledIssues: open.filter(
      (i) => i.startedAt && t - i.updatedAt.getTime() > ANALYTICS_CONFIG.stalledDays * DAY_MS,
    ).length,
    blockedIssues: open.filter(isBlocked).length,
    bugsCreated: issues.filter((i) => isBug(i) && i.createdAt.getTime() > from && i.createdAt.getTime() <= t)
      .length,
    throughputPerWeek: round((completed.length * 7) / periodDays, 3),
    cycleTimeP50Hours: p50 === null ? null : round(p50, 2),
    cycleTimeP85Hours: p85 === null ? null : round(p85, 2),
    details: {
      cycleTimeSamples: cycleTimes.length,
      scopeChange,
      overdue: overdue
        .slice(0, 50)
        .map((i) => ({ issueId: i.rowId, identifier: i.identifier, dueDate: i.dueDate ?? '' })),
    },
  };
}
