import { describe, expect, it } from 'vitest';
import { KAG_CONFIG } from '../src/kag/config.ts';
import { parseCandidateConfig } from '../src/kag/history/candidate-config.ts';
import { dayEnds } from '../src/kag/history/day.ts';
import { episodesOf, replayConfigs } from '../src/kag/history/replay.ts';
import type { ProjectFacts } from '../src/kag/types.ts';
import { NOW, daysAgo, issue } from './facts-builder.ts';

describe('parseCandidateConfig', () => {
  it('merges a patch over the current config and keeps everything else', () => {
    const r = parseCandidateConfig({ version: 'try-1', signals: { overdue_issues: { saturateDays: 7 } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.version).toBe('try-1');
    expect(r.config.signals.overdue_issues.saturateDays).toBe(7);
    expect(r.config.signals.stalled_issues).toEqual(KAG_CONFIG.signals.stalled_issues);
  });

  it.each([
    [{ signals: {} }, 'version'],
    [{ version: KAG_CONFIG.version }, "the current config's"],
    [{ version: 'x', signals: { overdue_isues: {} } }, 'signals'],
    [
      { version: 'x', scoring: { signalWeights: { client_waiting: 'high' } } },
      'scoring.signalWeights.client_waiting',
    ],
  ])('refuses %j naming %s', (patch, where) => {
    const r = parseCandidateConfig(patch);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(where);
  });
});

describe('episodesOf', () => {
  it('groups consecutive flagged days', () => {
    expect(episodesOf(['d1', 'd2', 'd3', 'd4', 'd5'], [true, true, false, true, false])).toEqual([
      { from: 'd1', to: 'd2', days: 2 },
      { from: 'd4', to: 'd4', days: 1 },
    ]);
  });
});

describe('replayConfigs', () => {
  const facts: ProjectFacts = {
    projectName: 'Apollo',
    clientName: null,
    timezone: 'UTC',
    messages: [],
    conversations: [],
    issues: [
      issue({
        createdAt: daysAgo(40),
        dueDate: daysAgo(10).toISOString().slice(0, 10),
        updatedAt: daysAgo(30),
      }),
    ],
    cycles: [],
    deals: [],
    activities: [],
  };

  it('reports when each config flags a signal: a heavier weight turns the project red earlier', () => {
    const r = parseCandidateConfig({
      version: 'heavy-overdue',
      scoring: { signalWeights: { overdue_issues: 10 }, categoryWeights: { delivery: 0.9 } },
    });
    if (!r.ok) throw new Error(r.errors.join());
    const report = replayConfigs(facts, dayEnds(daysAgo(14), NOW), KAG_CONFIG, r.config);
    const overdue = report.signals.find((s) => s.key === 'overdue_issues');
    // The same signal fires on the same days under both; only the score it moves differs.
    expect(overdue?.current.first).toBe(overdue?.candidate.first);
    const atRisk = report.signals.find((s) => s.key === 'at_risk');
    expect(atRisk?.current.days).toBe(0);
    expect(atRisk?.candidate.days).toBeGreaterThan(0);
    expect(report.meanHealth.candidate).toBeLessThan(report.meanHealth.current ?? 0);
  });
});
