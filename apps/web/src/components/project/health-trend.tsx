'use client';

import { PROJECT_TREND } from '@/components/first-data/inputs';
import { useQuery } from '@tanstack/react-query';
import { LineChart as LineChartIcon } from 'lucide-react';
import dynamic from 'next/dynamic';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import { type DailyScore, formatDay, points } from './model';

const DAYS = PROJECT_TREND.days;

const HealthTrendChart = dynamic(() => import('./health-trend-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-full w-full" />,
});

/** The chart's words for screen readers: where health started and where it is. */
function summary(items: DailyScore[]): string {
  const scored = items.filter((p) => p.health !== null);
  const first = scored[0];
  const last = scored.at(-1);
  if (!first || !last) return `No health score in the last ${DAYS} days`;
  if (first === last) return `Health ${points(first.health ?? 0)} on ${formatDay(first.day)}`;
  return `Health from ${points(first.health ?? 0)} on ${formatDay(first.day)} to ${points(last.health ?? 0)} on ${formatDay(last.day)}`;
}

export function HealthTrend() {
  const trpc = useTRPC();
  const history = useQuery(trpc.kag.scoreHistory.queryOptions(PROJECT_TREND));
  const items = history.data?.items ?? [];
  return (
    <Card role="region" aria-labelledby="health-trend" className="min-w-0">
      <CardHeader
        titleId="health-trend"
        title={`Health over ${DAYS} days`}
        description="The last score of each day (UTC); gaps are days without a refresh."
      />
      {history.isPending ? (
        <SkeletonRows rows={4} label="Loading the health history" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={LineChartIcon} title="No history yet">
          Each refresh adds a point; the chart fills as the days go by.
        </EmptyState>
      ) : (
        // One image with a one-sentence summary for screen readers; the chart's own SVG parts
        // (axes, legend icons) would otherwise be read out piece by piece.
        <div role="img" aria-label={summary(items)} className="h-56 w-full px-2 pb-4 sm:h-64 sm:px-4">
          <div aria-hidden className="h-full w-full">
            <HealthTrendChart items={items} />
          </div>
        </div>
      )}
    </Card>
  );
}
