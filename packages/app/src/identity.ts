import type { Role } from '@keel/db/schema/platform';

/** Who is calling: a signed-in user (session cookie) or a script (API key acting as a user). */
export type AuthIdentity = {
  userId: string;
  email: string;
  name: string;
  accountScopeId: string;
  workspaceRole: Role;
  via: 'session' | 'api_key';
  sessionIdHash: string | null;
  apiKeyId: string | null;
  csrfToken: string | null;
  /** API keys only: the projects the key is limited to (null or absent: all the user's). */
  keyProjectIds?: readonly string[] | null;
  /** API keys only: refused on every mutation. */
  keyReadOnly?: boolean;
};

/**
 * A workspace owner acting outside a request — the embedded demo, the e2e stack, the fault run
 * setting up their workspace through the same use cases as the API.
 */
export function ownerActing(
  user: { id: string; email: string; name: string },
  accountScopeId: string,
): AuthIdentity {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    accountScopeId,
    workspaceRole: 'owner',
    via: 'session',
    sessionIdHash: null,
    apiKeyId: null,
    csrfToken: null,
  };
}
