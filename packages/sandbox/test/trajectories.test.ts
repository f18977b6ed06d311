import { describe, expect, it } from 'vitest';
import { INTENT } from '../src/generate/intents.ts';
import { generatePortfolio } from '../src/generate/portfolio.ts';
import type { Dataset, Trajectory } from '../src/model.ts';

const DAY = 86_400_000;
/** Enough projects per trajectory to compare averages, far lighter than bench-100. */
const ds = generatePortfolio({
  seed: 31,
  baseDate: '2025-07-01T09:00:00.000Z',
  size: {
    name: 'demo',
    clients: 24,
    projects: 40,
    historyDays: 150,
    messagesPerProject: 500,
    issuesPerProject: 80,
    deals: 80,
    staff: 12,
  },
});

type Stats = {
  escalationShare: number;
  recentClientShare: number;
  overdue: number;
  stalled: number;
  replyHours: number;
};

function projectStats(d: Dataset, p: number): Stats {
  const now = d.now / 1000;
  let client = 0;
  let escalations = 0;
  let recentClient = 0;
  let earlierClient = 0;
  const delays: number[] = [];
  for (const conv of d.conversations) {
    if (conv.projectIndex !== p) continue;
    let lastIncoming: number | null = null;
    for (const r of conv.messages) {
      const type = d.messages.type[r];
      const at = d.messages.createdAt[r] ?? 0;
      if (type === 0) {
        client++;
        if (d.messages.intent[r] === INTENT.escalation || d.messages.intent[r] === INTENT.complaint)
          escalations++;
        if (at > now - 14 * 86_400) recentClient++;
        else if (at > now - 70 * 86_400) earlierClient++;
        lastIncoming ??= at;
      } else if (type === 1 && lastIncoming !== null && at > now - 14 * 86_400) {
        delays.push(at - lastIncoming);
        lastIncoming = null;
      } else if (type === 1) lastIncoming = null;
    }
  }
  const issues = d.issues.filter(
    (i) => i.projectIndex === p && i.completedAt === null && i.canceledAt === null,
  );
  delays.sort((a, b) => a - b);
  return {
    escalationShare: client === 0 ? 0 : escalations / client,
    recentClientShare: recentClient / Math.max(1, earlierClient / 4),
    overdue: issues.filter((i) => i.dueDate !== null && Date.parse(i.dueDate) < d.now).length,
    stalled: issues.filter((i) => i.startedAt !== null && d.now - i.updatedAt > 5 * DAY).length,
    replyHours: (delays[Math.floor(delays.length / 2)] ?? 0) / 3600,
  };
}

function average(trajectory: Trajectory, key: keyof Stats): number {
  const values = ds.projects.flatMap((p, i) =>
    p.trajectory === trajectory && (trajectory === 'healthy' || p.onset < ds.now - 14 * DAY)
      ? [projectStats(ds, i)[key]]
      : [],
  );
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

describe('hidden trajectories shape the data the way signals look for it', () => {
  it('when a project escalates, then it has more negative and escalation language and slower replies than a healthy one', () => {
    expect(average('escalating', 'escalationShare')).toBeGreaterThan(
      2 * average('healthy', 'escalationShare'),
    );
    expect(average('escalating', 'replyHours')).toBeGreaterThan(3 * average('healthy', 'replyHours'));
  });

  it('when a project slips, then it has more overdue and stalled issues than a healthy one', () => {
    expect(average('slipping', 'stalled')).toBeGreaterThan(2 * average('healthy', 'stalled'));
    expect(average('slipping', 'overdue')).toBeGreaterThan(average('healthy', 'overdue'));
  });

  it('when a client churns, then its recent message volume drops well below its earlier weekly rate', () => {
    expect(average('churning', 'recentClientShare')).toBeLessThan(
      0.5 * average('healthy', 'recentClientShare'),
    );
  });

  it('when the ground truth is read, then every project has its trajectory and dated risk events', () => {
    expect(ds.groundTruth.projects).toHaveLength(ds.projects.length);
    for (const p of ds.groundTruth.projects) {
      expect(p.trajectory).toBe(ds.projects[p.projectIndex]?.trajectory);
      if (p.trajectory !== 'healthy') expect(p.riskEvents.length).toBeGreaterThan(0);
      for (const e of p.riskEvents) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
  });
});
