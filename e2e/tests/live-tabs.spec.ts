import { expect, test } from '@playwright/test';
import { fixture, signIn, switchProject } from './helpers.ts';

test('when a sync runs in one tab, then a second tab’s connector screen updates without reload', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const first = await context.newPage();
  await signIn(first);
  await switchProject(first, fixture().project);
  await first.goto('/connectors');

  // Same browser, same session: the second tab opens its own event stream.
  const second = await context.newPage();
  await second.goto('/connectors');
  const watched = second.getByRole('region', { name: 'Linear' });
  await expect(watched).toBeVisible();
  await expect(second.getByRole('button', { name: /^Live/ })).toBeVisible();
  const before = await watched.textContent();
  let reloaded = false;
  second.on('framenavigated', (frame) => {
    if (frame === second.mainFrame()) reloaded = true;
  });

  await first
    .getByRole('region', { name: 'Linear' })
    .getByRole('button', { name: 'Sync Linear now' })
    .click();
  await expect(first.getByRole('region', { name: 'Linear' }).getByRole('status')).toContainText(
    'Sync finished',
    {
      timeout: 120_000,
    },
  );

  // The second tab hears sync.finished over SSE and refetches: its card changes by itself.
  await expect(watched.getByText('just now')).toBeVisible({ timeout: 30_000 });
  expect(await watched.textContent()).not.toBe(before);
  expect(reloaded).toBe(false);
});
