import type { AppRouter } from '@keel/api/root';
import { createTRPCClient, httpLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { makeQueryClient } from '@/lib/query-client';
import { apiBaseUrl } from './api-url';

/**
 * A per-request tRPC client that forwards the browser's cookie, and a query client whose
 * cache is dehydrated into the page: the shell paints with the user and projects already known.
 */
export const getServerApi = cache(async () => {
  const cookieHeader = (await cookies()).toString();
  const queryClient = makeQueryClient();
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${apiBaseUrl()}/trpc`, headers: cookieHeader ? { cookie: cookieHeader } : {} })],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { trpc, queryClient, client };
});
