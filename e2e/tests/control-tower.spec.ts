import { expect, type Page, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn } from './helpers.ts';

/** The in-process worker syncs and scores the demo projects after start (see project-page.spec.ts). */
const ANY_SCORED_MS = 420_000;
/** Revenue at risk is written by the analytics refresh, a step after the first scores. */
const REVENUE_MS = 420_000;

/** Reloads until `ready` holds (the worker fills the tables while the journey waits). */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await ready()) return;
    await page.waitForTimeout(5_000);
    await page.reload();
  }
}

/** Opens the first project of a drilldown (the largest contribution) and checks its page shows the evidence behind its health. */
async function openProjectWithEvidence(page: Page): Promise<void> {
  const rows = page.getByTestId('drilldown-row');
  await expect(rows.first()).toBeVisible();
  const project = rows.first().getByRole('link').first();
  const name = ((await project.textContent()) ?? '').trim();
  await project.click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // The evidence behind its health: the signals with their evidence, or the page saying none
  // takes anything off (a project at full health has none to show).
  const decomposition = page.getByRole('region', { name: 'Health decomposition' });
  const evidence = decomposition.getByRole('button', { name: /^Evidence for / }).first();
  const none = decomposition.getByText('No active signal takes anything off.');
  await expect(evidence.or(none)).toBeVisible({ timeout: 30_000 });
  if (await evidence.isVisible()) {
    await evidence.click();
    await expect(page.getByRole('dialog')).toBeVisible();
  }
}

test('when an executive signs in, then the control tower is home and a health band opens its projects and their evidence', async ({
  page,
}) => {
  test.setTimeout(ANY_SCORED_MS + 120_000);
  await signIn(page, E2E.exec);
  await expect(page).toHaveURL(/\/control-tower$/);
  await expect(page.getByRole('link', { name: 'Control tower' }).first()).toBeVisible();
  for (const tile of ['tile-health', 'tile-revenue', 'tile-sla', 'tile-acted', 'tile-freshness'])
    await expect(page.getByTestId(tile)).toBeVisible();
  await expect(page.getByTestId('tile-sla')).toContainText(/answered|Share of client messages|Target/i);

  // Wait for the first scores: a scored band (worst first) with at least one project.
  const health = page.getByTestId('tile-health');
  const countOf = async (band: string) =>
    Number((await health.getByTestId(`band-${band}`).getByTestId('band-count').textContent())?.trim() ?? '0');
  const firstScoredBand = async () => {
    for (const band of ['at_risk', 'watch', 'healthy']) if ((await countOf(band)) > 0) return band;
    return null;
  };
  await reloadUntil(page, async () => (await firstScoredBand()) !== null, ANY_SCORED_MS);
  await screenshotBoth(page, 'control-tower', () => expect(health).toBeVisible());

  const band = await firstScoredBand();
  expect(band).not.toBeNull();
  await health.getByTestId(`band-${band}`).getByTestId('band-count').click();
  await expect(page).toHaveURL(/\/control-tower\/drilldown\?metric=health_band/);
  await screenshotBoth(page, 'control-tower-health-drilldown', () =>
    expect(page.getByTestId('drilldown-row').first()).toBeVisible(),
  );
  await openProjectWithEvidence(page);
  await screenshotBoth(page, 'control-tower-health-project');
});

test('when an executive clicks revenue at risk, then the projects behind it add up and one opens with its evidence', async ({
  page,
}) => {
  test.setTimeout(REVENUE_MS + 120_000);
  await signIn(page, E2E.exec);
  await expect(page).toHaveURL(/\/control-tower$/);
  const revenue = page.getByTestId('tile-revenue').getByRole('link', { name: /^Revenue at risk in / });
  // The analytics refresh writes revenue snapshots after the first sync and scores.
  await reloadUntil(page, async () => (await revenue.count()) > 0, REVENUE_MS);
  await expect(revenue.first()).toBeVisible();
  // The drilldown's total is the tile's figure: the rows are what makes it. While the worker is
  // still writing other projects' first analytics the figure moves between the tile and the
  // drilldown, so the pair is read again until both show the same data.
  await expect(async () => {
    await page.goto('/control-tower');
    const figure = ((await revenue.first().textContent()) ?? '').trim();
    await revenue.first().click();
    await expect(page).toHaveURL(/\/control-tower\/drilldown\?metric=revenue_at_risk&currency=[A-Z]{3}/);
    await expect(page.getByTestId('drilldown-total')).toHaveText(figure, { timeout: 5_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  await screenshotBoth(page, 'control-tower-revenue-drilldown', () =>
    expect(page.getByTestId('drilldown-row').first()).toBeVisible(),
  );
  await openProjectWithEvidence(page);
  await screenshotBoth(page, 'control-tower-project-evidence');
});
