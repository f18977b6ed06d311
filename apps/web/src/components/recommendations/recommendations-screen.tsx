'use client';

import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { RECOMMENDATIONS_PAGE } from '@/components/first-data/inputs';
import { Lightbulb, ShieldAlert } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useSelectProject } from '@/components/shell/use-select-project';
import { ActionRun } from './action-run';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Select } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { type Recommendation, TYPE_LABELS } from './labels';
import { RecommendationCard } from './recommendation-card';
import { useMarkShown } from './use-mark-shown';

const PAGE = RECOMMENDATIONS_PAGE;

type Filters = { projectId: string; type: string };

function useRecommendations(filters: Filters, status: 'open' | 'suppressed', enabled = true) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.recommendations.list.infiniteQueryOptions(
      {
        status,
        limit: PAGE,
        ...(filters.projectId ? { projectId: filters.projectId } : {}),
        ...(filters.type ? { type: filters.type } : {}),
      },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled,
  });
}

/**
 * The ranked queue across the caller's projects (or one), live over SSE (recommendations.new /
 * .updated invalidate it). Owners also see what evidence gating held back, and why.
 */
export function RecommendationsScreen() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useMe();
  const select = useSelectProject({ keep: ['recommendations'] });
  const projects = useQuery(trpc.projects.list.queryOptions());
  // `?project=` opens the queue filtered to one project (the evidence screen's "cited by" links).
  const params = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ projectId: params.get('project') ?? '', type: '' });
  const isOwner = me.data?.workspaceRole === 'owner';
  const queue = useRecommendations(filters, 'open');
  const suppressed = useRecommendations(filters, 'suppressed', isOwner);
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const held = suppressed.data?.pages.flatMap((p) => p.items) ?? [];
  const observe = useMarkShown(true);
  // Cards whose action finished here: the server moves them to done and the queue drops them, so
  // they stay on this screen (status done, the run's link) until the person leaves it.
  const [finished, setFinished] = useState<Recommendation[]>([]);
  // The queue is refetched too (not only on the SSE event, which a stream reconnecting after a
  // project switch can miss), and a finished card leaves the queue at once, whatever it answers.
  const keepDone = (rec: Recommendation) => {
    setFinished((f) => (f.some((x) => x.id === rec.id) ? f : [{ ...rec, status: 'done' }, ...f]));
    void queryClient.invalidateQueries(trpc.recommendations.list.pathFilter());
  };
  const open = items.filter((i) => !finished.some((f) => f.id === i.id));
  const justDone = finished;
  const runSlot = ({ rec: r, draft }: { rec: Recommendation; draft: string }) => (
    <ActionRun
      rec={r}
      draft={draft}
      activeProjectId={projects.data?.activeProjectId ?? null}
      onSucceeded={keepDone}
    />
  );

  /** Evidence lives in a project: make it the active one, then open the message. */
  const openEvidence = (rec: Recommendation, href: string) => {
    if (projects.data?.activeProjectId === rec.projectId) router.push(href);
    else select.mutate({ id: rec.projectId }, { onSuccess: () => router.push(href) });
  };

  return (
    <>
      <PageHeader
        title="Recommendations"
        description="What to do first across your projects, and why: each card cites its evidence and suggests an action."
      />
      <div className="mb-4 flex flex-col gap-2 sm:flex-row">
        <Select
          aria-label="Project"
          className="sm:w-64"
          value={filters.projectId}
          onChange={(e) => setFilters((f) => ({ ...f, projectId: e.target.value }))}
        >
          <option value="">All my projects</option>
          {projects.data?.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Type"
          className="sm:w-56"
          value={filters.type}
          onChange={(e) => setFilters((f) => ({ ...f, type: e.target.value }))}
        >
          <option value="">All types</option>
          {Object.entries(TYPE_LABELS).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      {select.error && (
        <div className="mb-3">
          <InlineError>{messageOf(select.error)}</InlineError>
        </div>
      )}
      <section aria-label="Recommendation queue" className="space-y-3">
        {queue.isPending ? (
          <Card>
            <SkeletonRows label="Loading recommendations" />
          </Card>
        ) : queue.isError ? (
          <Card>
            <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
          </Card>
        ) : open.length === 0 ? (
          <Card>
            <EmptyState icon={Lightbulb} title="Nothing to act on">
              Recommendations appear when the intelligence refresh (every 15 minutes) finds a well-evidenced
              reason to act.
            </EmptyState>
          </Card>
        ) : (
          open.map((rec) => (
            <RecommendationCard
              key={rec.id}
              rec={rec}
              observe={rec.status === 'new' && rec.canAct ? observe : undefined}
              onOpenEvidence={openEvidence}
              actionRunSlot={runSlot}
            />
          ))
        )}
        {queue.hasNextPage && (
          <Button onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            Show more
          </Button>
        )}
      </section>
      {justDone.length > 0 && (
        <section aria-label="Done just now" className="mt-6 space-y-3">
          <h2 className="text-sm font-semibold text-ink-900">Done just now</h2>
          {justDone.map((rec) => (
            <RecommendationCard
              key={rec.id}
              rec={rec}
              onOpenEvidence={openEvidence}
              actionRunSlot={runSlot}
            />
          ))}
        </section>
      )}
      {isOwner && (
        <Card className="mt-8">
          <CardHeader
            title="Held back by evidence gating"
            description="Owners only. A recommendation is published with 2 independent evidence items (or 1 of severity ≥ 0.8) and confidence ≥ 0.6."
          />
          <div className="space-y-3 px-4 pb-4 sm:px-5">
            {suppressed.isError ? (
              <ErrorState error={suppressed.error} onRetry={() => void suppressed.refetch()} />
            ) : held.length === 0 ? (
              <EmptyState icon={ShieldAlert} title="Nothing held back">
                Every current recommendation has enough evidence.
              </EmptyState>
            ) : (
              held.map((rec) => <RecommendationCard key={rec.id} rec={rec} onOpenEvidence={openEvidence} />)
            )}
          </div>
        </Card>
      )}
    </>
  );
}
