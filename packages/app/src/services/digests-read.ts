import { encodeCursor, readCursor } from '@keel/core/cursor';
import { type DeliveryRow, listReaderDeliveries } from '@keel/db/queries/digests';
import type { DigestSectionOut, DigestKind, Locale } from '@keel/intelligence/digests/types';
import { relocalize, renderDigestText } from '@keel/intelligence/digests/render';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { projectAccessOf } from './recommendation-access.ts';

/** GET /digests/daily|weekly: the caller's own digests, newest period first, one entry per period. */

const periodCursor = z.strictObject({ d: z.iso.date() });

export type DeliveryStatusOut = {
  channel: 'in_app' | 'email';
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  error: string | null;
  attempts: number;
  sentAt: string | null;
  updatedAt: string;
};

export type ReaderDigestOut = {
  kind: DigestKind;
  periodKey: string;
  locale: Locale;
  asOf: string;
  nothingNew: boolean;
  projectIds: string[];
  renderedText: string;
  sections: DigestSectionOut[];
  deliveries: DeliveryStatusOut[];
};

export async function listMyDigests(
  deps: Pick<AppDeps, 'db'>,
  auth: AuthIdentity,
  kind: DigestKind,
  input: {
    limit: number;
    cursor?: string | undefined;
    date?: string | undefined;
    locale?: Locale | undefined;
  },
): Promise<{ items: ReaderDigestOut[]; nextCursor: string | null }> {
  const cursor = readCursor(input.cursor, periodCursor);
  const rows = await listReaderDeliveries(deps.db, auth.accountScopeId, auth.userId, kind, {
    beforePeriodKey: cursor?.d ?? null,
    periodKey: input.date ?? null,
    limit: input.limit,
  });
  // Access may have narrowed since the digest was written: what the caller cannot see now is
  // left out (and the text rendered again without it).
  const access = await projectAccessOf(deps.db, auth);
  const byPeriod = new Map<string, DeliveryRow[]>();
  for (const r of rows) byPeriod.set(r.periodKey, [...(byPeriod.get(r.periodKey) ?? []), r]);
  const periods = [...byPeriod.keys()].sort().reverse();
  const page = periods.slice(0, input.limit);
  const items = page.map((p) => toOut(byPeriod.get(p) ?? [], access, input.locale));
  const last = page.at(-1);
  return {
    items,
    nextCursor: periods.length > input.limit && last ? encodeCursor({ d: last }) : null,
  };
}

function toOut(
  rows: DeliveryRow[],
  access: Map<string, unknown>,
  locale: Locale | undefined,
): ReaderDigestOut {
  const main = rows.find((r) => r.channel === 'in_app') ?? (rows[0] as DeliveryRow);
  const stored = main.sections as unknown as (DigestSectionOut & { keys?: string[] })[];
  const wanted: Locale = locale ?? (main.locale === 'ru' ? 'ru' : 'en');
  const projectIds = main.projectIds.filter((id) => access.has(id));
  let narrowed = projectIds.length !== main.projectIds.length;
  let sections: DigestSectionOut[] = stored.map(({ keys: _k, ...s }) => {
    const items = s.items.filter((i) => access.has(i.projectId));
    if (items.length !== s.items.length) narrowed = true;
    return { ...s, items, more: narrowed ? 0 : s.more };
  });
  if (wanted !== main.locale) sections = relocalize(sections, wanted);
  const renderedText =
    narrowed || wanted !== main.locale
      ? renderDigestText({
          kind: main.kind,
          periodKey: main.periodKey,
          locale: wanted,
          projects: projectIds.length,
          sections,
          nothingNew: main.nothingNew ? { previousPeriodKey: null } : null,
        })
      : main.renderedText;
  return {
    kind: main.kind,
    periodKey: main.periodKey,
    locale: wanted,
    asOf: main.asOf.toISOString(),
    nothingNew: main.nothingNew,
    projectIds,
    renderedText,
    sections,
    deliveries: rows.map((r) => ({
      channel: r.channel,
      status: r.status,
      error: r.error,
      attempts: r.attempts,
      sentAt: r.sentAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}
