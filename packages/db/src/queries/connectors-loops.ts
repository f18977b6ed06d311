import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { attioPeopleRaw } from '../schema/attio.ts';
import { cwContacts } from '../schema/chatwoot.ts';
import { healthScores } from '../schema/legacy.ts';
import { projects } from '../schema/platform.ts';

/** What the Loops push reads: the project's people with an e-mail, and its latest health. */
export type LoopsAudienceRow = {
  email: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
};

export async function listProjectAudience(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
): Promise<LoopsAudienceRow[]> {
  const contacts = await db
    .select({ email: cwContacts.email, name: cwContacts.name })
    .from(cwContacts)
    .where(
      and(
        eq(cwContacts.accountScopeId, scope.accountScopeId),
        eq(cwContacts.projectId, scope.projectId),
        isNull(cwContacts.deletedAt),
        isNotNull(cwContacts.email),
      ),
    );
  const people = await db
    .select({
      email: attioPeopleRaw.primaryEmail,
      first: attioPeopleRaw.firstName,
      last: attioPeopleRaw.lastName,
      full: attioPeopleRaw.fullName,
    })
    .from(attioPeopleRaw)
    .where(
      and(
        eq(attioPeopleRaw.accountScopeId, scope.accountScopeId),
        eq(attioPeopleRaw.projectId, scope.projectId),
        isNull(attioPeopleRaw.deletedAt),
        isNotNull(attioPeopleRaw.primaryEmail),
      ),
    );
  const byEmail = new Map<string, LoopsAudienceRow>();
  for (const p of people) {
    if (!p.email) continue;
    byEmail.set(p.email.toLowerCase(), {
      email: p.email,
      name: p.full,
      firstName: p.first,
      lastName: p.last,
    });
  }
  for (const c of contacts) {
    if (!c.email || byEmail.has(c.email.toLowerCase())) continue;
    const [first, ...rest] = (c.name ?? '').split(' ');
    byEmail.set(c.email.toLowerCase(), {
      email: c.email,
      name: c.name,
      firstName: first || null,
      lastName: rest.join(' ') || null,
    });
  }
  return [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email));
}

export async function projectHealth(db: Database, scope: { accountScopeId: string; projectId: string }) {
  const [project] = await db
    .select({ name: projects.name })
    .from(projects)
    .where(and(eq(projects.id, scope.projectId), eq(projects.accountScopeId, scope.accountScopeId)))
    .limit(1);
  const [health] = await db
    .select({ score: healthScores.score, band: healthScores.band })
    .from(healthScores)
    .where(
      and(eq(healthScores.accountScopeId, scope.accountScopeId), eq(healthScores.projectId, scope.projectId)),
    )
    .orderBy(desc(healthScores.asOf))
    .limit(1);
  return { name: project?.name ?? null, score: health?.score ?? null, band: health?.band ?? null };
}
