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
