import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@keel/core/clock';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus, type KeelEvent } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import {
  addProjectMember,
  addWorkspaceMember,
  createConversation,
  createMessage,
  createProject,
  createScore,
  createSignal,
  createUser,
  createWorkspace,
} from '@keel/db/factories';
import { findDelivery } from '@keel/db/queries/digests';
import { kagScoreHistory, kagSignalHistory } from '@keel/db/schema/kag-core';
import { createTestDatabase, type TestDatabase } from '@keel/db/test-db';
import { createMailer, type Mailer, SMTP_NOT_CONFIGURED } from '../src/mailer.ts';
import { type DigestDeps, generateDigest } from '../src/services/digests.ts';
import { NOTHING_NEW_EMAIL } from '../src/services/digest-email.ts';

/**
 * Digests over a real database: scoping per reader (a pm never reads about a project they
 * cannot see), "nothing new" the second time, and e-mail through a real SMTP server in-process.
 */
let tdb: TestDatabase;
const T0 = new Date('2026-12-04T08:00:00.000Z');
const HOUR = 3_600_000;
const bus = createMemoryEventBus();
const events: KeelEvent[] = [];
const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', KEEL_WEB_URL: 'http://keel.test' });

/** Received mail: envelope recipients and the raw message. */
const inbox: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await bus.subscribe((e) => {
    events.push(e);
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, cb) {
      // A recipient the server refuses: the delivery must be recorded failed with the reason.
      if (address.address.startsWith('bounce')) cb(new Error('550 mailbox unavailable'));
      else cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => smtp?.close(() => r()));
  await tdb?.close();
});

function depsWith(mailer: Mailer, at: Date): DigestDeps & { clock: ReturnType<typeof manualClock> } {
  return { db: tdb.db, clock: manualClock(at), bus, mailer, env, logger: silentLogger };
}
const smtpMailer = () =>
  createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'Keel <digest@keel.test>' });
const noMailer = () => createMailer({ SMTP_URL: undefined, SMTP_FROM: 'x' });

/**
 * A workspace with an owner and a pm; the pm manages Alpha only. Alpha's health fell from 80
 * to 60 over the day, a risk appeared, and a client has waited 30 hours; Bravo (which the pm
 * cannot see) has a risk of its own.
 */
async function seed(pmEmail?: string) {
  const ws = await createWorkspace(tdb.db);
  const owner = await createUser(tdb.db);
  const pm = await createUser(tdb.db, pmEmail ? { email: pmEmail } : {});
  await addWorkspaceMember(tdb.db, { accountScopeId: ws.id, userId: owner.id, role: 'owner' });
  await addWorkspaceMember(tdb.db, { accountScopeId: ws.id, userId: pm.id, role: 'pm' });
  const alpha = await createProject(tdb.db, { accountScopeId: ws.id, name: 'Alpha App' });
  const bravo = await createProject(tdb.db, { accountScopeId: ws.id, name: 'Bravo Secret' });
  await addProjectMember(tdb.db, { projectId: alpha.id, userId: pm.id, role: 'pm' });
  const before = new Date(T0.getTime() - 30 * HOUR);
  const recent = new Date(T0.getTime() - HOUR);
  for (const [p, value, at] of [
    [alpha, 80, before],
    [alpha, 60, recent],
    [bravo, 70, before],
    [bravo, 70, recent],
  ] as const)
    await tdb.db.insert(kagScoreHistory).values({
      accountScopeId: ws.id,
      projectId: p.id,
      scoreType: 'health',
      value,
      configVersion: 'test',
      asOf: at,
    });
  await createScore(tdb.db, alpha, { value: 60, asOf: recent });
  await createScore(tdb.db, bravo, { value: 70, asOf: recent });
  for (const [p, key, title] of [
    [alpha, 'overdue_issues', 'Overdue issues in Alpha'],
    [bravo, 'deal_stalled', 'Bravo Secret deal stalled'],
  ] as const) {
    await createSignal(tdb.db, p, {
      key,
      subjectKey: '',
      title,
      sentence: `${title}.`,
      category: 'delivery',
      asOf: recent,
    });
    await tdb.db.insert(kagSignalHistory).values({
      accountScopeId: ws.id,
      projectId: p.id,
      key,
      category: 'delivery',
      subjectKey: '',
      change: 'appeared',
      severity: 0.5,
      sentence: `${title}.`,
      configVersion: 'test',
      asOf: recent,
    });
  }
  const conv = await createConversation(tdb.db, alpha, { displayId: 7 });
  await createMessage(tdb.db, alpha, {
    cwConversationId: conv.cwConversationId,
    senderName: 'Ann Client',
    content: 'Any news on the release?',
    createdAtSource: new Date(T0.getTime() - 30 * HOUR),
  });
  return { ws, owner, pm, alpha, bravo };
}

const delivery = (userId: string, periodKey: string, channel: 'in_app' | 'email' = 'in_app') =>
  findDelivery(tdb.db, { userId, kind: 'daily', periodKey, channel });

