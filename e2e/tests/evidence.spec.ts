import { expect, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn, switchProject } from './helpers.ts';

/**
 * A demo project whose signals cite client messages (the journeys' fixture project, Northwind,
 * has only a won deal's renewal cited; most others cite messages — evidence-demo.test.ts).
 */
const PROJECT = 'Kestrel Analytics Dashboard 2';

/**
 * The demo's scheduler syncs the sandbox and scores every project; the same job projects the
 * legacy signals and indexes the evidence they cite — no extra command. A pm opens Evidence,
 * searches a word from a cited client message, sees what cites it and opens the citing item.
 */
test('when a pm searches evidence for a word from a cited message, then the citing item opens', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page, E2E.pm);
  await switchProject(page, PROJECT);
  await page.goto('/evidence');
  await expect(page.getByRole('heading', { name: 'Evidence', level: 1 })).toBeVisible();
  const items = page.getByTestId('evidence-item');
  await expect(async () => {
    await page.reload();
    await expect(items.filter({ hasText: 'message' }).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 360_000, intervals: [10_000] });

  // A word of the first cited message's own text (past its "#12 — " conversation label).
  const snippet =
    (await items.filter({ hasText: 'message' }).first().locator('p').first().textContent()) ?? '';
  const word = (snippet
    .split(' — ')
    .slice(1)
    .join(' ')
    .match(/[\p{L}]{5,}/u) ?? snippet.match(/[\p{L}]{5,}/u))?.[0];
  expect(word, `a word in “${snippet}”`).toBeTruthy();
  await page.getByLabel('Search evidence').fill(word as string);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word as string)}`));
  const hit = items.first();
  await expect(hit).toContainText(new RegExp(word as string, 'i'));
  const citedBy = hit.getByRole('list', { name: 'Cited by' }).getByRole('link');
  await expect(citedBy.first()).toBeVisible();
  await screenshotBoth(page, 'evidence', () => expect(hit).toBeVisible());

  // Everything citing that one row, then the citing item itself.
  await hit.getByRole('link', { name: 'Everything that cites this' }).click();
  await expect(page).toHaveURL(/source_ref=/);
  await expect(page.getByText('Everything citing')).toBeVisible();
  await expect(items).toHaveCount(1);
  const href = await items
    .first()
    .getByRole('list', { name: 'Cited by' })
    .getByRole('link')
    .first()
    .getAttribute('href');
  await items.first().getByRole('list', { name: 'Cited by' }).getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp((href ?? '').split(/[?#]/)[0] as string));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
