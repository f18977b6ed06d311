'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDateTime, formatPercent, humanize } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import type { SignalChange } from './model';

const PAGE = 25;

const CHANGE: Record<SignalChange['change'], { label: string; tone: Tone }> = {
  appeared: { label: 'Appeared', tone: 'danger' },
  changed: { label: 'Changed', tone: 'warning' },
  resolved: { label: 'Cleared', tone: 'success' },
};

function Change({ h }: { h: SignalChange }) {
  const change = CHANGE[h.change];
  return (
    <li className="flex gap-3 px-5 py-3">
      <time dateTime={h.asOf} className="w-24 shrink-0 pt-0.5 text-xs text-ink-500 sm:w-32">
        {formatDateTime(h.asOf)}
      </time>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={change.tone}>{change.label}</Badge>
          <span className="text-[13px] font-medium text-ink-900">{humanize(h.key)}</span>
          {h.change !== 'resolved' && (
            <span className="text-xs text-ink-500">severity {formatPercent(h.severity)}</span>
          )}
        </div>
        {h.sentence && <p className="mt-1 text-[13px] text-ink-600">{h.sentence}</p>}
      </div>
    </li>
  );
}

/** Signals appearing, changing and clearing, newest first, older pages on request. */
export function SignalTimeline() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.kag.signalHistory.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = (history.data?.pages ?? []).flatMap((p) => p.items);
  return (
    <Card role="region" aria-labelledby="signal-timeline" className="min-w-0">
      <CardHeader
        titleId="signal-timeline"
        title="Signals over time"
        description="What started, moved and stopped taking points off health."
      />
      {history.isPending ? (
        <SkeletonRows rows={4} label="Loading the signal history" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={History} title="No signal has fired yet">
          When a refresh detects, changes or clears a signal, it shows here.
        </EmptyState>
      ) : (
        <>
          <ol aria-label="Signal changes" className="divide-y divide-line border-t border-line">
            {items.map((h) => (
              <Change key={h.id} h={h} />
            ))}
          </ol>
          {history.hasNextPage && (
            <div className="border-t border-line px-5 py-3">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => void history.fetchNextPage()}
                disabled={history.isFetchingNextPage}
              >
                {history.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
