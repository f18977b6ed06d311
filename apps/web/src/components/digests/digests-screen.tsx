'use client';

import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Newspaper } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useSelectProject } from '@/components/shell/use-select-project';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { DigestCard } from './digest-card';
import type { DigestItem } from './types';

const PAGE = 7;

/**
 * Today's and this week's digest for the signed-in reader, and the earlier ones; live over SSE
 * (`digest.generated` invalidates them). Owners and pms can generate now.
 */
export function DigestsScreen() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useMe();
  const select = useSelectProject();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const daily = useInfiniteQuery(
    trpc.digests.daily.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const weekly = useQuery(trpc.digests.weekly.queryOptions({ limit: 1 }));
  const generateDaily = useMutation(trpc.digests.generateDaily.mutationOptions());
  const generateWeekly = useMutation(trpc.digests.generateWeekly.mutationOptions());
  const canGenerate = me.data?.workspaceRole === 'owner' || me.data?.workspaceRole === 'pm';

  const dailies = daily.data?.pages.flatMap((p) => p.items) ?? [];
  const [latest, ...earlier] = dailies;
  const week = weekly.data?.items[0];

  /** Items live in a project: the project page makes it active itself; a conversation needs it first. */
  const open = (item: DigestItem) => {
    const { link } = item;
    if (link.kind === 'external') {
      window.open(link.url, '_blank', 'noopener');
      return;
    }
    if (link.kind === 'project') {
      router.push(`/projects/${link.projectId}`);
      return;
    }
    const href = `/conversations/${link.conversationId}`;
    if (projects.data?.activeProjectId === link.projectId) router.push(href);
    else select.mutate({ id: link.projectId }, { onSuccess: () => router.push(href) });
  };

  const error = generateDaily.error ?? generateWeekly.error ?? select.error;
  return (
    <>
      <PageHeader
        title="Digests"
        description="What changed across your projects: score moves, new and cleared risks, forecast movers, clients waiting and actions done. Every line opens its project or conversation."
        actions={
          canGenerate && (
            <>
              <Button
                variant="primary"
                onClick={() => generateDaily.mutate({})}
                disabled={generateDaily.isPending}
              >
                Generate today’s
              </Button>
              <Button
                variant="secondary"
                onClick={() => generateWeekly.mutate({})}
                disabled={generateWeekly.isPending}
              >
                Generate this week’s
              </Button>
            </>
          )
        }
      />
      {error && (
        <div className="mb-3">
          <InlineError>{messageOf(error)}</InlineError>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Today's digest">
          {daily.isPending ? (
            <Card>
              <SkeletonRows label="Loading the daily digest" />
            </Card>
          ) : daily.isError ? (
            <Card>
              <ErrorState error={daily.error} onRetry={() => void daily.refetch()} />
            </Card>
          ) : latest ? (
            <DigestCard digest={latest} title="Daily digest" onOpen={open} />
          ) : (
            <Card>
              <EmptyState icon={Newspaper} title="No daily digest yet">
                The daily digest is written once a day, after the intelligence pipeline has scored your
                projects.
              </EmptyState>
            </Card>
          )}
        </section>
        <section aria-label="This week's digest">
          {weekly.isPending ? (
            <Card>
              <SkeletonRows label="Loading the weekly digest" />
            </Card>
          ) : weekly.isError ? (
            <Card>
              <ErrorState error={weekly.error} onRetry={() => void weekly.refetch()} />
            </Card>
          ) : week ? (
            <DigestCard digest={week} title="Weekly digest" onOpen={open} />
          ) : (
            <Card>
              <EmptyState icon={Newspaper} title="No weekly digest yet">
                The weekly digest covers the last 7 days and is written once a week.
              </EmptyState>
            </Card>
          )}
        </section>
      </div>
      {earlier.length > 0 && (
        <section aria-label="Earlier digests" className="mt-8 space-y-4">
          <h2 className="text-[15px] font-semibold text-ink-900">Earlier daily digests</h2>
          {earlier.map((d) => (
            <DigestCard key={d.periodKey} digest={d} title={`Daily digest · ${d.periodKey}`} onOpen={open} />
          ))}
        </section>
      )}
      {daily.hasNextPage && (
        <Button
          className="mt-4"
          onClick={() => void daily.fetchNextPage()}
          disabled={daily.isFetchingNextPage}
        >
          Show earlier digests
        </Button>
      )}
    </>
  );
}
