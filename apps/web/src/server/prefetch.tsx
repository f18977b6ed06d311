import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { getServerApi } from './api';

type ServerApi = Awaited<ReturnType<typeof getServerApi>>;

/**
 * Runs a screen's first queries on the server and hands their answers to the screen in the
 * HTML. On a phone over a slow network this saves the round trips the browser would make only
 * after downloading and starting the JavaScript. A query that fails here is simply not
 * included: the screen asks again in the browser and shows its own error state.
 */
export async function Prefetched({
  queries,
  children,
}: {
  queries: (api: ServerApi) => Promise<unknown>[];
  children: ReactNode;
}) {
  const api = await getServerApi();
  await Promise.allSettled(queries(api));
  return <HydrationBoundary state={dehydrate(api.queryClient)}>{children}</HydrationBoundary>;
}
