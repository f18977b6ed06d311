'use client';

import { useQuery } from '@tanstack/react-query';
import { Handshake } from 'lucide-react';
import { RequireProject } from '@/components/require-project';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { AccountsTable } from './accounts-table';
import { DealsByStage } from './deals-by-stage';
import { NewOpportunity } from './new-opportunity';
import { OverviewTiles } from './overview-tiles';

/**
 * The project's CRM: overview tiles per currency, deals by stage with a "move stage" control,
 * a new-opportunity form and the accounts. Live: `crm.changed` and Attio syncs refresh it.
 */
function Crm() {
  const trpc = useTRPC();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const overview = useQuery(trpc.crm.overview.queryOptions({}));
  const deals = useQuery(trpc.crm.opportunities.queryOptions({ limit: 200 }));
  const accounts = useQuery(trpc.crm.accounts.queryOptions({ limit: 200 }));
  const error = overview.error ?? deals.error ?? accounts.error;
  const stages = overview.data?.stages ?? [];
  const stalledIds = new Set(overview.data?.stalled.map((s) => s.id) ?? []);
  return (
    <>
      <PageHeader
        title="CRM"
        description="Accounts and deals of this project from Attio. Creating a deal or moving its stage writes to Attio first, so both always agree."
      />
      {error && (
        <ErrorState
          error={error}
          onRetry={() => {
            void overview.refetch();
            void deals.refetch();
            void accounts.refetch();
          }}
        />
      )}
      {overview.isPending && <SkeletonRows rows={2} label="Loading the CRM overview" />}
      {overview.data && <OverviewTiles overview={overview.data} />}
      {writer && <NewOpportunity stages={stages} accounts={accounts.data?.items ?? []} />}
      <Card className="mb-6">
        <CardHeader title="Opportunities by stage" />
        <div className="px-5 pb-5">
          {deals.isPending && <SkeletonRows rows={3} label="Loading deals" />}
          {deals.isSuccess && deals.data.items.length === 0 && (
            <EmptyState icon={Handshake} title="No deals yet">
              Bind an Attio company to this project on the Connectors screen, or create a deal above.
            </EmptyState>
          )}
          {deals.isSuccess && deals.data.items.length > 0 && (
            <DealsByStage
              deals={deals.data.items}
              stages={stages}
              writer={writer}
              stalledIds={stalledIds}
              pipeline={overview.data?.pipeline ?? []}
            />
          )}
        </div>
      </Card>
      {accounts.data && <AccountsTable accounts={accounts.data.items} />}
    </>
  );
}

export function CrmScreen() {
  return (
    <RequireProject title="CRM">
      <Crm />
    </RequireProject>
  );
}
