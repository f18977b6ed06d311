'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ForecastPanel } from '@/components/forecast/forecast-panel';
import { SimilarCasesPanel } from '@/components/forecast/similar-cases-panel';
import { TrackRecordPanel } from '@/components/forecast/track-record-panel';
import { useTRPC } from '@/lib/trpc';

/**
 * The forecast part of the project page: the 7/14/30-day forecast with its drivers, Keel's track
 * record on this install for the same horizon (and the sentence for the current forecast's band),
 * and the similar past cases with their outcomes.
 */
export function ForecastPanelSlot(_props: { projectId: string }) {
  const trpc = useTRPC();
  const [horizon, setHorizon] = useState(14);
  const forecast = useQuery(trpc.kag.forecast.queryOptions({}));
  const current = forecast.data?.items.find((f) => f.horizonDays === horizon);
  return (
    <>
      <ForecastPanel horizon={horizon} onHorizon={setHorizon} />
      <TrackRecordPanel horizon={horizon} probability={current?.probability ?? null} />
      <SimilarCasesPanel />
    </>
  );
}
