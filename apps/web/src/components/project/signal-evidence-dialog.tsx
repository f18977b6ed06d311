'use client';

import { useQuery } from '@tanstack/react-query';
import { Dialog } from '@/components/ui/dialog';
import { SkeletonRows } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { formatDateTime, humanize } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import Link from 'next/link';
import { citingRowsHref } from '@/components/evidence/evidence-href';
import { EvidenceLink } from './evidence-link';
import type { Signal } from './model';

/** Table names are storage details; people think in messages, issues and deals. */
const SOURCE_LABEL: Record<string, string> = {
  kag_events: 'Message',
  linear_issues_raw: 'Issue',
  linear_cycles_raw: 'Cycle',
  crm_opportunities: 'Deal',
  attio_activities_raw: 'CRM activity',
};

function EvidenceList({ signalId }: { signalId: string }) {
  const trpc = useTRPC();
  const evidence = useQuery(trpc.kag.signalEvidence.queryOptions({ id: signalId }));
  if (evidence.isPending) return <SkeletonRows rows={3} label="Loading the evidence" />;
  if (evidence.isError) return <ErrorState error={evidence.error} onRetry={() => void evidence.refetch()} />;
  const { items, total } = evidence.data;
  return (
    <>
      <ul aria-label="Evidence" className="divide-y divide-line rounded-lg border border-line">
        {items.map((e) => (
          <li key={`${e.table}:${e.id}`} className="space-y-1 px-4 py-3">
            <div className="flex items-baseline justify-between gap-3 text-xs text-ink-500">
              <span className="font-medium uppercase tracking-wide">
                {SOURCE_LABEL[e.table] ?? humanize(e.table)}
              </span>
              {e.occurredAt && <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>}
            </div>
            {e.label && <p className="text-[13px] break-words text-ink-800">{e.label}</p>}
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <EvidenceLink target={e.target} />
              <Link
                href={citingRowsHref(e.table, e.id)}
                className="text-[13px] font-medium text-accent-700 hover:underline"
              >
                Everything that cites this
              </Link>
            </div>
          </li>
        ))}
      </ul>
      {total > items.length && (
        <p className="mt-2 text-xs text-ink-500">
          The strongest {items.length} of {total} pieces of evidence.
        </p>
      )}
    </>
  );
}

/** What a signal rests on, each piece linking to where it lives. */
export function SignalEvidenceDialog({ signal, onClose }: { signal: Signal | null; onClose: () => void }) {
  return (
    <Dialog
      open={signal !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={signal ? `Evidence: ${signal.title}` : 'Evidence'}
      description={signal?.sentence}
    >
      {signal && <EvidenceList signalId={signal.id} />}
    </Dialog>
  );
}
