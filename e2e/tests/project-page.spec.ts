import { expect, type Locator, type Page, test } from '@playwright/test';
import { screenshotBoth, signIn } from './helpers.ts';

/** How long the in-process worker may take to sync and score every demo project on a busy machine. */
const ALL_SCORED_MS = 90_000;
const ANY_SCORED_MS = 420_000;
/** The first forecast follows the first daily pipeline pass (snapshots → signatures → forecasts). */
const FORECAST_MS = 240_000;

/**
 * The in-process worker scores each project after its first syncs: the worst project is the
 * first row once every row is scored (or, when some project is still unscored after a while,
 * the first scored row).
 */
async function worstScoredProject(page: Page): Promise<Locator> {
  const table = page.getByRole('table', { name: 'Portfolio' });
  const firstRow = table.locator('tbody tr').first();
  const scored = /\d+ · (At risk|Watch|Healthy)/;
  const started = Date.now();
  while (Date.now() - started < ANY_SCORED_MS) {
    await page.reload();
    await expect(firstRow).toBeVisible();
    const firstScored = scored.test((await firstRow.textContent()) ?? '');
    const unscored = await table.getByText('Not scored yet').count();
    if (firstScored && (unscored === 0 || Date.now() - started > ALL_SCORED_MS)) break;
    await page.waitForTimeout(5_000);
  }
  await expect(firstRow).toContainText(scored);
  return firstRow.getByRole('link', { name: /^Open / });
}

test('when a manager opens the worst project, then its health is explained down to a message or an issue', async ({
  page,
}) => {
  test.setTimeout(ANY_SCORED_MS + FORECAST_MS + 180_000);
  await signIn(page);
  await page.goto('/portfolio');
  const open = await worstScoredProject(page);
  const name = ((await open.getAttribute('aria-label')) ?? '').replace(/^Open /, '');
  await open.click();

  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(
    page.getByRole('button', { name: `Active project: ${name}. Switch project` }).first(),
  ).toBeVisible();
  const decomposition = page.getByRole('region', { name: 'Health decomposition' });
  await expect(decomposition.getByRole('table', { name: 'Health by category' })).toBeVisible();
  const evidence = decomposition.getByRole('button', { name: /^Evidence for / });
  await expect(evidence.first()).toBeVisible();
  const trend = page.getByRole('region', { name: 'Health over 90 days' });
  await expect(trend.getByRole('img', { name: /^(Health \d+ on|Health from) / })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Signals over time' })).toBeVisible();

  // The forecast: the daily pipeline (brought forward by the first sync) writes it after the
  // snapshots and signatures; until then the panel says there is none yet.
  const forecast = page.getByRole('region', { name: 'Risk forecast' });
  await expect(async () => {
    await page.reload();
    await expect(forecast.getByTestId('forecast-14')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: FORECAST_MS, intervals: [5_000] });
  const drivers = forecast.getByRole('list', { name: 'Forecast drivers' });
  const notEnough = forecast.getByRole('status').filter({ hasText: /^not enough history yet: / });
  await expect(drivers.or(notEnough)).toBeVisible();
  if (await drivers.isVisible()) {
    await expect(forecast.getByTestId('forecast-14')).toHaveText(/^\d+ %$/);
    await expect(drivers.getByTestId('forecast-driver').first()).toContainText(/(raises|lowers) the risk/);
  } else {
    await expect(forecast.getByTestId('forecast-14')).toHaveText('—');
  }
  await expect(page.getByRole('region', { name: 'How often Keel was right here' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Projects that looked like this' })).toBeVisible();
  await screenshotBoth(page, 'project-forecast', async () => {
    await forecast.scrollIntoViewIfNeeded();
    await expect(forecast).toBeVisible();
  });
  const trackRecord = page.getByRole('region', { name: 'How often Keel was right here' });
  await screenshotBoth(page, 'project-track-record', async () => {
    await trackRecord.scrollIntoViewIfNeeded();
    await expect(trackRecord).toBeVisible();
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotBoth(page, 'project', () => expect(evidence.first()).toBeVisible());

  // Each contributing signal opens its evidence; follow the first that links to a message in
  // Keel, or else check an issue's link points at the vendor.
  const dialog = page.getByRole('dialog');
  let issueHref: string | null = null;
  for (let i = 0; i < (await evidence.count()); i++) {
    await evidence.nth(i).click();
    const list = dialog.getByRole('list', { name: 'Evidence' });
    await expect(list).toBeVisible();
    if (i === 0) await screenshotBoth(page, 'project-evidence', () => expect(list).toBeVisible());
    const message = list.getByRole('link', { name: 'Open the message' }).first();
    if (await message.isVisible()) {
      await message.click();
      await expect(page).toHaveURL(/\/conversations\/\d+\?m=\d+$/);
      await expect(page.locator('[aria-current="true"]')).toBeVisible();
      await screenshotBoth(page, 'project-evidence-message', () =>
        expect(page.locator('[aria-current="true"]')).toBeVisible(),
      );
      return;
    }
    const issue = list.getByRole('link', { name: /^Open [A-Z]+-\d+$/ }).first();
    if (!issueHref && (await issue.isVisible())) issueHref = await issue.getAttribute('href');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  expect(issueHref, 'no contributing signal links to a message or an issue').toMatch(/^https?:\/\//);
});
