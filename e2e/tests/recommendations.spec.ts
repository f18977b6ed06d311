import { expect, type Page, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn } from './helpers.ts';

/**
 * The demo's scheduler syncs the sandbox and runs the intelligence refresh (recommendations v2
 * included) on start; the queue fills within minutes. Reload until the first card is there.
 */
async function openQueue(page: Page) {
  await page.goto('/recommendations');
  const cards = page.getByRole('region', { name: 'Recommendation queue' }).getByRole('article');
  await expect(async () => {
    await page.reload();
    await expect(cards.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  return cards;
}

test('when a manager opens Recommendations, then the top card shows its evidence, opens it, and accepting it updates its status', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signIn(page);
  const cards = await openQueue(page);
  await screenshotBoth(page, 'recommendations', () => expect(cards.first()).toBeVisible());

  // The highest-ranked card that cites a message: its evidence opens the conversation.
  const withMessage = cards.filter({ has: page.locator('[data-evidence-link]') }).first();
  await expect(withMessage).toBeVisible();
  const title = (await withMessage.getByRole('heading').textContent()) ?? '';
  await withMessage.locator('[data-evidence-link]').first().click();
  await expect(page).toHaveURL(/\/conversations\/\d+\?m=\d+/);
  await expect(page.locator('[data-target="true"]').first()).toBeVisible();

  await page.goto('/recommendations');
  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .first();
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Accept' }).click();
  await expect(card.getByText('Accepted', { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Mark done' })).toBeVisible();
});

test('when a viewer opens Recommendations, then they read the queue but cannot act', async ({ page }) => {
  test.setTimeout(360_000);
  await signIn(page, E2E.viewer);
  const cards = await openQueue(page);
  const top = cards.first();
  await expect(top.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(top.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);
  await expect(top.locator('textarea')).toHaveAttribute('readonly', '');
  await screenshotBoth(page, 'recommendations-viewer', () => expect(top).toBeVisible());
});
