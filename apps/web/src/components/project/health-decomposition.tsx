'use client';

import { PROJECT_SIGNALS } from '@/components/first-data/inputs';
import { useQuery } from '@tanstack/react-query';
import { ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import { type Score, type Signal, points } from './model';
import { ScoreComponents } from './score-components';
import { SignalEvidenceDialog } from './signal-evidence-dialog';
import { TopContributors } from './top-contributors';

/** The API's maximum: every current signal, so each contributor finds its own. */

/** "Why this health?": the categories that take points off, and the signals behind them with their evidence. */
export function HealthDecomposition({ health }: { health: Score | undefined }) {
  const trpc = useTRPC();
  const signals = useQuery(trpc.kag.signals.queryOptions(PROJECT_SIGNALS));
  const [open, setOpen] = useState<Signal | null>(null);
  const deduction = health ? 100 - health.value : 0;

  return (
    <Card role="region" className="min-w-0" aria-labelledby="health-decomposition">
      <CardHeader
        titleId="health-decomposition"
        title="Health decomposition"
        description={
          health
            ? `Health ${points(health.value)} = 100 − ${deduction.toFixed(1)} points taken off by the active signals.`
            : undefined
        }
      />
      {!health ? (
        <EmptyState icon={ShieldCheck} title="Not scored yet">
          The first refresh after a sync scores the project and explains the number here.
        </EmptyState>
      ) : (
        <>
          <ScoreComponents components={health.components} />
          <h3 className="px-5 pt-4 pb-2 text-[13px] font-semibold text-ink-900">Top contributors</h3>
          {health.topContributors.length === 0 ? (
            <p className="px-5 pb-4 text-[13px] text-ink-500">No active signal takes anything off.</p>
          ) : signals.isPending ? (
            <SkeletonRows rows={3} label="Loading the signals" />
          ) : signals.isError ? (
            <ErrorState error={signals.error} onRetry={() => void signals.refetch()} />
          ) : (
            <TopContributors
              contributors={health.topContributors}
              deduction={deduction}
              signals={signals.data.items}
              onOpen={setOpen}
            />
          )}
        </>
      )}
      <SignalEvidenceDialog signal={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
