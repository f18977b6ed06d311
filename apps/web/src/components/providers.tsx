'use client';

import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '@keel/api/root';
import { useState, type ReactNode } from 'react';
import { csrfHeaders } from '@/lib/csrf';
import { makeQueryClient } from '@/lib/query-client';
import { TRPCProvider } from '@/lib/trpc';

let browserQueryClient: QueryClient | undefined;

/** One query client per browser tab; a fresh one per server render. */
function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          // Same origin: Next rewrites /trpc to apps/server, so the session cookie just works.
          url: typeof window === 'undefined' ? 'http://127.0.0.1/trpc' : '/trpc',
          headers: () => csrfHeaders(),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
