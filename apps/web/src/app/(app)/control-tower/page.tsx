import type { Metadata } from 'next';
import { ControlTowerScreen } from '@/components/control-tower/control-tower-screen';
import { Prefetched } from '@/server/prefetch';

export const metadata: Metadata = { title: 'Control tower' };

/** Workspace-wide (the projects the caller can see): no active project needed. Tiles arrive with the HTML. */
export default function ControlTowerPage() {
  return (
    <Prefetched
      queries={({ trpc, queryClient }) => [queryClient.prefetchQuery(trpc.controlTower.get.queryOptions())]}
    >
      <ControlTowerScreen />
    </Prefetched>
  );
}
