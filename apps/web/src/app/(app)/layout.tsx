import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApiUnreachable } from '@/components/api-unreachable';
import { AppShell } from '@/components/shell/app-shell';
import { getServerApi } from '@/server/api';
import { loadSession } from '@/server/session';

/** Signed-in screens: the server checks the session and hands the shell its data in the HTML. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await loadSession();
  if (session.kind === 'signed-out') redirect('/sign-in');
  if (session.kind === 'unreachable') return <ApiUnreachable />;
  const { queryClient } = await getServerApi();
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppShell>{children}</AppShell>
    </HydrationBoundary>
  );
}
