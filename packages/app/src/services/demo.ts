import type { Database } from '@keel/db/client';
import { listAccessibleProjects } from '@keel/db/queries/projects';
import { ownerActing } from '../identity.ts';
import { createProject } from './projects.ts';
import { ensureUser } from './users.ts';

export const DEMO_WORKSPACE = { slug: 'demo-agency', name: 'Northwind Studio (demo)' };

/** Projects the demo workspace starts with when no sandbox portfolio provides them. */
const STARTER_PROJECTS = [
  { name: 'Acme Mobile App', clientName: 'Acme Corp', contractValueMinor: 12_000_000 },
  { name: 'Globex Website Relaunch', clientName: 'Globex', contractValueMinor: 8_500_000 },
  { name: 'Initech Data Platform', clientName: 'Initech', contractValueMinor: 21_000_000 },
];

/**
 * Idempotent: the demo workspace, its owner (the printed login) and starter projects. Pass
 * `starterProjects: false` when the sandbox portfolio provides the projects (demo-sandbox.ts).
 */
export async function ensureDemoWorkspace(
  db: Database,
  login: { email: string; password: string },
  options: { starterProjects?: boolean } = {},
) {
  const { user, workspace, created } = await ensureUser(db, {
    email: login.email,
    name: 'Demo Manager',
    password: login.password,
    workspaceSlug: DEMO_WORKSPACE.slug,
    workspaceName: DEMO_WORKSPACE.name,
    role: 'owner',
    resetPassword: true,
  });
  const auth = ownerActing(user, workspace.id);
  const existing = await listAccessibleProjects(db, workspace.id, user.id, 'owner');
  if (existing.length === 0 && options.starterProjects !== false) {
    for (const p of STARTER_PROJECTS) await createProject(db, auth, p, 'bootstrap');
  }
  return { user, workspace, createdUser: created };
}
