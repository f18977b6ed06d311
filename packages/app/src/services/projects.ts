import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import { audit } from '../audit.ts';
import {
  findProjectAccess,
  insertProject,
  listAccessibleProjects,
  slugExists,
  upsertProjectMember,
} from '@keel/db/queries/projects';
import { setSessionProject } from '@keel/db/queries/sessions';
import { canCreateProject, creatorProjectRole, type Role } from '@keel/core/policy';
import type { AuthIdentity } from '../identity.ts';

export type CreateProjectInput = {
  name: string;
  clientName?: string | undefined;
  contractValueMinor?: number | undefined;
  currency?: string | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
};

/** Lowercase ASCII words joined by dashes; Cyrillic is transliterated so Russian names still get readable slugs. */
export function slugify(name: string): string {
  const translit: Record<string, string> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'h',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'sch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
  };
  const ascii = [...name.toLowerCase()].map((c) => translit[c] ?? c).join('');
  const slug = ascii
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'project';
}

type ProjectRow = {
  id: string;
  name: string;
  slug: string;
  clientName: string | null;
  status: 'active' | 'paused' | 'completed' | 'archived';
  contractValueMinor: number | null;
  currency: string;
  startsAt: Date | null;
  endsAt: Date | null;
  createdAt: Date;
  role: Role;
};

/** A project as the API shows it: dates as ISO strings, with the caller's role. */
function projectView(p: ProjectRow) {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    clientName: p.clientName,
    status: p.status,
    contractValueMinor: p.contractValueMinor,
    currency: p.currency,
    startsAt: p.startsAt?.toISOString() ?? null,
    endsAt: p.endsAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    role: p.role,
  };
}

/** Projects the caller can see with their role on each, and which one is active. */
export async function listProjectsFor(
  db: Database,
  caller: { auth: AuthIdentity; activeProjectId: string | null },
) {
  const { auth } = caller;
  const rows = await listAccessibleProjects(db, auth.accountScopeId, auth.userId, auth.workspaceRole);
  return { projects: rows.map(projectView), activeProjectId: caller.activeProjectId };
}

export async function createProject(
  db: Database,
  auth: AuthIdentity,
  input: CreateProjectInput,
  requestId: string,
) {
  if (!canCreateProject(auth.workspaceRole)) {
    throw new ApiError('forbidden', 'Only workspace owners and project managers can create projects.');
  }
  if (input.startsAt && input.endsAt && new Date(input.endsAt) < new Date(input.startsAt)) {
    throw new ApiError('validation_error', 'endsAt must not be before startsAt.', { field: 'endsAt' });
  }
  const base = slugify(input.name);
  let slug = base;
  for (let n = 2; await slugExists(db, auth.accountScopeId, slug); n++) slug = `${base}-${n}`;
  return db.transaction(async (tx) => {
    const project = await insertProject(tx, {
      accountScopeId: auth.accountScopeId,
      name: input.name,
      slug,
      clientName: input.clientName ?? null,
      contractValueMinor: input.contractValueMinor ?? null,
      currency: input.currency ?? 'USD',
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
    });
    await upsertProjectMember(
      tx,
      { id: project.id, accountScopeId: auth.accountScopeId },
      auth.userId,
      creatorProjectRole(auth.workspaceRole),
    );
    await audit(
      tx,
      { kind: 'caller', auth, requestId },
      {
        projectId: project.id,
        action: 'project.create',
        entityType: 'project',
        entityId: project.id,
        payload: { name: project.name, slug: project.slug },
      },
    );
    return projectView({ ...project, role: creatorProjectRole(auth.workspaceRole) });
  });
}

/** Makes a project the session's active one (the seed's scope); API keys send X-Project-Id instead. */
export async function selectProject(db: Database, auth: AuthIdentity, projectId: string, requestId: string) {
  const role = await findProjectAccess(db, auth.accountScopeId, projectId, auth.userId, auth.workspaceRole);
  if (!role)
    throw new ApiError('not_found', 'No such project in your workspace, or you are not a member of it.');
  if (auth.sessionIdHash) await setSessionProject(db, auth.sessionIdHash, projectId);
  await audit(
    db,
    { kind: 'caller', auth, requestId },
    {
      projectId,
      action: 'project.select',
      entityType: 'project',
      entityId: projectId,
    },
  );
  return { activeProjectId: projectId, role, persisted: auth.sessionIdHash !== null };
}
