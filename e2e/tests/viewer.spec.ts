import { expect, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { fixture, screenshotBoth, signIn, switchProject } from './helpers.ts';

test('when a viewer opens the connectors, then they can read but not sync', async ({ page }) => {
  await signIn(page, E2E.viewer);
  await switchProject(page, fixture().project);
  await page.goto('/connectors');
  const chatwoot = page.getByRole('region', { name: 'Chatwoot' });
  await expect(chatwoot).toBeVisible();
  await expect(chatwoot.getByRole('button', { name: 'Sync Chatwoot now' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Sync all' })).toBeDisabled();
  await expect(page.getByText('Your role on this project is read-only').first()).toBeVisible();
  await screenshotBoth(page, 'connectors-viewer');
});
