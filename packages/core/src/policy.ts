/**
 * Who may do what — the one place that says it. The server enforces these rules (procedure
 * builders, services, the queries that list visible projects); the web reads the caller's
 * capabilities from `auth.me` instead of restating them.
 *
 * Roles: `owner` (everything in the workspace), `pm` (manages the projects they are members of),
 * `exec` (reads every project of the workspace), `viewer` (reads projects they are members of).
 */
export const ROLES = ['owner', 'pm', 'exec', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see every project of their workspace without a per-project membership. */
const WORKSPACE_WIDE: readonly Role[] = ['owner', 'exec'];
/** Roles that change things on a project (sync, refresh, act); executives and viewers read. */
export const PROJECT_WRITERS: readonly Role[] = ['owner', 'pm'];
/** Roles that may create projects in their workspace. */
const PROJECT_CREATORS: readonly Role[] = ['owner', 'pm'];

export function seesWholeWorkspace(workspaceRole: Role): boolean {
  return WORKSPACE_WIDE.includes(workspaceRole);
}

/**
 * The role a user holds on one project: a workspace owner is owner everywhere; otherwise the
 * project membership decides, and an executive without one still reads the whole workspace.
 */
export function effectiveProjectRole(workspaceRole: Role, memberRole: Role | null): Role {
  if (workspaceRole === 'owner') return 'owner';
  if (memberRole) return memberRole;
  return workspaceRole === 'exec' ? 'exec' : 'viewer';
}

/** Whether a user may see a project at all: a membership, or a workspace-wide role. */
export function canSeeProject(workspaceRole: Role, memberRole: Role | null): boolean {
  return memberRole !== null || seesWholeWorkspace(workspaceRole);
}

export function canWriteProject(projectRole: Role | null): boolean {
  return projectRole !== null && PROJECT_WRITERS.includes(projectRole);
}

export function canCreateProject(workspaceRole: Role): boolean {
  return PROJECT_CREATORS.includes(workspaceRole);
}

/**
 * Workspace-wide settings — connector credentials, source bindings, API keys, members — affect
 * every project of the workspace, so they need the workspace's owner, whatever role the caller
 * holds on the active project.
 */
export function canManageWorkspace(workspaceRole: Role): boolean {
  return workspaceRole === 'owner';
}

/** The workspace's whole history (audit across projects) is for those who see the whole workspace. */
export function canReadWorkspaceAudit(workspaceRole: Role): boolean {
  return seesWholeWorkspace(workspaceRole);
}

/** The role the creator of a project gets on it. */
export function creatorProjectRole(workspaceRole: Role): Role {
  return workspaceRole === 'owner' ? 'owner' : 'pm';
}

export type Capabilities = {
  /** Sync, refresh and act on the active project. */
  writeProject: boolean;
  createProject: boolean;
  /** Credentials, source bindings, API keys. */
  manageWorkspace: boolean;
  /** Every project of the workspace, and its audit history. */
  readWorkspace: boolean;
};

export function capabilitiesOf(workspaceRole: Role, projectRole: Role | null): Capabilities {
  return {
    writeProject: canWriteProject(projectRole),
    createProject: canCreateProject(workspaceRole),
    manageWorkspace: canManageWorkspace(workspaceRole),
    readWorkspace: seesWholeWorkspace(workspaceRole),
  };
}

/** Message for a refused action, naming what is needed and what the caller has. */
export function roleRefusal(action: string, needed: readonly Role[] | string, yours: Role | null): string {
  const need = typeof needed === 'string' ? needed : `one of the roles ${needed.join(', ')}`;
  return `${action} needs ${need}. Yours is ${yours ?? 'none'}.`;
}
