import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { KAG_CONFIG } from './config.ts';
import { DAY_MS, HOUR_MS, daysBetween, endOfDate, ramp, round } from './math.ts';
import { type DetectorInput, makeSignal, plural } from './signal-base.ts';
import type { CycleFact, DetectedSignal, IssueFact } from './types.ts';

/** Delivery: Linear issues and cycles. One project-wide signal per rule, naming the worst issues. */
const isOpen = (i: IssueFact) =>
  !i.completedAt &&
  !i.canceledAt &&
  i.stateType !== 'completed' &&
  i.stateType !== 'canceled' &&
  i.stateType !== 'duplicate';
const points = (i: IssueFact) => i.estimate ?? 1;
const PRIORITY_FACTOR: Record<number, number> = { 1: 1, 2: 0.8 };
const priorityFactor = (p: number) => PRIORITY_FACTOR[p] ?? 0.6;
const issueRef = (i: IssueFact, weight: number, note: string): EvidenceRef => ({
  table: 'linear_issues_raw',
  id: i.rowId,
  label: `${i.identifier} ${i.title} (${note})`,
  weight: round(weight, 3),
});

export const isBlocked = (i: IssueFact) =>
  /block/i.test(i.stateName ?? '') || i.labels.some((l) => /block/i.test(l));
export const isBug = (i: IssueFact) => i.labels.some((l) => /bug|defect|баг|ошибк/i.test(l));

/** Sums per-issue weights into one severity: four fully weighted issues fill it. */
const pile = (weights: number[]) => Math.min(1, weights.reduce((a, b) => a + b, 0) / 4);

export function detectOverdueIssues(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.overdue_issues;
  const items = input.facts.issues
    .filter((i) => isOpen(i) && i.dueDate && endOfDate(i.dueDate) < input.now)
    .map((i) => {
      const days = daysBetween(endOfDate(i.dueDate ?? ''), input.now);
      return { i, days, w: (0.5 + 0.5 * ramp(days, 0, cfg.saturateDays)) * priorityFactor(i.priority) };
    })
    .sort((a, b) => b.w - a.w);
  const worst = items[0];
  if (!worst) return [];
  const maxDays = Math.max(...items.map((x) => x.days));
  return [
    makeSignal('overdue_issues', input.now, {
      subjectLabel: worst.i.identifier,
      severity: pile(items.map((x) => x.w)),
      value: items.length,
      title: `${plural(items.length, 'issue')} past due`,
      sentence: `${plural(items.length, 'open issue')} ${items.length === 1 ? 'is' : 'are'} past the due date, the oldest by ${Math.ceil(maxDays)} days; most pressing: ${worst.i.identifier} “${worst.i.title}”.`,
      evidence: items.map((x) => issueRef(x.i, x.w, `${Math.ceil(x.days)} d overdue`)),
      details: {
        issue: worst.i.identifier,
        issueTitle: worst.i.title,
        count: items.length,
        maxDays: Math.ceil(maxDays),
      },
    }),
  ];
}

export function detectStalledIssues(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.stalled_issues;
  const items = input.facts.issues
    .filter(
      (i) => isOpen(i) && i.stateType === 'started' && daysBetween(i.updatedAt, input.now) > cfg.staleDays,
    )
    .map((i) => {
      const age = daysBetween(i.updatedAt, input.now);
      return { i, age, w: 0.5 + 0.5 * ramp(age, cfg.staleDays, cfg.saturateDays) };
    })
    .sort((a, b) => b.age - a.age);
  const oldest = items[0];
  if (!oldest) return [];
  return [
    makeSignal('stalled_issues', input.now, {
      subjectLabel: oldest.i.identifier,
      severity: pile(items.map((x) => x.w)),
      value: items.length,
      title: `${plural(items.length, 'started issue')} stalled`,
      sentence: `${plural(items.length, 'started issue')} had no update for more than ${cfg.staleDays} days; ${oldest.i.identifier} “${oldest.i.title}” for ${Math.floor(oldest.age)} days.`,
      evidence: items.map((x) => issueRef(x.i, x.w, `no update for ${Math.floor(x.age)} d`)),
      details: {
        issue: oldest.i.identifier,
        issueTitle: oldest.i.title,
        count: items.length,
        days: Math.floor(oldest.age),
      },
    }),
  ];
}

