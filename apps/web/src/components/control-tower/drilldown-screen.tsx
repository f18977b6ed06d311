'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ListX } from 'lucide-react';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatCount, formatMoney, formatPercent } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { type DrilldownKey, METRIC_LABEL } from './drilldown-href';

/** How a row's contribution reads for each metric. */
function valueText(metric: DrilldownKey['metric'], value: number | null, currency: string | null): string {
  if (value === null) return '—';
  switch (metric) {
    case 'revenue_at_risk':
      return formatMoney(value, currency ?? 'USD');
    case 'sla_compliance':
      return formatPercent(value);
    case 'forecast_movers':
      return `${value > 0 ? '+' : ''}${Math.round(value * 100)} pts`;
    case 'top_risks':
      return `severity ${formatPercent(value)}`;
    case 'health_band':
      return `health ${Math.round(value)}`;
    default:
      return formatCount(value);
  }
}

/** The figure the rows make, as the tile shows it. */
function totalText(metric: DrilldownKey['metric'], value: number | null, currency: string | null): string {
  if (currency) return formatMoney(value ?? 0, currency);
  if (metric === 'sla_compliance') return `${formatPercent(value)} answered in time`;
  if (metric === 'recommendations_acted') return `${formatCount(value)} acted on`;
  if (metric === 'top_risks') return `${formatCount(value)} open risks`;
  if (metric === 'connector_freshness') return `${formatCount(value)} project connections`;
  return `${formatCount(value)} ${value === 1 ? 'project' : 'projects'}`;
}

/** The projects behind one control-tower figure; each opens its project page and evidence. */
export function DrilldownScreen({ drilldownKey }: { drilldownKey: DrilldownKey }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.analyticsDrilldown.get.queryOptions(drilldownKey));
  const data = query.data;
  const metric = drilldownKey.metric;
  return (
    <>
      <PageHeader
        title={data?.title ?? METRIC_LABEL[metric]}
        description={
          <Link
            href="/control-tower"
            className="inline-flex items-center gap-1 text-accent-700 hover:underline"
          >
            <ArrowLeft aria-hidden className="size-3.5" /> Control tower
          </Link>
        }
      />
      {query.isPending ? (
        <SkeletonRows label="Loading the projects" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : data && data.rows.length === 0 ? (
        <EmptyState icon={ListX} title="No project makes this figure">
          Nothing behind it yet in the projects you can see.
        </EmptyState>
      ) : data ? (
        <Card>
          <CardHeader
            title={
              <span data-testid="drilldown-total">
                {data.totals.map((t) => totalText(metric, t.value, t.currency)).join(' · ')}
              </span>
            }
            description={
              <>
                {formatCount(data.rows.length)} {data.rows.length === 1 ? 'row' : 'rows'} · as of{' '}
                <RelativeTime iso={data.asOf} />
              </>
            }
          />
          <ul aria-label="Projects" className="divide-y divide-line border-t border-line">
            {data.rows.map((r) => (
              <li
                key={`${r.projectId}:${r.currency ?? ''}:${r.label}`}
                className="px-5 py-3"
                data-testid="drilldown-row"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link
                    href={`/projects/${r.projectId}`}
                    prefetch={false}
                    className="text-[14px] font-medium text-ink-900 hover:text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500"
                  >
                    {r.projectName}
                  </Link>
                  <span className="text-[14px] font-semibold text-ink-900">
                    {valueText(metric, r.value, r.currency)}
                  </span>
                </div>
                <p className="mt-0.5 text-[13px] text-ink-600">{r.label}</p>
                {r.deals.length > 0 && (
                  <ul
                    aria-label={`Deals of ${r.projectName}`}
                    className="mt-1 space-y-0.5 text-[12px] text-ink-500"
                  >
                    {r.deals.map((d) => (
                      <li key={d.id} className="flex justify-between gap-2">
                        <span className="truncate">
                          {d.name}
                          {d.probability !== null &&
                            ` · ${formatMoney(d.amountMinor, r.currency ?? 'USD')} × ${formatPercent(d.probability)}`}
                        </span>
                        <span className="shrink-0">{formatMoney(d.atRiskMinor, r.currency ?? 'USD')}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
