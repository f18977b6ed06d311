import { expect, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { fixture, screenshotBoth, signIn, switchProject } from './helpers.ts';

/**
 * The demo's scheduler syncs the sandbox and, brought forward by that sync, the identity job
 * fills the review queue — no extra command. A manager accepts a pair: it leaves the queue and
 * is listed among the links without a reload (identity.updated over SSE); undo returns it.
 */
test('when a manager accepts an identity suggestion, then it is among the links, and undo returns it to the queue', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page, E2E.pm);
  await switchProject(page, fixture().project);
  await page.goto('/identity');
  await expect(page.getByRole('heading', { name: 'Identity review', level: 1 })).toBeVisible();
  const queue = page.getByRole('region', { name: /Waiting for review/ });
  const cards = queue.getByTestId('identity-suggestion');
  await expect(async () => {
    await page.reload();
    await expect(cards.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 360_000, intervals: [10_000] });

  const card = cards.first();
  // Both values of each matched field are shown, with the confidence.
  await expect(card.getByText(/\d+% confidence/)).toBeVisible();
  await expect(card.locator('dt').first()).toHaveText(/E-mail|Phone|Name|Company domain/);
  await screenshotBoth(page, 'identity-queue', () => expect(cards.first()).toBeVisible());

  const accept = card.getByRole('button', { name: /^Accept: / });
  const label = ((await accept.getAttribute('aria-label')) ?? '').replace(
    /^Accept: (.*) are the same$/,
    '$1',
  );
  const before = await cards.count();
  await accept.click();

  const links = page.getByRole('region', { name: /Linked/ });
  const link = links.getByTestId('identity-link').filter({
    has: page.getByRole('button', { name: `Undo link: ${label}` }),
  });
  await expect(link).toBeVisible();
  await expect(cards).toHaveCount(before - 1);
  await screenshotBoth(page, 'identity-linked', async () => {
    await link.scrollIntoViewIfNeeded();
    await expect(link).toBeVisible();
  });

  await link.getByRole('button', { name: `Undo link: ${label}` }).click();
  await expect(link).toHaveCount(0);
  await expect(queue.getByRole('button', { name: `Accept: ${label} are the same` })).toBeVisible();
});
