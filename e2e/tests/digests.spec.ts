import { expect, test } from '@playwright/test';
import { screenshotBoth, signIn } from './helpers.ts';

/**
 * The demo's scheduler syncs the sandbox, scores every project and then (brought forward by that
 * first scoring) writes the daily digest — no extra command. Reload until today's digest has
 * sections, then follow one of its lines to the project page.
 */
test('when the owner opens Digests, then today’s digest shows its sections and a line opens its project', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page);
  await page.goto('/digests');
  await expect(page.getByRole('heading', { name: 'Digests', level: 1 })).toBeVisible();
  const today = page.getByRole('region', { name: "Today's digest" });
  const projectLines = today.locator('button[data-link="project"]');
  await expect(async () => {
    await page.reload();
    await expect(projectLines.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 360_000, intervals: [10_000] });
  await expect(today.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(today.getByRole('list', { name: 'Delivery' })).toContainText('In app');
  await expect(today.getByRole('list', { name: 'Delivery' })).toContainText('SMTP is not configured');
  await screenshotBoth(page, 'digests', () => expect(projectLines.first()).toBeVisible());

  const project = (await projectLines.first().locator('span').first().textContent())?.trim() ?? '';
  await projectLines.first().click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(project);
});
