'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EvidenceLink } from '@/components/project/evidence-link';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { formatDateTime, formatMoney, formatPercent, humanize } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

export type Opportunity = RouterOutputs['upsell']['list']['items'][number];
type Status = Opportunity['status'];

const STATUS_TONE: Record<Status, Tone> = {
  proposed: 'info',
  qualified: 'accent',
  converted: 'success',
  dismissed: 'neutral',
};

/** The moves the API allows from each status, with the words on their buttons. */
const MOVES: Record<Status, Array<{ to: Status; label: string }>> = {
  proposed: [
    { to: 'qualified', label: 'Qualify' },
    { to: 'dismissed', label: 'Dismiss' },
  ],
  qualified: [
    { to: 'converted', label: 'Mark converted' },
    { to: 'dismissed', label: 'Dismiss' },
  ],
  converted: [],
  dismissed: [{ to: 'proposed', label: 'Reopen' }],
};

function EvidenceDialog({ item, onClose }: { item: Opportunity | null; onClose: () => void }) {
  return (
    <Dialog
      open={item !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={item ? `Evidence: ${item.title}` : 'Evidence'}
      description={item?.rationale}
    >
      <ul aria-label="Evidence messages" className="divide-y divide-line rounded-lg border border-line">
        {item?.evidence.map((e) => (
          <li key={`${e.table}:${e.id}`} className="space-y-1 px-4 py-3">
            {e.occurredAt && (
              <time dateTime={e.occurredAt} className="block text-xs text-ink-500">
                {formatDateTime(e.occurredAt)}
              </time>
            )}
            {e.label && <p className="text-[13px] break-words text-ink-800">{e.label}</p>}
            <EvidenceLink target={e.target} />
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** One opportunity: what the client said, how strong it is, what to do next, and its status. */
export function UpsellCard({ item, writer }: { item: Opportunity; writer: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [evidence, setEvidence] = useState(false);
  const move = useMutation(
    trpc.upsell.updateStatus.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.upsell.pathKey() }),
    }),
  );
  return (
    <Card className="p-5" data-upsell-id={item.id} aria-label={item.title} role="article">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-ink-500 uppercase">{humanize(item.cue)}</p>
          <h3 className="mt-0.5 text-[15px] font-semibold text-ink-900">{item.title}</h3>
        </div>
        <div className="flex items-center gap-2">
          <span
            className="text-sm font-semibold text-ink-900"
            title="Score: cue strength, repetition, health, freshness"
          >
            {formatPercent(item.score)}
          </span>
          <Badge tone={STATUS_TONE[item.status]}>{item.status}</Badge>
        </div>
      </div>
      <p className="mt-2 text-[13px] text-ink-700">{item.rationale}</p>
      <dl className="mt-3 grid gap-2 text-[13px] sm:grid-cols-2">
        <div>
          <dt className="text-xs text-ink-500">Next step</dt>
          <dd className="text-ink-900">{item.nextStep}</dd>
        </div>
        <div>
          <dt className="text-xs text-ink-500">Estimated value</dt>
          <dd className="text-ink-900">
            {item.estimatedValueMinor !== null && item.currency
              ? formatMoney(item.estimatedValueMinor, item.currency)
              : 'No won deal amount to base it on'}
          </dd>
        </div>
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" onClick={() => setEvidence(true)}>
          Evidence ({item.evidence.length} {item.evidence.length === 1 ? 'message' : 'messages'})
        </Button>
        <span className="flex-1" />
        {MOVES[item.status].map((m) => (
          <Button
            key={m.to}
            size="sm"
            variant={m.to === 'dismissed' ? 'secondary' : 'primary'}
            disabled={!writer || move.isPending}
            title={writer ? undefined : 'Only owners and project managers can change the status.'}
            onClick={() => move.mutate({ id: item.id, status: m.to })}
          >
            {m.label}
          </Button>
        ))}
      </div>
      {move.error && (
        <div className="mt-3">
          <InlineError>{messageOf(move.error)}</InlineError>
        </div>
      )}
      <EvidenceDialog item={evidence ? item : null} onClose={() => setEvidence(false)} />
    </Card>
  );
}
