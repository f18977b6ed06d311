'use client';

import { useQuery } from '@tanstack/react-query';
import { Gauge } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useTRPC } from '@/lib/trpc';
import { DriverList } from './driver-list';
import { type Forecast, percent } from './model';

/**
 * The 7/14/30-day forecast: the chance of a risk event within each horizon and, for the chosen
 * one, the drivers behind it. With too little history it says what is missing, never a number.
 */
export function ForecastPanel({ horizon, onHorizon }: { horizon: number; onHorizon: (h: number) => void }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.kag.forecast.queryOptions({}));
  const items: Forecast[] = q.data?.items ?? [];
  const chosen = items.find((f) => f.horizonDays === horizon) ?? items[0];
  return (
    <Card role="region" aria-labelledby="risk-forecast" className="min-w-0">
      <CardHeader
        titleId="risk-forecast"
        title="Risk forecast"
        description="Chance of a risk event (health below 50, an escalation, a lost deal, the client going silent)."
      />
      {q.isPending ? (
        <SkeletonRows rows={3} label="Loading the forecast" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={Gauge} title="No forecast yet">
          The daily pipeline forecasts each project once its snapshots are built.
        </EmptyState>
      ) : (
        <div className="px-5 pb-5">
          <div role="tablist" aria-label="Horizon" className="grid grid-cols-3 gap-2">
            {items.map((f) => (
              <button
                key={f.horizonDays}
                type="button"
                role="tab"
                aria-selected={f.horizonDays === chosen?.horizonDays}
                onClick={() => onHorizon(f.horizonDays)}
                className={cn(
                  'rounded-lg border px-3 py-2 text-left focus-visible:outline-2 focus-visible:outline-accent-500',
                  f.horizonDays === chosen?.horizonDays
                    ? 'border-ink-900 bg-ink-50'
                    : 'border-line hover:bg-ink-50',
                )}
              >
                <div className="text-xs text-ink-500">{f.horizonDays} days</div>
                <div
                  className={cn(
                    'text-lg font-semibold',
                    f.probability === null ? 'text-ink-400' : f.atRisk ? 'text-rose-700' : 'text-ink-900',
                  )}
                  data-testid={`forecast-${f.horizonDays}`}
                >
                  {f.probability === null ? '—' : percent(f.probability)}
                </div>
                {f.atRisk && (
                  <div
                    className="text-[11px] font-medium uppercase tracking-wide text-rose-700"
                    data-testid="forecast-at-risk"
                    title="The at-risk flag: the 14-day chance has held at the flag's level over the last days"
                  >
                    At risk
                  </div>
                )}
              </button>
            ))}
          </div>
          {chosen && !chosen.dataSufficient ? (
            <p className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-[13px] text-amber-900" role="status">
              {chosen.insufficiencyReason ?? 'Not enough history yet.'}
            </p>
          ) : chosen ? (
            <DriverList forecast={chosen} />
          ) : null}
          {chosen && (
            <p className="mt-3 text-xs text-ink-500">
              As of {new Date(chosen.asOf).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}{' '}
              · model {chosen.modelVersion}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
