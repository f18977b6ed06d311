import { type APIRequestContext, expect, type Locator, type Page, request, test } from '@playwright/test';
import { sandboxTokens } from '@keel/sandbox/emulators/start';
import { E2E } from '../env.ts';
import { fixture, screenshotBoth, signIn, switchProject } from './helpers.ts';

/**
 * One-click actions end to end, against the emulators scripts/stack.ts runs (seed 1, ports
 * sandboxPortBase + 0 chatwoot, + 1 linear): a project manager creates a Linear task from the
 * top card and watches it finish live; drafts a reply an owner then approves and sends once; a
 * viewer reads but cannot act, on screen or through the API.
 */
const tokens = sandboxTokens(1);
const chatwootUrl = `http://127.0.0.1:${E2E.sandboxPortBase}`;
const linearUrl = `http://127.0.0.1:${E2E.sandboxPortBase + 1}/graphql`;
const apiUrl = `http://127.0.0.1:${E2E.apiPort}`;

/** Cards of the queue suggesting `button`; reloads until the demo's refresh has produced one. */
async function cardWith(page: Page, button: string, type?: string): Promise<Locator> {
  await page.goto('/recommendations');
  if (type) await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: type });
  const card = page
    .getByRole('region', { name: 'Recommendation queue' })
    .locator('[data-recommendation-id]')
    .filter({ has: page.getByRole('button', { name: button }) })
    .first();
  await expect(async () => {
    if (!(await card.isVisible())) {
      await page.reload();
      if (type) await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: type });
    }
    await expect(card).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 300_000, intervals: [5_000] });
  return card;
}

