import { describe, expect, it } from 'vitest';
import {
  storedHealthBand,
  buildPortfolioOverview,
  healthBand,
  type PortfolioProject,
  type ProjectFacts,
  sumAmounts,
} from '../src/portfolio/overview.ts';

const now = new Date('2026-11-20T12:00:00Z');
const project = (id: string, name = id): PortfolioProject => ({
  id,
  name,
  clientName: null,
  status: 'active',
  role: 'owner',
});

describe('healthBand', () => {
  it('when health crosses 50 and 70, then the band changes there', () => {
    expect([null, 0, 49.9, 50, 69.9, 70, 100].map(healthBand)).toEqual([
      'unscored',
      'at_risk',
      'at_risk',
      'watch',
      'watch',
      'healthy',
      'healthy',
    ]);
  });
});

describe('sumAmounts', () => {
  it('when amounts share a currency, then they add up, largest total first', () => {
    expect(
      sumAmounts([
        { currency: 'EUR', amountMinor: 100 },
        { currency: 'USD', amountMinor: 300 },
        { currency: 'EUR', amountMinor: 250 },
      ]),
    ).toEqual([
      { currency: 'EUR', amountMinor: 350 },
      { currency: 'USD', amountMinor: 300 },
    ]);
  });
});

describe('buildPortfolioOverview', () => {
  it('when projects differ in band, health and waiting time, then the worst comes first', () => {
    const facts = new Map<string, ProjectFacts>([
      ['healthy', { health: 90 }],
      ['watch', { health: 60 }],
      ['risk-low', { health: 30 }],
      ['risk-high', { health: 45, oldestWaitingSince: new Date('2026-11-19T12:00:00Z') }],
      ['risk-high-2', { health: 45, oldestWaitingSince: new Date('2026-11-20T06:00:00Z') }],
    ]);
    const overview = buildPortfolioOverview(
      ['healthy', 'new', 'watch', 'risk-high-2', 'risk-high', 'risk-low'].map((id) => project(id)),
      facts,
      now,
    );
    expect(overview.projects.map((p) => p.id)).toEqual([
      'risk-low',
      'risk-high',
      'risk-high-2',
      'watch',
      'new',
      'healthy',
    ]);
    expect(overview.projects.find((p) => p.id === 'risk-high')?.longestWaitHours).toBe(24);
    expect(overview.totals.byBand).toEqual({ at_risk: 3, watch: 1, healthy: 1, unscored: 1 });
    expect(overview.totals.averageHealth).toBe(54);
  });

  it('when a project has no facts at all, then it is listed unscored with zeros, not dropped', () => {
    const [row] = buildPortfolioOverview([project('fresh')], new Map(), now).projects;
    expect(row).toMatchObject({
      band: 'unscored',
      health: null,
      healthTrend7d: null,
      topSignal: null,
      openIssues: 0,
      awaitingReply: 0,
      longestWaitHours: null,
      lastClientMessageAt: null,
      openPipeline: [],
    });
  });

  it('when health a week ago is known, then the trend is the difference in points; totals add across projects', () => {
    const facts = new Map<string, ProjectFacts>([
      [
        'a',
        {
          health: 55.2,
          healthWeekAgo: 70,
          awaitingReply: 2,
          overdueIssues: 1,
          openPipeline: [{ currency: 'USD', amountMinor: 10 }],
        },
      ],
      [
        'b',
        {
          health: 80,
          awaitingReply: 1,
          openRecommendations: 3,
          openPipeline: [{ currency: 'USD', amountMinor: 5 }],
        },
      ],
    ]);
    const overview = buildPortfolioOverview([project('a'), project('b')], facts, now);
    expect(overview.projects[0]?.healthTrend7d).toBe(-14.8);
    expect(overview.projects[1]?.healthTrend7d).toBeNull();
    expect(overview.totals).toMatchObject({
      projects: 2,
      averageHealth: 67.6,
      awaitingReply: 3,
      overdueIssues: 1,
      openRecommendations: 3,
      openPipeline: [{ currency: 'USD', amountMinor: 15 }],
    });
    expect(overview.asOf).toBe(now.toISOString());
  });

  it('when a page is asked for, then rows are cut from the worst-first order and totals keep every project', () => {
    const facts = new Map<string, ProjectFacts>([
      ['a', { health: 90 }],
      ['b', { health: 20 }],
      ['c', { health: 60 }],
    ]);
    const page = buildPortfolioOverview([project('a'), project('b'), project('c')], facts, now, {
      offset: 1,
      limit: 1,
    });
    expect(page.projects.map((p) => p.id)).toEqual(['c']);
    expect(page.page).toEqual({ offset: 1, limit: 1, total: 3 });
    expect(page.totals.projects).toBe(3);
  });

  it('when nobody is scored, then the average health is null rather than 0', () => {
    expect(buildPortfolioOverview([project('x')], new Map(), now).totals.averageHealth).toBeNull();
  });
});

describe('buildPortfolioOverview sorted by 14-day risk', () => {
  it('when asked for risk14d, then the highest 14-day risk comes first, projects without one last (worst first among them)', () => {
    const projects = ['a', 'b', 'c', 'd'].map((id) => project(id));
    const facts = new Map<string, ProjectFacts>([
      ['a', { health: 90, risk14d: 0.2 }],
      ['b', { health: 40 }],
      ['c', { health: 80, risk14d: 0.7 }],
      ['d', { health: 60 }],
    ]);
    const byRisk = buildPortfolioOverview(projects, facts, now, undefined, 'risk14d');
    expect(byRisk.projects.map((r) => [r.id, r.risk14d])).toEqual([
      ['c', 0.7],
      ['a', 0.2],
      ['b', null],
      ['d', null],
    ]);
    const worst = buildPortfolioOverview(projects, facts, now);
    expect(worst.projects.map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('storedHealthBand', () => {
  it.each([
    [90, 'healthy'],
    [70, 'healthy'],
    [69.9, 'watch'],
    [50, 'watch'],
    [49, 'at_risk'],
    [25, 'at_risk'],
    [24.9, 'critical'],
  ] as const)('health %d is %s', (health, band) => {
    expect(storedHealthBand(health)).toBe(band);
  });
});
