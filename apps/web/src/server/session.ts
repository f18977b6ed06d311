import { TRPCClientError } from '@trpc/client';
import { getServerApi } from './api';

export type ServerSession =
  | { kind: 'signed-in' }
  | { kind: 'signed-out' }
  | { kind: 'unreachable'; message: string };

/**
 * Asks the API who the cookie belongs to, and leaves the answer (and the project list) in the
 * request's query cache for the page to hydrate from.
 */
export async function loadSession(): Promise<ServerSession> {
  const { trpc, queryClient } = await getServerApi();
  try {
    await queryClient.fetchQuery(trpc.auth.me.queryOptions());
  } catch (error) {
    if (error instanceof TRPCClientError && error.data?.httpStatus === 401) return { kind: 'signed-out' };
    return {
      kind: 'unreachable',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  await queryClient.prefetchQuery(trpc.projects.list.queryOptions());
  return { kind: 'signed-in' };
}
