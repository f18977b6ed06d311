import { expect, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn } from './helpers.ts';

test('when the password is wrong, then the form says so and stays on sign-in', async ({ page }) => {
  await page.goto('/sign-in');
  await screenshotBoth(page, 'sign-in');
  await page.getByLabel('E-mail').fill(E2E.demo.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#sign-in-error')).toContainText('do not match an account');
  await expect(page).toHaveURL(/\/sign-in/);
  await screenshotBoth(page, 'sign-in-error');
});

test('when signed out, then app pages send you to sign-in', async ({ page }) => {
  await page.goto('/connectors');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('when the demo user signs in and out, then the session starts and ends', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});