async function linear<T>(query: string): Promise<T> {
  const res = await fetch(linearUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: tokens.linear },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`linear emulator: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function chatwootMessages(conversationId: string): Promise<{ content: string | null }[]> {
  const res = await fetch(`${chatwootUrl}/api/v1/accounts/1/conversations/${conversationId}/messages`, {
    headers: { api_access_token: tokens.chatwoot },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { payload: { content: string | null }[] }).payload;
}

async function apiSession(account: { email: string; password: string }): Promise<{
  api: APIRequestContext;
  csrf: string;
}> {
  const api = await request.newContext({ baseURL: apiUrl });
  const res = await api.post('/auth/login', { data: account });
  expect(res.status()).toBe(200);
  return { api, csrf: ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken };
}

test("when a manager creates the top card's Linear task, then it turns done live with a link, and the emulator holds exactly that issue", async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signIn(page, E2E.pm);
  const card = await cardWith(page, 'Create the Linear task');
  const id = (await card.getAttribute('data-recommendation-id')) ?? '';
  const mine = page.locator(`[data-recommendation-id="${id}"]`);

  // Its evidence: a client message opens in the app, a Linear issue links out to Linear.
  const inApp = card.locator('[data-evidence-link]');
  if ((await inApp.count()) > 0) {
    await inApp.first().click();
    await expect(page).toHaveURL(/\/conversations\/\d+\?m=\d+/);
    await expect(page.locator('[data-target="true"]').first()).toBeVisible();
    await page.goBack();
  } else {
    await expect(card.locator('a[target="_blank"]').first()).toHaveAttribute(
      'href',
      /^https:\/\/linear\.app\/brightside\/issue\/[A-Z0-9]+-\d+$/,
    );
  }

  await mine.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(mine).toHaveAttribute('data-status', 'accepted');
  const title = ((await mine.locator('textarea').inputValue()).split('\n')[0] ?? '').trim();
  expect(title.length).toBeGreaterThan(0);
  await mine.getByRole('button', { name: 'Create the Linear task' }).click();

  // No reload: the run answers done, the server closes the card and the queue drops it over SSE.
  await expect(mine.locator('[data-run-status="succeeded"]')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Done just now' }).locator(`[data-recommendation-id="${id}"]`),
  ).toBeVisible();
  await expect(mine).toHaveAttribute('data-status', 'done');
  const link = mine.getByRole('link', { name: /Open what it created/ });
  const href = (await link.getAttribute('href')) ?? '';
  const identifier = /\/issue\/([A-Z0-9]+-\d+)$/.exec(href)?.[1] ?? '';
  expect(identifier, href).not.toBe('');

  const { issue } = await linear<{ issue: { title: string; description: string | null } }>(
    `{ issue(id: "${identifier}") { title description } }`,
  );
  expect(issue.title).toBe(title);
  expect(issue.description).toContain(`keel-key:rec:${id}:create_or_update_task:`);
  const [key, number] = identifier.split('-');
  const { issues } = await linear<{ issues: { nodes: { title: string }[] } }>(
    `{ issues(first: 250, filter: { team: { key: { eq: "${key}" } }, number: { gte: ${Number(number) - 5} } }) { nodes { title } } }`,
  );
  expect(issues.nodes.filter((n) => n.title === title)).toHaveLength(1);

  await screenshotBoth(page, 'recommendation-action-done', async () => {
    await mine.scrollIntoViewIfNeeded();
    await expect(mine.locator('[data-run-status="succeeded"]')).toBeVisible();
  });
});

test('when a manager drafts a reply and an owner approves and sends it, then Chatwoot receives it once and the history shows one attempt', async ({
  page,
  browser,
}) => {
  test.setTimeout(360_000);
  await signIn(page, E2E.pm);
  const text = `Thanks for waiting — we are on it and will update you today (e2e ${Date.now()}).`;
  // The top card's reply, drafted through the endpoint the card's button calls, to a contact who
  // wrote nothing lately: the demo's clients are often upset, and the outbox rightly holds a
  // send to an upset contact (a person replies first) — this journey is about sending once.
  const card = await cardWith(page, 'Accept');
  const id = (await card.getAttribute('data-recommendation-id')) ?? '';
  const project = (await card.getAttribute('data-project-name')) ?? '';
  const projectId = (await card.getAttribute('data-project-id')) ?? '';
  const target = fixture().quietReply;
  expect(target, 'the stack found a quiet contact').not.toBeNull();
  const { api, csrf } = await apiSession(E2E.pm);
  const res = await api.post(`/kag/v2/recommendations/${id}/actions`, {
    headers: { 'x-csrf-token': csrf, 'x-project-id': projectId },
    data: {
      actionType: 'send_message',
      draft: { text, conversationId: String(target?.conversationId), contactRef: String(target?.contactId) },
    },
  });
  const run = (await res.json()) as {
    data?: { status: string; lastError: string | null; externalUrl: string };
  };
  expect(res.status(), JSON.stringify(run)).toBe(200);
  expect(run.data?.status, run.data?.lastError ?? '').toBe('succeeded');
  expect(run.data?.externalUrl).toMatch(/^\/outbound\?message=/);
  await api.dispose();

  // The owner, in a session of their own.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, E2E.demo);
  await switchProject(owner, project);
  await owner.goto('/outbound');
  const row = owner.getByRole('row').filter({ hasText: text });
  await expect(row).toBeVisible();
  await expect(row.getByText('draft', { exact: true })).toBeVisible();
  const conversation = /Conversation (\d+)/.exec((await row.textContent()) ?? '')?.[1] ?? '';
  expect(conversation).not.toBe('');
  await row.getByRole('button', { name: 'Approve' }).click();
  // The outbox worker may send it first; either way it goes out once.
  const sendNow = row.getByRole('button', { name: 'Send now' });
  const sent = row.getByText('sent', { exact: true });
  await expect(sendNow.or(sent)).toBeVisible();
  if (await sendNow.isVisible()) await sendNow.click().catch(() => undefined);
  await expect(sent).toBeVisible();
  await row.getByRole('button', { name: new RegExp(text.slice(0, 20)) }).click();
  const attempts = owner.getByRole('listitem').filter({ hasText: /^#\d+/ });
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText('#1 succeeded');

  const inChatwoot = (await chatwootMessages(conversation)).filter((m) => m.content === text);
  expect(inChatwoot).toHaveLength(1);
  await screenshotBoth(owner, 'outbound-sent', () =>
    expect(row.getByText('sent', { exact: true })).toBeVisible(),
  );
  await ownerContext.close();
});

// Exact names: an evidence chip quoting a client ("… is unacceptable") is a button too.
test('when a viewer opens Recommendations, then no action is offered and the API refuses one', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signIn(page, E2E.viewer);
  await page.goto('/recommendations');
  const card = page
    .getByRole('region', { name: 'Recommendation queue' })
    .locator('[data-recommendation-id]')
    .first();
  await expect(async () => {
    if (!(await card.isVisible())) await page.reload();
    await expect(card).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 300_000, intervals: [5_000] });
  for (const name of [
    'Accept',
    'Dismiss',
    'Create the Linear task',
    'Draft the reply in the outbox',
    'Set the reminder',
  ])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  const id = (await card.getAttribute('data-recommendation-id')) ?? '';
  const projectId = (await card.getAttribute('data-project-id')) ?? '';

  const { api, csrf } = await apiSession(E2E.viewer);
  const headers = { 'x-csrf-token': csrf, 'x-project-id': projectId };
  const run = await api.post(`/kag/v2/recommendations/${id}/actions`, { headers, data: {} });
  expect(run.status()).toBe(403);
  const accept = await api.post(`/kag/v2/recommendations/${id}/status`, {
    headers,
    data: { status: 'accepted' },
  });
  expect(accept.status()).toBe(403);
  expect(((await accept.json()) as { message: string }).message).toMatch(/owner, pm/);
  await api.dispose();
});
