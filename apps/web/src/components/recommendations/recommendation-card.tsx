'use client';

import { useMutation } from '@tanstack/react-query';
import { Check, Clock, ExternalLink, MessageSquareText, X } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { FeedbackForm } from './feedback-form';
import {
  ACTION_LABELS,
  draftText,
  type Evidence,
  evidenceHref,
  percent,
  type Recommendation,
  STATUS_LABELS,
  typeLabel,
} from './labels';
import { DismissDialog, SnoozeDialog } from './status-dialogs';

const STATUS_TONE: Record<Recommendation['status'], Tone> = {
  new: 'accent',
  shown: 'neutral',
  accepted: 'success',
  dismissed: 'neutral',
  snoozed: 'info',
  done: 'success',
  suppressed: 'warning',
};

/** Where the action run plugs in (`action-run.tsx`): the recommendation and the draft as edited here. */
export type ActionRunSlot = (props: { rec: Recommendation; draft: string }) => ReactNode;

function EvidenceList({
  rec,
  onOpen,
}: {
  rec: Recommendation;
  onOpen: (rec: Recommendation, href: string) => void;
}) {
  if (rec.evidence.length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold tracking-wide text-ink-500 uppercase">
        Evidence ({rec.evidence.length})
      </h4>
      <ul className="mt-1.5 space-y-1">
        {rec.evidence.map((e: Evidence) => {
          const link = evidenceHref(e);
          const text = e.label ?? `${e.table} ${e.id.slice(0, 8)}`;
          return (
            <li
              key={`${e.table}:${e.id}`}
              className="flex min-w-0 items-start gap-2 text-[13px] text-ink-700"
            >
              <MessageSquareText className="mt-0.5 size-3.5 shrink-0 text-ink-400" aria-hidden />
              {link?.external ? (
                <a
                  href={link.href}
                  target="_blank"
                  rel="noreferrer"
                  className="min-w-0 break-words text-accent-700 hover:underline"
                >
                  {text} <ExternalLink className="inline size-3" aria-label="opens Linear" />
                </a>
              ) : link ? (
                <button
                  type="button"
                  data-evidence-link
                  onClick={() => onOpen(rec, link.href)}
                  className="min-w-0 break-words text-left text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500"
                >
                  {text}
                </button>
              ) : (
                <span className="min-w-0 break-words">{text}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function RecommendationCard({
  rec,
  observe,
  onOpenEvidence,
  actionRunSlot,
}: {
  rec: Recommendation;
  /** Ref for the seen-tracker (cards still new). */
  observe?: ((el: HTMLElement | null) => void) | undefined;
  onOpenEvidence: (rec: Recommendation, href: string) => void;
  actionRunSlot?: ActionRunSlot | undefined;
}) {
  const trpc = useTRPC();
  const status = useMutation(trpc.recommendations.status.mutationOptions());
  const feedback = useMutation(trpc.recommendations.feedback.mutationOptions());
  const [dialog, setDialog] = useState<'dismiss' | 'snooze' | null>(null);
  const [draft, setDraft] = useState(() => (rec.suggestedAction ? draftText(rec.suggestedAction.draft) : ''));
  const open = rec.status === 'new' || rec.status === 'shown' || rec.status === 'snoozed';
  const error = status.error ?? feedback.error;
  const move = (input: {
    status: 'accepted' | 'dismissed' | 'snoozed' | 'done';
    reason?: string;
    snoozedUntil?: string;
  }) => status.mutate({ id: rec.id, ...input }, { onSuccess: () => setDialog(null) });

  return (
    <div
      ref={observe}
      data-recommendation-id={rec.id}
      data-status={rec.status}
      data-project-id={rec.projectId}
      data-project-name={rec.projectName}
    >
      <Card className="min-w-0 p-4 sm:p-5" aria-labelledby={`rec-${rec.id}-title`} role="article">
        <div className="flex flex-wrap items-center gap-2 text-xs text-ink-500">
          <Badge tone={STATUS_TONE[rec.status]} dot>
            {STATUS_LABELS[rec.status]}
          </Badge>
          <Badge tone="neutral">{typeLabel(rec.type)}</Badge>
          <span className="font-medium text-ink-700">{rec.projectName}</span>
          <span title="priority = severity × confidence × type weight">
            Priority {rec.priority.toFixed(2)} · severity {percent(rec.severity)} · confidence{' '}
            {percent(rec.confidence)}
          </span>
          {rec.status === 'snoozed' && rec.snoozedUntil && (
            <span>
              until <RelativeTime iso={rec.snoozedUntil} />
            </span>
          )}
        </div>
        <h3 id={`rec-${rec.id}-title`} className="mt-2 text-[15px] font-semibold break-words text-ink-900">
          {rec.title}
        </h3>
        <p className="mt-1 text-sm break-words text-ink-700">{rec.body}</p>
        {rec.suppressionReason && (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900">
            Held back: {rec.suppressionReason}
          </p>
        )}
        <div className="mt-3">
          <EvidenceList rec={rec} onOpen={onOpenEvidence} />
        </div>
        {rec.suggestedAction && (
          <div className="mt-3">
            <label
              htmlFor={`draft-${rec.id}`}
              className="text-xs font-semibold tracking-wide text-ink-500 uppercase"
            >
              Suggested: {ACTION_LABELS[rec.suggestedAction.type]}
            </label>
            <textarea
              id={`draft-${rec.id}`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              readOnly={!rec.canAct}
              rows={3}
              className="mt-1.5 w-full rounded-md border border-line px-3 py-2 text-sm text-ink-900 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none read-only:bg-ink-50"
            />
            {actionRunSlot?.({ rec, draft })}
          </div>
        )}
        {rec.canAct && rec.status !== 'suppressed' && (
          <div className="mt-3 flex flex-wrap gap-2">
            {open && (
              <>
                <Button
                  variant="primary"
                  size="sm"
                  disabled={status.isPending}
                  onClick={() => move({ status: 'accepted' })}
                >
                  <Check className="size-3.5" aria-hidden /> Accept
                </Button>
                <Button size="sm" disabled={status.isPending} onClick={() => setDialog('snooze')}>
                  <Clock className="size-3.5" aria-hidden /> Snooze
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={status.isPending}
                  onClick={() => setDialog('dismiss')}
                >
                  <X className="size-3.5" aria-hidden /> Dismiss
                </Button>
              </>
            )}
            {rec.status === 'accepted' && (
              <Button size="sm" disabled={status.isPending} onClick={() => move({ status: 'done' })}>
                <Check className="size-3.5" aria-hidden /> Mark done
              </Button>
            )}
          </div>
        )}
        {rec.canAct && rec.status !== 'suppressed' && (
          <div className="mt-3 border-t border-line pt-3">
            <FeedbackForm
              rec={rec}
              busy={feedback.isPending}
              onSubmit={(helpful, comment) =>
                feedback.mutate({
                  id: rec.id,
                  helpful,
                  ...(comment.trim() ? { comment: comment.trim() } : {}),
                })
              }
            />
          </div>
        )}
        {error && (
          <div className="mt-2">
            <InlineError>{messageOf(error)}</InlineError>
          </div>
        )}
        <DismissDialog
          open={dialog === 'dismiss'}
          onOpenChange={(o) => setDialog(o ? 'dismiss' : null)}
          busy={status.isPending}
          onConfirm={(reason) => move({ status: 'dismissed', reason })}
        />
        <SnoozeDialog
          open={dialog === 'snooze'}
          onOpenChange={(o) => setDialog(o ? 'snooze' : null)}
          busy={status.isPending}
          onConfirm={(until) => move({ status: 'snoozed', snoozedUntil: until.toISOString() })}
        />
      </Card>
    </div>
  );
}
