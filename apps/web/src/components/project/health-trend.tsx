'use client';

import { PROJECT_TREND } from '@/components/first-data/inputs';
import { useQuery } from '@tanstack/react-query';
import { LineChart as LineChartIcon } from 'lucide-react';
import { lazy } from 'react';
import { LightChart } from '@/components/charts/light-chart';
import { OnDemandChart } from '@/components/charts/on-demand-chart';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import { type DailyScore, formatDay, points } from './model';

const DAYS = PROJECT_TREND.days;

/** The interactive chart (Recharts, tooltips), fetched when a pointer or a finger comes to it. */
const HealthTrendChart = lazy(() => import('./health-trend-chart'));

/** Past this many points, dots clutter the line more than they help (as in the interactive chart). */
const DOTS_UP_TO = 20;

/** The chart as drawn with the page: plain SVG, the same lines, axis and legend. */
function HealthTrendLight({ items }: { items: DailyScore[] }) {
  return (
    <LightChart
      labels={items.map((p) => formatDay(p.day))}
      scale={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
      dots={items.length <= DOTS_UP_TO}
      legend
      series={[
        { key: 'health', name: 'Health', color: '#059669', kind: 'line', values: items.map((p) => p.health) },
        {
          key: 'risk',
          name: 'Risk',
          color: '#e11d48',
          kind: 'line',
          dashed: true,
          strokeWidth: 1.5,
          values: items.map((p) => p.risk),
        },
      ]}
    />
  );
}

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
            <OnDemandChart light={<HealthTrendLight items={items} />}>
              <HealthTrendChart items={items} />
            </OnDemandChart>
          </div>
        </div>
      )}
    </Card>
  );
}