export function detectBlockedIssues(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.blocked_issues;
  const items = input.facts.issues
    .filter((i) => isOpen(i) && isBlocked(i))
    .map((i) => {
      const age = daysBetween(i.updatedAt, input.now);
      return { i, age, w: 0.6 + 0.4 * ramp(age, 0, cfg.saturateDays) };
    })
    .sort((a, b) => b.age - a.age);
  const first = items[0];
  if (!first) return [];
  return [
    makeSignal('blocked_issues', input.now, {
      subjectLabel: first.i.identifier,
      severity: Math.min(1, items.reduce((a, x) => a + x.w, 0) / 3),
      value: items.length,
      title: `${plural(items.length, 'issue')} blocked`,
      sentence: `${plural(items.length, 'issue')} ${items.length === 1 ? 'is' : 'are'} marked blocked; ${first.i.identifier} “${first.i.title}” for ${Math.floor(first.age)} days.`,
      evidence: items.map((x) => issueRef(x.i, x.w, `blocked ${Math.floor(x.age)} d`)),
      details: { issue: first.i.identifier, issueTitle: first.i.title, count: items.length },
    }),
  ];
}

export function currentCycle(cycles: readonly CycleFact[], now: Date): CycleFact | undefined {
  return cycles.find((c) => c.startsAt <= now && now < c.endsAt && !c.completedAt);
}

export function detectScopeCreep(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.scope_creep;
  const cycle = currentCycle(input.facts.cycles, input.now);
  if (!cycle) return [];
  const inCycle = input.facts.issues.filter((i) => i.cycleId === cycle.cycleId && !i.canceledAt);
  // Linear does not tell when an issue joined a cycle; issues created after the start certainly joined late.
  const cutoff = cycle.startsAt.getTime() + cfg.startGraceHours * HOUR_MS;
  const added = inCycle.filter((i) => i.createdAt.getTime() > cutoff);
  const starting = inCycle.filter((i) => i.createdAt.getTime() <= cutoff);
  const startPts = starting.reduce((a, i) => a + points(i), 0);
  const addedPts = added.reduce((a, i) => a + points(i), 0);
  if (startPts === 0 || addedPts === 0) return [];
  const share = addedPts / startPts;
  if (share <= cfg.share) return [];
  return [
    makeSignal('scope_creep', input.now, {
      subjectKey: `cycle:${cycle.cycleId}`,
      subjectLabel: `cycle ${cycle.number}`,
      severity: 0.3 + 0.7 * ramp(share, cfg.share, 1),
      value: round(share, 3),
      title: `Scope grew ${Math.round(share * 100)} % in cycle ${cycle.number}`,
      sentence: `${addedPts} points (${plural(added.length, 'issue')}) were added to cycle ${cycle.number} after it started, ${Math.round(share * 100)} % of its starting ${startPts} points.`,
      evidence: added.map((i) => issueRef(i, points(i), `added ${i.createdAt.toISOString().slice(0, 10)}`)),
      details: { cycle: cycle.number, addedPoints: addedPts, startPoints: startPts },
    }),
  ];
}

