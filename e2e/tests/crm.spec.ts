import { expect, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { fixture, screenshotBoth, signIn, switchProject } from './helpers.ts';

/**
 * A project manager opens the CRM screen of the sandbox project (its deals come from the demo's
 * Attio sync, no extra command), moves an open deal to "Won 🎉" with the stage control, and the
 * deal shows in the Won column — written to the sandbox Attio first, then to Keel's mirror.
 */
test('when a pm moves a deal’s stage on the CRM screen, then the deal shows in the new stage', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page, E2E.pm);
  await switchProject(page, fixture().project);
  await page.goto('/crm');
  await expect(page.getByRole('heading', { name: 'CRM', level: 1 })).toBeVisible();
  const openDeals = page.locator(
    '[data-testid="crm-stage"]:not([data-stage="Won 🎉"]):not([data-stage="Lost"]) [data-testid="crm-deal"]',
  );
  await expect(async () => {
    await page.reload();
    await expect(openDeals.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 360_000, intervals: [10_000] });
  await expect(
    page.getByRole('list', { name: 'CRM overview' }).or(page.getByLabel('CRM overview')),
  ).toBeVisible();

  const deal = openDeals.first();
  const title = (await deal.getAttribute('data-deal')) ?? '';
  expect(title).not.toBe('');
  await deal.getByLabel(`Stage of ${title}`).selectOption('Won 🎉');
  await deal.getByRole('button', { name: `Move ${title}` }).click();

  const won = page.locator('[data-testid="crm-stage"][data-stage="Won 🎉"]');
  await expect(
    won.locator(`[data-testid="crm-deal"][data-deal="${title.replaceAll('"', '\\"')}"]`),
  ).toBeVisible();
  await expect(
    openDeals.filter({ has: page.locator(`[data-deal="${title.replaceAll('"', '\\"')}"]`) }),
  ).toHaveCount(0);
  // The phone picture shows the moved deal, not only the tiles above it.
  await screenshotBoth(page, 'crm', async () => {
    await won.scrollIntoViewIfNeeded();
    await expect(won).toBeVisible();
  });
});
