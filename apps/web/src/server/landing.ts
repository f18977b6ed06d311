import { landingFor } from '@/lib/landing';
import { getServerApi } from './api';

/** The signed-in user's landing page, from the `auth.me` that `loadSession` already fetched. */
export async function serverLanding(fallback: string): Promise<string> {
  const { trpc, queryClient } = await getServerApi();
  const me = queryClient.getQueryData(trpc.auth.me.queryOptions().queryKey);
  return me ? landingFor(me.workspaceRole) : fallback;
}
