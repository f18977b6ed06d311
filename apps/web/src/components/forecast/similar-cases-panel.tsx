'use client';

import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDay } from '@/components/project/model';
import { useTRPC } from '@/lib/trpc';
import { EVENT_KINDS, type SimilarCase } from './model';

function Outcome({ c, horizon }: { c: SimilarCase; horizon: '7' | '14' | '30' }) {
  const o = c.outcomes[horizon];
  if (!o) return null;
  return o.riskEvent ? (
    <Badge tone="danger">
      {horizon} d: {EVENT_KINDS[o.eventKind ?? ''] ?? 'risk event'}
    </Badge>
  ) : (
    <Badge tone="success">{horizon} d: no event</Badge>
  );
}

/** Past snapshots of other projects that looked most like this one today, and what followed. */
export function SimilarCasesPanel() {
  const trpc = useTRPC();
  const q = useQuery(trpc.kag.similarCases.queryOptions({ k: 5 }));
  const items = q.data?.items ?? [];
  return (
    <Card role="region" aria-labelledby="similar-cases" className="min-w-0">
      <CardHeader
        titleId="similar-cases"
        title="Projects that looked like this"
        description="The nearest past days of other projects, and what happened next."
      />
      {q.isPending ? (
        <SkeletonRows rows={3} label="Loading similar cases" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={Users} title="No similar cases yet">
          {q.data?.reason ?? 'They appear once other projects have closed windows.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line px-5 pb-3">
          {items.map((c) => (
            <li key={c.snapshotId} className="py-2.5 text-[13px]" data-testid="similar-case">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                {c.accessible && c.projectName ? (
                  <Link
                    href={`/projects/${c.projectId}`}
                    prefetch={false}
                    className="font-medium text-ink-900 hover:text-accent-700 hover:underline"
                  >
                    {c.projectName}
                  </Link>
                ) : (
                  <span className="font-medium text-ink-600">A project you cannot open</span>
                )}
                <span className="text-ink-500">
                  on {formatDay(c.snapshotDate)} · distance {c.distance.toFixed(2)}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-1.5">
                <Outcome c={c} horizon="7" />
                <Outcome c={c} horizon="14" />
                <Outcome c={c} horizon="30" />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
