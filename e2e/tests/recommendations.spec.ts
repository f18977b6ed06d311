import { expect, type Page, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn } from './helpers.ts';

/**
 * The demo's scheduler syncs the sandbox and runs the intelligence refresh (recommendations v2
 * included) on start; the queue fills within minutes. Reload until the first card is there.
 */
async function openQueue(page: Page, withMessage = false) {
  await page.goto('/recommendations');
  const all = page.getByRole('region', { name: 'Recommendation queue' }).getByRole('article');
  // Cards whose evidence includes a client message (escalation, waiting client, silence …).
  const cards = withMessage ? all.filter({ has: page.locator('[data-evidence-link]') }) : all;
  await expect(async () => {
    await page.reload();
    await expect(cards.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 300_000, intervals: [5_000] });
  return cards;
}

test('when a manager opens Recommendations, then the top card shows its evidence, opens it, and accepting it updates its status', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signIn(page);
  await openQueue(page);
  await screenshotBoth(page, 'recommendations', () =>
    expect(page.getByRole('heading', { name: 'Recommendations', level: 1 })).toBeVisible(),
  );
  // The highest-ranked card that cites a client message: its evidence opens the message.
  const cards = await openQueue(page, true);
  const withMessage = cards.first();
  await expect(withMessage).toBeVisible();
  const title = (await withMessage.getByRole('heading', { level: 3 }).textContent()) ?? '';
  await withMessage.locator('[data-evidence-link]').first().click();
  await expect(page).toHaveURL(/\/conversations\/\d+\?m=\d+/);
  await expect(page.locator('[data-target="true"]').first()).toBeVisible();

  await page.goto('/recommendations');
  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .first();
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(card.getByText('Accepted', { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Mark done' })).toBeVisible();
});

test('when a viewer opens Recommendations, then they read the queue but cannot act', async ({ page }) => {
  test.setTimeout(360_000);
  await signIn(page, E2E.viewer);
  const cards = await openQueue(page);
  const top = cards.first();
  await expect(top.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);
  await expect(top.getByRole('button', { name: 'Dismiss', exact: true })).toHaveCount(0);
  await expect(top.locator('textarea')).toHaveAttribute('readonly', '');
  await screenshotBoth(page, 'recommendations-viewer', () => expect(top).toBeVisible());
});
