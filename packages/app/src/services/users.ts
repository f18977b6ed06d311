import { ApiError } from '@keel/core/errors';
import type { Database } from '@keel/db/client';
import {
  findOrCreateWorkspace,
  insertUser,
  updateUserPassword,
  upsertWorkspaceMember,
} from '@keel/db/queries/bootstrap';
import { findUserByEmail } from '@keel/db/queries/users';
import type { Role } from '@keel/db/schema/platform';
import { hashPassword } from '../auth/password.ts';

export type EnsureUserInput = {
  email: string;
  name: string;
  password: string;
  workspaceSlug: string;
  workspaceName: string;
  role: Role;
  /** Reset the password if the user exists (CLI `user:create --reset`). */
  resetPassword?: boolean;
};

/** Creates (or finds) a user and their workspace membership; used by the CLI and the demo bootstrap. */
export async function ensureUser(db: Database, input: EnsureUserInput) {
  if (input.password.length < 8)
    throw new ApiError('validation_error', 'Passwords need at least 8 characters.');
  const { workspace } = await findOrCreateWorkspace(db, input.workspaceSlug, input.workspaceName);
  let user = await findUserByEmail(db, input.email);
  let created = false;
  if (!user) {
    user = await insertUser(db, {
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
    });
    created = true;
  } else if (input.resetPassword) {
    await updateUserPassword(db, user.id, await hashPassword(input.password));
  }
  await upsertWorkspaceMember(db, workspace.id, user.id, input.role);
  return { user: { id: user.id, email: user.email, name: user.name }, workspace, created };
}
