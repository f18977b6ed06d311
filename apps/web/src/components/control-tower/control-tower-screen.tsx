'use client';

import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import Link from 'next/link';
import { lazy, type ReactNode } from 'react';
import { OnDemandChart } from '@/components/charts/on-demand-chart';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatPercent } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { drilldownHref } from './drilldown-href';
import { HealthBandsLight, MoversLight, RevenueTrendLight, SlaTrendLight } from './light-charts';
import { ActedTile, FreshnessTile, HealthTile, RevenueTile, SlaTile } from './tiles';

/** The interactive charts, each fetched (with Recharts) only when OnDemandChart asks for it. */
const HealthBandsChart = lazy(() => import('./charts').then((m) => ({ default: m.HealthBandsChart })));
const RevenueTrendChart = lazy(() => import('./charts').then((m) => ({ default: m.RevenueTrendChart })));
const SlaTrendChart = lazy(() => import('./charts').then((m) => ({ default: m.SlaTrendChart })));
const MoversChart = lazy(() => import('./charts').then((m) => ({ default: m.MoversChart })));

/** Live over SSE (the shell invalidates controlTower.*); the minute refetch bounds staleness. */
const REFETCH_MS = 60_000;

function ChartCard({
  title,
  description,
  children,
  empty,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
  empty: string | null;
}) {
  return (
    <Card className="min-w-0">
      <CardHeader title={title} description={description} />
      <div className="h-56 px-2 pb-3 sm:h-64">
        {empty ? <p className="px-3 text-[13px] text-ink-500">{empty}</p> : children}
      </div>
    </Card>
  );
}

export function ControlTowerScreen() {
  const trpc = useTRPC();
  const tower = useQuery({ ...trpc.controlTower.get.queryOptions(), refetchInterval: REFETCH_MS });
  const data = tower.data;
  return (
    <>
      <PageHeader
        title="Control tower"
        description="Across every client you can see: where health is going, how much revenue is at risk, which projects moved, whether clients are answered in time. Every number opens the projects behind it."
        actions={
          data && (
            <span className="text-xs text-ink-500">
              Computed <RelativeTime iso={data.asOf} />
            </span>
          )
        }
      />
      {tower.isPending ? (
        <SkeletonRows label="Loading the control tower" />
      ) : tower.isError ? (
        <ErrorState error={tower.error} onRetry={() => void tower.refetch()} />
      ) : data && data.projects === 0 ? (
        <EmptyState icon={AlertTriangle} title="No projects to show">
          Projects you can see appear here with their health, revenue at risk and response times.
        </EmptyState>
      ) : data ? (
        <>
          <div className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
            <HealthTile health={data.health} projects={data.projects} />
            <RevenueTile revenue={data.revenueAtRisk} />
            <SlaTile sla={data.sla} />
            <ActedTile acted={data.recommendationsActed} />
            <FreshnessTile freshness={data.freshness} />
          </div>
          <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
            <ChartCard
              title="Health distribution"
              description="Projects per band each day; click a bar for its projects."
              empty={null}
            >
              <OnDemandChart
                label="Health distribution"
                light={<HealthBandsLight trend={data.health.trend} />}
              >
                <HealthBandsChart trend={data.health.trend} />
              </OnDemandChart>
            </ChartCard>
            <ChartCard
              title="Revenue at risk over time"
              description="One line per currency; amounts in different currencies are never added."
              empty={data.revenueAtRisk.trend.length === 0 ? 'No revenue snapshot yet.' : null}
            >
              <OnDemandChart
                label="Revenue at risk over time"
                light={<RevenueTrendLight trend={data.revenueAtRisk.trend} />}
              >
                <RevenueTrendChart trend={data.revenueAtRisk.trend} />
              </OnDemandChart>
            </ChartCard>
            <ChartCard
              title="SLA compliance"
              description={`Share of client messages answered within the target, trailing ${data.sla.periodDays} days; click a day for its projects.`}
              empty={data.sla.trend.length === 0 ? 'No response-time snapshot yet.' : null}
            >
              <OnDemandChart label="SLA compliance" light={<SlaTrendLight trend={data.sla.trend} />}>
                <SlaTrendChart trend={data.sla.trend} />
              </OnDemandChart>
            </ChartCard>
            <ChartCard
              title="Forecast movers"
              description={
                <>
                  Largest changes in 14-day risk over the last 7 days (points).{' '}
                  <Link
                    href={drilldownHref(data.forecastMovers.drilldown)}
                    className="text-accent-700 hover:underline"
                  >
                    All movers
                  </Link>
                </>
              }
              empty={data.forecastMovers.items.length === 0 ? 'No 14-day forecast moved this week.' : null}
            >
              {/* Not a focus stop: the light bars are links, which keyboard users follow. */}
              <OnDemandChart light={<MoversLight items={data.forecastMovers.items} />}>
                <MoversChart items={data.forecastMovers.items} />
              </OnDemandChart>
            </ChartCard>
          </div>
          <Card>
            <CardHeader
              title="Top risks"
              description={
                <>
                  The strongest open risks and why.{' '}
                  <Link
                    href={drilldownHref(data.topRisks.drilldown)}
                    className="text-accent-700 hover:underline"
                  >
                    All risks
                  </Link>
                </>
              }
            />
            {data.topRisks.items.length === 0 ? (
              <p className="px-5 pb-4 text-[13px] text-ink-500">No open risk.</p>
            ) : (
              <ul className="divide-y divide-line border-t border-line">
                {data.topRisks.items.map((r) => (
                  <li key={`${r.projectId}:${r.title}:${r.signalKeys.join(',')}`} className="px-5 py-3">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <Link
                        href={`/projects/${r.projectId}`}
                        prefetch={false}
                        className="text-[13px] font-medium text-ink-900 hover:text-accent-700 hover:underline"
                      >
                        {r.projectName} · {r.title}
                      </Link>
                      <span className="text-xs text-ink-500">
                        severity {formatPercent(r.severity)}
                        {r.probability !== null && ` · probability ${formatPercent(r.probability)}`}
                      </span>
                    </div>
                    <p className="mt-0.5 text-[13px] text-ink-600">{r.reason}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      ) : null}
    </>
  );
}
