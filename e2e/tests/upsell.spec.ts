import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { E2E } from '../env.ts';
import { screenshotBoth, signIn, switchProject } from './helpers.ts';

/**
 * The demo's scheduler scores every project, then its upsell_radar_refresh job (first run within
 * minutes) finds the clients of healthy projects who wrote about another project or more scope.
 * A project manager opens the radar, reads an opportunity's evidence (the message opens in the
 * conversation screen) and qualifies it; then previews and applies continuity for a project end.
 */
const apiUrl = `http://127.0.0.1:${E2E.apiPort}`;

async function apiSession(): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: apiUrl });
  const res = await api.post('/auth/login', { data: E2E.pm });
  expect(res.status()).toBe(200);
  return { api, csrf: ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken };
}

/** A project of the pm's whose radar holds a proposed opportunity (the job may still be on its way). */
async function projectWithRadar(): Promise<string> {
  const { api, csrf } = await apiSession();
  let found = '';
  try {
    await expect(async () => {
      const projects = (await (await api.get('/projects')).json()) as {
        data: { projects: Array<{ id: string; name: string }> };
      };
      for (const p of projects.data.projects) {
        const res = await api.get('/upsell/radar?status=proposed&limit=1', {
          headers: { 'x-csrf-token': csrf, 'x-project-id': p.id },
        });
        const body = (await res.json()) as { data?: { items: unknown[] } };
        if ((body.data?.items.length ?? 0) > 0) {
          found = p.name;
          return;
        }
      }
      throw new Error('no upsell opportunity yet');
    }).toPass({ timeout: 420_000, intervals: [15_000] });
  } finally {
    await api.dispose();
  }
  return found;
}

test('when a manager opens the upsell radar, then an opportunity shows its evidence and can be qualified; continuity applies once', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // Signing in through the web waits for the API to be up.
  await signIn(page, E2E.pm);
  const project = await projectWithRadar();
  await switchProject(page, project);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upsell radar' }).click();
  await expect(page.getByRole('heading', { name: 'Upsell radar', level: 1 })).toBeVisible();

  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('button', { name: 'Qualify' }) })
    .first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Next step');
  await screenshotBoth(page, 'upsell-radar', () => expect(card).toBeVisible());

  // Its evidence: the client's messages, each opening in Keel's conversation screen.
  await card.getByRole('button', { name: /^Evidence \(/ }).click();
  const dialog = page.getByRole('dialog');
  const messages = dialog.getByRole('list', { name: 'Evidence messages' });
  await expect(messages.getByRole('listitem').first()).toBeVisible();
  const open = messages.getByRole('link', { name: /Open the (message|conversation)/ }).first();
  await expect(open).toHaveAttribute('href', /^\/conversations\/\d+/);
  await screenshotBoth(page, 'upsell-evidence', () => expect(messages).toBeVisible());
  await open.click();
  await expect(page).toHaveURL(/\/conversations\/\d+/);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Upsell radar', level: 1 })).toBeVisible();

  // Qualify it: the card moves to qualified and offers the next moves.
  const id = (await card.getAttribute('data-upsell-id')) ?? '';
  const mine = page.locator(`[data-upsell-id="${id}"]`);
  await mine.getByRole('button', { name: 'Qualify' }).click();
  await expect(mine.getByText('qualified', { exact: true })).toBeVisible();
  await expect(mine.getByRole('button', { name: 'Mark converted' })).toBeVisible();

  // Continuity: preview the actions for a project end, then apply them once.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Continuity' }).click();
  await expect(page.getByRole('heading', { name: 'Continuity', level: 1 })).toBeVisible();
  await page.getByLabel('Trigger').selectOption('project_ended');
  await page.getByRole('button', { name: 'Preview' }).click();
  const planned = page.getByRole('list', { name: 'Planned actions' });
  await expect(planned.getByRole('listitem')).toHaveCount(3);
  await expect(planned.getByText('previewed', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(planned.getByText('applied', { exact: true })).toHaveCount(3);
  await expect(planned.locator('[data-action-type="chatwoot_checkin"]')).toContainText(
    'Open the draft in Outbound',
  );
  const history = page.getByRole('list', { name: 'Continuity history' });
  await expect(history.getByText('applied', { exact: true })).toHaveCount(3);
  await screenshotBoth(page, 'continuity', () => expect(planned).toBeVisible());
});
