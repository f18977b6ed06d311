import { expect, test } from '@playwright/test';
import { fixture, phraseFrom, screenshotBoth, signIn, switchProject } from './helpers.ts';

test('a manager syncs Chatwoot, reads a conversation, finds a phrase and signs out', async ({ page }) => {
  test.setTimeout(180_000);
  const { project } = fixture();

  await signIn(page);
  await switchProject(page, project);
  await page.goto('/connectors');
  const chatwoot = page.getByRole('region', { name: 'Chatwoot' });
  await expect(chatwoot).toBeVisible();
  await screenshotBoth(page, 'connectors', () => expect(chatwoot).toBeVisible());

  // Sync now: progress shows while it runs, and the card settles on the result.
  await chatwoot.getByRole('button', { name: 'Sync Chatwoot now' }).click();
  await expect(chatwoot.getByRole('progressbar')).toBeVisible();
  await expect(chatwoot.getByRole('status')).toContainText('Sync finished', { timeout: 120_000 });
  // The card's state refetch queues behind the in-process worker's own first syncs on PGlite's
  // single connection, so it may land well after the mutation's result.
  await expect(chatwoot.getByText('Healthy')).toBeVisible({ timeout: 60_000 });
  await expect(chatwoot.getByText('just now')).toBeVisible({ timeout: 60_000 });
  await screenshotBoth(page, 'connectors-synced');

  // Conversations of the project, then one of them.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
  const rows = page.getByRole('table', { name: 'Conversations' }).getByRole('link');
  await expect(rows.first()).toBeVisible();
  await screenshotBoth(page, 'conversations', () => expect(rows.first()).toBeVisible());
  await page.getByRole('button', { name: 'Contacts' }).click();
  await expect(page.getByRole('table', { name: 'Contacts' })).toBeVisible();
  await screenshotBoth(page, 'contacts', () =>
    expect(page.getByRole('table', { name: 'Contacts' })).toBeVisible(),
  );
  await page.getByRole('button', { name: 'Conversations', exact: true }).click();
  await rows.first().click();
  await expect(page).toHaveURL(/\/conversations\/\d+/);
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages.getByRole('listitem').first()).toBeVisible();
  await screenshotBoth(page, 'conversation', () => expect(messages).toBeVisible());

  // A phrase the client wrote, searched, lands on its message.
  const clientText = await messages.locator('li .rounded-tl-md').first().textContent();
  const phrase = phraseFrom(clientText ?? '');
  expect(phrase.length).toBeGreaterThan(3);
  await page.goto('/search');
  await page.getByLabel('Search conversations', { exact: true }).fill(phrase);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const first = page.getByRole('link', { name: /Open the message/ }).first();
  await expect(first).toBeVisible();
  await expect(page.locator('mark').first()).toBeVisible();
  await screenshotBoth(page, 'search', () => expect(first).toBeVisible());
  await first.click();
  await expect(page).toHaveURL(/\/conversations\/\d+\?/);
  const target = page.locator('[aria-current="true"]');
  await expect(target).toBeVisible();
  await expect(target.locator('mark').first()).toBeVisible();
  await screenshotBoth(page, 'search-landing', () => expect(target).toBeVisible());

  // The other screens, for the record.
  await page.goto('/jobs');
  await expect(page.getByRole('table', { name: 'Scheduled jobs' })).toBeVisible();
  await screenshotBoth(page, 'jobs', () =>
    expect(page.getByRole('table', { name: 'Scheduled jobs' })).toBeVisible(),
  );
  await page.goto('/audit');
  await expect(page.getByRole('table', { name: 'Audit events' })).toContainText('Started a connector sync');
  await screenshotBoth(page, 'audit', () =>
    expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible(),
  );

  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});
