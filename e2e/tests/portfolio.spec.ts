import { expect, test } from '@playwright/test';
import { screenshotBoth, signIn } from './helpers.ts';

test("when a manager signs in, then the portfolio lists their projects and opens one's page", async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/portfolio$/);
  const table = page.getByRole('table', { name: 'Portfolio' });
  const open = table.getByRole('link', { name: /^Open / });
  await expect(open.first()).toBeVisible();
  await expect(page.getByRole('img', { name: /^Health of \d+ projects/ })).toBeVisible();
  await screenshotBoth(page, 'portfolio', () => expect(open.first()).toBeVisible());

  const name = ((await open.first().getAttribute('aria-label')) ?? '').replace(/^Open /, '');
  await open.first().click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole('button', { name: `Active project: ${name}. Switch project` }).first(),
  ).toBeVisible();
});
