'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RefreshCw, TrendingUp } from 'lucide-react';
import { useState } from 'react';
import { RequireProject } from '@/components/require-project';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { type Opportunity, UpsellCard } from './upsell-card';

type StatusFilter = '' | Opportunity['status'];

function UpsellList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const [status, setStatus] = useState<StatusFilter>('');
  const list = useQuery(trpc.upsell.list.queryOptions({ limit: 100, ...(status ? { status } : {}) }));
  const refresh = useMutation(
    trpc.upsell.refresh.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.upsell.pathKey() }),
    }),
  );
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Upsell radar"
        description="Clients of healthy projects who already bought and now write about another project, more scope or a new need — each with the messages that say so."
        actions={
          <Button
            size="sm"
            disabled={!writer || refresh.isPending}
            title={writer ? undefined : 'Only owners and project managers can refresh the radar.'}
            onClick={() => refresh.mutate({})}
          >
            <RefreshCw aria-hidden className="size-4" /> Refresh
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label htmlFor="upsell-status" className="text-sm text-ink-600">
          Status
        </label>
        <div className="w-44">
          <Select
            id="upsell-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="">All</option>
            <option value="proposed">Proposed</option>
            <option value="qualified">Qualified</option>
            <option value="converted">Converted</option>
            <option value="dismissed">Dismissed</option>
          </Select>
        </div>
        {refresh.data && (
          <p className="text-sm text-ink-600" role="status">
            {refresh.data.skipped
              ? `No opportunities: ${refresh.data.skipped}.`
              : `${refresh.data.detected} found, ${refresh.data.created.length} new.`}
          </p>
        )}
      </div>
      {refresh.error && <InlineError>{messageOf(refresh.error)}</InlineError>}
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <SkeletonRows rows={3} label="Loading upsell opportunities" />}
      {list.isSuccess && items.length === 0 && (
        <EmptyState icon={TrendingUp} title="No upsell opportunities here">
          The radar looks at healthy projects whose client has a won deal, for messages about another project,
          more scope or a new need. It refreshes every 6 hours.
        </EmptyState>
      )}
      <section aria-label="Upsell opportunities" className="space-y-4">
        {items.map((o) => (
          <UpsellCard key={o.id} item={o} writer={writer} />
        ))}
      </section>
    </>
  );
}

export function UpsellScreen() {
  return (
    <RequireProject title="Upsell radar">
      <UpsellList />
    </RequireProject>
  );
}
