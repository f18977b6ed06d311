import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, runCliCommand } from '../src/cli/commands.ts';
import { createAndSelectProject, createTestApp, login, seedUser, type TestApp } from './helpers.ts';

/** `pnpm keel apikey:create|list|revoke` over a real test database, checked through the HTTP API. */
let t: TestApp;
let email: string;
let projectId: string;
let otherProjectId: string;

async function keel(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const [command = '', ...rest] = argv;
  const lines: string[] = [];
  const code = await runCliCommand(command, parseCliArgs(rest), {
    deps: t.deps,
    out: (line) => lines.push(line),
  });
  return { code, lines };
}

const me = (key: string) =>
  t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  t = await createTestApp();
  const owner = await seedUser(t, { role: 'owner', workspace: 'cli-ws' });
  email = owner.email;
  const s = await login(t, owner.email, owner.password);
  projectId = (await createAndSelectProject(t, s, 'CLI project')).id;
  otherProjectId = (await createAndSelectProject(t, s, 'CLI other project')).id;
});
afterAll(async () => {
  await t?.close();
});

describe('pnpm keel apikey:*', () => {
  it('when a key is created, listed and revoked from the CLI, then it works until revoked and is refused at once after', async () => {
    const created = await keel('apikey:create', '--email', email, '--name', 'ci-bot', '--read-only');
    expect(created.code).toBe(0);
    const key = created.lines[0]?.match(/(keel_\S+)/)?.[1];
    expect(key).toBeDefined();
    if (!key) return;
    expect((await me(key)).statusCode).toBe(200);

    const listed = await keel('apikey:list', '--workspace', 'cli-ws');
    expect(listed.code).toBe(0);
    const line = listed.lines.find((l) => l.includes('"ci-bot"'));
    expect(line).toContain('active');
    expect(line).toContain('read-only');
    expect(line).toContain(email);
    // The list shows a prefix, never the key itself.
    expect(listed.lines.join('\n')).not.toContain(key);
    const id = line?.split(/\s+/)[0] ?? '';

    const revoked = await keel('apikey:revoke', '--id', id, '--workspace', 'cli-ws');
    expect(revoked.code).toBe(0);
    expect(revoked.lines[0]).toMatch(/^Revoked keel_/);
    const after = await me(key);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    const relisted = await keel('apikey:list', '--workspace', 'cli-ws');
    expect(relisted.lines.find((l) => l.startsWith(id))).toContain('revoked');
  });

  it('when a key is scoped to a project, then the list says so and another project is refused', async () => {
    const created = await keel(
      'apikey:create',
      '--email',
      email,
      '--project',
      projectId,
      '--expires-days',
      '7',
    );
    const key = created.lines[0]?.match(/(keel_\S+)/)?.[1] ?? '';
    const listed = await keel('apikey:list', '--workspace', 'cli-ws');
    expect(listed.lines.find((l) => l.includes(`projects ${projectId}`))).toBeDefined();
    const state = (project: string) =>
      t.app.inject({
        method: 'GET',
        url: '/connectors/state',
        headers: { authorization: `Bearer ${key}`, 'x-project-id': project },
      });
    expect((await state(projectId)).statusCode).toBe(200);
    expect((await state(otherProjectId)).statusCode).toBe(403);
  });

  it('when the input is wrong, then the command says what is missing and nothing is revoked', async () => {
    await expect(keel('apikey:create')).rejects.toThrow('needs --email');
    await expect(keel('apikey:create', '--email', 'nobody@example.test')).rejects.toThrow('No user');
    await expect(keel('apikey:create', '--email', email, '--expires-days', '0')).rejects.toThrow(
      'whole number',
    );
    await expect(keel('apikey:revoke')).rejects.toThrow('needs --id');
    await expect(keel('apikey:revoke', '--id', 'not-a-key', '--workspace', 'cli-ws')).rejects.toThrow(
      'No active API key',
    );
    await expect(keel('apikey:list', '--workspace', 'nope')).rejects.toThrow('No workspace "nope"');
  });
});

describe('pnpm keel replay', () => {
  const file = async (json: unknown) => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(await mkdtemp(join(tmpdir(), 'keel-replay-')), 'candidate.json');
    await writeFile(path, JSON.stringify(json));
    return path;
  };

  it('when the candidate misspells a key, then it is refused with the path', async () => {
    const path = await file({ version: 'try', signals: { overdue_isues: { saturateDays: 3 } } });
    await expect(keel('replay', '--config', path, '--workspace', 'cli-ws')).rejects.toThrow(/signals/);
  });

  it('when the candidate is valid, then every project is replayed over the asked days', async () => {
    const path = await file({ version: 'try-2', scoring: { signalWeights: { overdue_issues: 0.9 } } });
    const r = await keel('replay', '--config', path, '--workspace', 'cli-ws', '--days', '7');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatch(/^Replayed 7 days .* vs candidate try-2/);
    expect(r.lines.at(-1)).toBe('0 of 2 projects would be flagged differently.');
  });
});
