'use client';

import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
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

// Same origin: Next rewrites /trpc to apps/server, so the session cookie just works.
const trpcUrl = typeof window === 'undefined' ? 'http://127.0.0.1/trpc' : '/trpc';

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // The server refuses batches carrying auth.login (each attempt is its own request).
          condition: (op) => op.path === 'auth.login',
          true: httpLink({ url: trpcUrl, headers: () => csrfHeaders() }),
          false: httpBatchLink({
            url: trpcUrl,
            headers: () => csrfHeaders(),
            // Within what the server accepts: at most 10 calls per batch (its maxBatchSize) and
            // URLs well under proxies' and Node's limits; a longer batch is split into several.
            maxItems: 10,
            maxURLLength: 2000,
          }),
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
