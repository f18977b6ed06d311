'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fingerprint, RefreshCw } from 'lucide-react';
import { RequireProject } from '@/components/require-project';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { LinkRow } from './link-row';
import { SuggestionCard } from './suggestion-card';

/**
 * Identity review: the matcher's pairs wait here until a person accepts or rejects them, and
 * accepted links can be undone. Live over SSE (`identity.updated` invalidates these queries).
 */
function IdentityReview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const queue = useQuery(trpc.identity.list.queryOptions({ status: 'proposed', limit: 100 }));
  const links = useQuery(trpc.identity.links.queryOptions({ limit: 100 }));
  const preview = useMutation(
    trpc.identity.preview.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.identity.pathKey() }),
    }),
  );
  const items = queue.data?.items ?? [];
  const linked = links.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Identity review"
        description="The same person in Chatwoot, Attio and Linear, matched by e-mail, phone, name (Cyrillic and Latin alike) and company domain. Nothing is linked until you accept it."
        actions={
          <Button
            disabled={!writer || preview.isPending}
            title={writer ? undefined : 'Only owners and project managers can refresh.'}
            onClick={() => preview.mutate({})}
          >
            <RefreshCw aria-hidden className="size-4" /> Find matches
          </Button>
        }
      />
      {preview.error && (
        <div className="mb-4">
          <InlineError>{messageOf(preview.error)}</InlineError>
        </div>
      )}
      <section aria-labelledby="identity-queue" className="mb-8">
        <h2 id="identity-queue" className="mb-3 text-sm font-semibold text-ink-900">
          Waiting for review{queue.isSuccess ? ` (${items.length})` : ''}
        </h2>
        {queue.isError && <ErrorState error={queue.error} onRetry={() => queue.refetch()} />}
        {queue.isPending && <SkeletonRows rows={3} label="Loading identity suggestions" />}
        {queue.isSuccess && items.length === 0 && (
          <EmptyState icon={Fingerprint} title="Nothing to review">
            New matches appear here after each sync; accepted ones are listed below.
          </EmptyState>
        )}
        <div className="space-y-3">
          {items.map((s) => (
            <SuggestionCard key={s.id} s={s} writer={writer} />
          ))}
        </div>
      </section>
      <section aria-labelledby="identity-links">
        <h2 id="identity-links" className="mb-3 text-sm font-semibold text-ink-900">
          Linked{links.isSuccess ? ` (${linked.length})` : ''}
        </h2>
        {links.isError && <ErrorState error={links.error} onRetry={() => links.refetch()} />}
        {links.isSuccess && linked.length === 0 && (
          <p className="text-sm text-ink-500">
            No links yet: accept a suggestion to join two records into one person.
          </p>
        )}
        {linked.length > 0 && (
          <Card>
            <ul className="divide-y divide-line">
              {linked.map((l) => (
                <LinkRow key={l.id} link={l} writer={writer} />
              ))}
            </ul>
          </Card>
        )}
      </section>
    </>
  );
}

export function IdentityScreen() {
  return (
    <RequireProject title="Identity review">
      <IdentityReview />
    </RequireProject>
  );
}
