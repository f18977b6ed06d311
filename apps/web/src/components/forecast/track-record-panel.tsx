'use client';

import { useQuery } from '@tanstack/react-query';
import { Target } from 'lucide-react';
import { lazy } from 'react';
import { LightChart } from '@/components/charts/light-chart';
import { OnDemandChart } from '@/components/charts/on-demand-chart';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import {
  type HorizonRecord,
  alarmSentence,
  flagRuleSentence,
  binLabel,
  percent,
  reliabilityRows,
  trackRecordSentence,
} from './model';

/** The interactive chart (Recharts, tooltips), fetched when a pointer or a finger comes to it. */
const ReliabilityChart = lazy(() => import('./reliability-chart'));

/** The chart as drawn with the page: plain SVG, the same bars, promise line and axes. */
function ReliabilityLight({ bins, current }: { bins: HorizonRecord['bins']; current: number | null }) {
  const rows = reliabilityRows(bins, current);
  return (
    <LightChart
      labels={rows.map((r) => `${r.band}%`)}
      scale={{ domain: [0, 100], ticks: [0, 50, 100] }}
      formatTick={(v) => `${v}%`}
      yWidth={44}
      maxLabels={5}
      series={[
        {
          key: 'observed',
          name: 'Had an event',
          color: '#fda4af',
          kind: 'bar',
          values: rows.map((r) => r.observed),
          colors: rows.map((r) => (r.current ? '#be123c' : undefined)),
        },
        {
          key: 'promised',
          name: 'Forecast said',
          color: '#475569',
          kind: 'line',
          dashed: true,
          strokeWidth: 1,
          values: rows.map((r) => r.promised),
        },
      ]}
    />
  );
}

function chartSummary(r: HorizonRecord): string {
  const filled = r.bins.filter((b) => b.count > 0 && b.observedRate !== null);
  return `Reliability of ${r.horizonDays}-day forecasts on this install: ${filled
    .map((b) => `${binLabel(b.lo, b.hi)} called, ${percent(b.observedRate ?? 0)} had an event (${b.count})`)
    .join('; ')}`;
}

/**
 * Keel's track record on this install: how often forecasts in each 10 % band came true, for the
 * horizon shown beside it, with the sentence for the band the current forecast falls in.
 */
export function TrackRecordPanel({ horizon, probability }: { horizon: number; probability: number | null }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.kag.forecastTrackRecord.queryOptions({}));
  const record = q.data?.horizons.find((h) => h.horizonDays === horizon);
  const sentence = trackRecordSentence(record, probability);
  // The flag is the 14-day forecast's: its alarms are shown beside that horizon only.
  const alarms = horizon === 14 ? alarmSentence(q.data?.alarms ?? null) : null;
  const rule = horizon === 14 ? flagRuleSentence(q.data?.alarms?.rule) : null;
  return (
    <Card role="region" aria-labelledby="track-record" className="min-w-0">
      <CardHeader
        titleId="track-record"
        title="How often Keel was right here"
        description="Forecasts replayed over this install's past days, each seeing only its past, against what followed."
      />
      {q.isPending ? (
        <SkeletonRows rows={3} label="Loading the track record" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !record || record.labelled === 0 ? (
        <EmptyState icon={Target} title="No track record yet">
          {record?.reason ?? 'Forecasts are scored once their windows close.'}
        </EmptyState>
      ) : (
        <div className="px-5 pb-5">
          {sentence && (
            <p className="text-[13px] text-ink-800" data-testid="track-record-sentence">
              {sentence}
            </p>
          )}
          {alarms && (
            <p className="mt-2 text-[13px] text-ink-800" data-testid="track-record-alarms">
              {rule && <span data-testid="track-record-flag-rule">{rule} </span>}
              {alarms}
            </p>
          )}
          {!record.sufficient && probability === null && (
            <p className="text-[13px] text-ink-600">{record.reason}</p>
          )}
          <div role="img" aria-label={chartSummary(record)} className="mt-3 h-48 w-full sm:h-56">
            <div aria-hidden className="h-full w-full">
              <OnDemandChart light={<ReliabilityLight bins={record.bins} current={probability} />}>
                <ReliabilityChart bins={record.bins} current={probability} />
              </OnDemandChart>
            </div>
          </div>
          <p className="mt-2 text-xs text-ink-500">
            {record.labelled} scored forecasts, {record.events} followed by an event · Brier{' '}
            {record.brier?.toFixed(3) ?? '—'} (always saying the base rate:{' '}
            {record.brierBaseRate?.toFixed(3) ?? '—'}; lower is better)
          </p>
        </div>
      )}
    </Card>
  );
}