export function detectCycleAtRisk(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.cycle_at_risk;
  const cycle = currentCycle(input.facts.cycles, input.now);
  if (!cycle) return [];
  const remainingIssues = input.facts.issues.filter((i) => i.cycleId === cycle.cycleId && isOpen(i));
  const remaining = remainingIssues.reduce((a, i) => a + points(i), 0);
  if (remaining < cfg.minRemaining) return [];
  const past = input.facts.cycles
    .filter((c) => c.endsAt <= input.now || c.completedAt)
    .sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())
    .slice(0, cfg.pastCycles);
  // Data sufficiency: without finished cycles there is no throughput to project from.
  if (past.length === 0) return [];
  const done = past.map((c) =>
    input.facts.issues
      .filter((i) => i.completedAt && i.completedAt >= c.startsAt && i.completedAt <= c.endsAt)
      .reduce((a, i) => a + points(i), 0),
  );
  const pastDays = past.reduce((a, c) => a + daysBetween(c.startsAt, c.endsAt), 0);
  const perDay = done.reduce((a, b) => a + b, 0) / Math.max(pastDays, 1);
  const daysLeft = Math.max(0, (cycle.endsAt.getTime() - input.now.getTime()) / DAY_MS);
  const projected = perDay * daysLeft;
  const coverage = projected / remaining;
  if (coverage >= cfg.ratio) return [];
  return [
    makeSignal('cycle_at_risk', input.now, {
      subjectKey: `cycle:${cycle.cycleId}`,
      subjectLabel: `cycle ${cycle.number}`,
      severity: 0.3 + 0.7 * ramp(1 - coverage, 1 - cfg.ratio, 1),
      value: round(coverage, 3),
      title: `Cycle ${cycle.number} will not finish`,
      sentence: `At the last ${plural(past.length, 'cycle')}' pace (${perDay.toFixed(1)} points a day), ${daysLeft.toFixed(1)} days left finish about ${Math.round(projected)} of ${remaining} remaining points (${Math.round(coverage * 100)} %).`,
      evidence: [
        {
          table: 'linear_cycles_raw',
          id: cycle.rowId,
          label: `cycle ${cycle.number}, ends ${cycle.endsAt.toISOString().slice(0, 10)}`,
        },
        ...remainingIssues.map((i) => issueRef(i, points(i), 'open')),
      ],
      details: { cycle: cycle.number, remaining, projected: Math.round(projected) },
    }),
  ];
}

export function detectBugSpike(input: DetectorInput): DetectedSignal[] {
  const cfg = (input.config ?? KAG_CONFIG).signals.bug_spike;
  const now = input.now.getTime();
  const recentFrom = now - cfg.recentDays * DAY_MS;
  const baseFrom = recentFrom - cfg.baselineWeeks * 7 * DAY_MS;
  const bugs = input.facts.issues.filter(isBug);
  const recent = bugs.filter((i) => i.createdAt.getTime() >= recentFrom && i.createdAt.getTime() <= now);
  const baseline = bugs.filter(
    (i) => i.createdAt.getTime() >= baseFrom && i.createdAt.getTime() < recentFrom,
  );
  if (recent.length < cfg.minRecent) return [];
  // A floor of one bug a week: a team that never had bugs spikes at three, not at one.
  const weekly = Math.max(baseline.length / cfg.baselineWeeks, 1);
  const ratio = ((recent.length / cfg.recentDays) * 7) / weekly;
  if (ratio <= cfg.ratio) return [];
  return [
    makeSignal('bug_spike', input.now, {
      subjectLabel: input.facts.projectName,
      severity: 0.3 + 0.7 * ramp(ratio, cfg.ratio, 5),
      value: round(ratio, 2),
      title: 'Bug reports spiked',
      sentence: `${plural(recent.length, 'bug')} filed in the last ${cfg.recentDays} days, ${ratio.toFixed(1)}× the ${cfg.baselineWeeks}-week weekly average (${(baseline.length / cfg.baselineWeeks).toFixed(1)}).`,
      evidence: recent.map((i) => issueRef(i, 1, `filed ${i.createdAt.toISOString().slice(0, 10)}`)),
      details: { count: recent.length, ratio: round(ratio, 1) },
    }),
  ];
}