describe('generateDigest', () => {
  it('when a pm manages one project, then their digest names only that project; the owner reads both', async () => {
    const s = await seed();
    const deps = depsWith(noMailer(), T0);
    const r = await generateDigest(
      deps,
      'daily',
      { accountScopeId: s.ws.id },
      { kind: 'system', accountScopeId: s.ws.id },
    );
    expect(r).toMatchObject({ periodKey: '2026-12-04', projects: 2, readers: 2 });

    const pm = await delivery(s.pm.id, '2026-12-04');
    expect(pm?.projectIds).toEqual([s.alpha.id]);
    const pmItems = pm?.sections.flatMap((x) => x.items) ?? [];
    expect(pmItems.length).toBeGreaterThan(0);
    expect(pmItems.every((i) => i.projectId === s.alpha.id)).toBe(true);
    expect(JSON.stringify(pm)).not.toContain('Bravo');
    expect(JSON.stringify(pm)).not.toContain(s.bravo.id);
    expect(pm?.renderedText).toContain('Alpha App: Health 80 → 60');
    expect(pm?.renderedText).toContain('Ann Client has waited 30 h for a reply in #7');

    const owner = await delivery(s.owner.id, '2026-12-04');
    expect(owner?.projectIds.sort()).toEqual([s.alpha.id, s.bravo.id].sort());
    expect(owner?.renderedText).toContain('Bravo Secret deal stalled');
    await expect
      .poll(() => events.some((e) => e.type === 'digest.generated' && e.accountScopeId === s.ws.id))
      .toBe(true);
  });

  it('when generated again the next day with no new data, then the digest says "nothing new" in one line', async () => {
    const s = await seed();
    const deps = depsWith(noMailer(), T0);
    const system = { kind: 'system' as const, accountScopeId: s.ws.id };
    await generateDigest(deps, 'daily', { accountScopeId: s.ws.id }, system);
    // Rerun the same day: the same row, still with its news.
    await generateDigest(deps, 'daily', { accountScopeId: s.ws.id }, system);
    expect((await delivery(s.pm.id, '2026-12-04'))?.nothingNew).toBe(false);

    deps.clock.advance(24 * HOUR);
    await generateDigest(deps, 'daily', { accountScopeId: s.ws.id }, system);
    const second = await delivery(s.pm.id, '2026-12-05');
    expect(second?.nothingNew).toBe(true);
    expect(second?.renderedText).toBe('Nothing new since your previous daily digest (2026-12-04).');
    expect((await delivery(s.pm.id, '2026-12-05', 'email'))?.status).toBe('skipped');
  });

  it('when SMTP is not configured, then the e-mail is recorded skipped with the reason', async () => {
    const s = await seed();
    await generateDigest(
      depsWith(noMailer(), T0),
      'daily',
      { accountScopeId: s.ws.id },
      { kind: 'system', accountScopeId: s.ws.id },
    );
    const email = await delivery(s.owner.id, '2026-12-04', 'email');
    expect(email).toMatchObject({ status: 'skipped', error: SMTP_NOT_CONFIGURED, attempts: 0 });
    expect(NOTHING_NEW_EMAIL).toMatch(/nothing new/);
  });

  it('when SMTP is configured, then the server receives the digest once per period; a refused recipient is failed with the error', async () => {
    const s = await seed(`bounce-${Date.now()}@example.test`);
    const mailer = smtpMailer();
    const deps = depsWith(mailer, T0);
    const system = { kind: 'system' as const, accountScopeId: s.ws.id };
    await generateDigest(deps, 'daily', { accountScopeId: s.ws.id }, system);
    const owner = await delivery(s.owner.id, '2026-12-04', 'email');
    expect(owner).toMatchObject({ status: 'sent', error: null, attempts: 1 });
    const mail = inbox.filter((m) => m.to.includes(s.owner.email));
    expect(mail).toHaveLength(1);
    // The body is quoted-printable: undo its soft line breaks before reading it.
    const body = (mail[0]?.raw ?? '').replace(/=\r?\n/g, '');
    expect(body).toMatch(/^Subject: /m);
    expect(body).toContain('Daily digest =E2=80=94 2026-12-04 (2 projects)');
    expect(body).toContain('Bravo Secret: Bravo Secret deal stalled.');
    expect(body).toContain('http://keel.test/digests');

    const pm = await delivery(s.pm.id, '2026-12-04', 'email');
    expect(pm?.status).toBe('failed');
    expect(pm?.error).toMatch(/550|mailbox unavailable/);

    // Same period again: the sent one is not sent twice; the failed one is tried again.
    await generateDigest(deps, 'daily', { accountScopeId: s.ws.id }, system);
    expect(inbox.filter((m) => m.to.includes(s.owner.email))).toHaveLength(1);
    expect((await delivery(s.pm.id, '2026-12-04', 'email'))?.attempts).toBe(2);
    mailer.close();
  });

  it('when a pm generates for their project only, then a reader who sees more is not mailed a half digest', async () => {
    const s = await seed();
    const mailer = smtpMailer();
    await generateDigest(
      depsWith(mailer, T0),
      'weekly',
      { accountScopeId: s.ws.id, projectIds: [s.alpha.id] },
      { kind: 'system', accountScopeId: s.ws.id },
    );
    const key = (userId: string, channel: 'in_app' | 'email') =>
      findDelivery(tdb.db, { userId, kind: 'weekly', periodKey: '2026-11-30', channel });
    expect((await key(s.pm.id, 'in_app'))?.projectIds).toEqual([s.alpha.id]);
    expect((await key(s.pm.id, 'email'))?.status).toBe('sent');
    // The owner also sees Bravo, whose weekly digest is not written yet: the e-mail waits for it.
    const owner = await key(s.owner.id, 'email');
    expect(owner).toMatchObject({
      status: 'pending',
      error: 'waiting for 1 more project digest of this period',
    });
    expect(inbox.filter((m) => m.to.includes(s.owner.email))).toHaveLength(0);
    mailer.close();
  });
});
