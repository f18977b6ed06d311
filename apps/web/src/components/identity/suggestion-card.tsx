'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowLeftRight, Check, X } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { confidenceTone, FIELD_LABEL, percent } from './labels';
import { SideCell } from './side';

type Suggestion = RouterOutputs['identity']['list']['items'][number];

/** One pair in the review queue: both records, each matched field's two values side by side. */
export function SuggestionCard({ s, writer }: { s: Suggestion; writer: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.identity.pathKey() });
  const accept = useMutation(trpc.identity.applySuggestions.mutationOptions({ onSettled: invalidate }));
  const reject = useMutation(trpc.identity.dismiss.mutationOptions({ onSettled: invalidate }));
  const busy = accept.isPending || reject.isPending;
  const error = accept.error ?? reject.error;
  const who = `${s.left.label ?? s.left.ref} and ${s.right.label ?? s.right.ref}`;
  return (
    <Card className="p-4" data-testid="identity-suggestion">
      {/* On a phone the badge sits above the pair, so both names keep the full width. */}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-3">
        <div className="grid min-w-0 flex-1 grid-cols-[1fr_auto_1fr] items-center gap-3">
          <SideCell side={s.left} />
          <ArrowLeftRight aria-hidden className="size-4 text-ink-400" />
          <SideCell side={s.right} />
        </div>
        <Badge tone={confidenceTone(s.confidence)} className="self-start">
          {percent(s.confidence)} confidence
        </Badge>
      </div>
      <dl className="mt-3 divide-y divide-line rounded-lg border border-line text-sm">
        {s.matchedFields.map((f) => (
          <div
            key={f.field}
            className="grid grid-cols-1 gap-1 px-3 py-2 sm:grid-cols-[9rem_1fr_1fr] sm:gap-3"
          >
            <dt className="text-xs font-medium text-ink-500">{FIELD_LABEL[f.field] ?? f.field}</dt>
            <dd className="min-w-0 truncate text-ink-900" title={f.left}>
              {f.left}
            </dd>
            <dd className="min-w-0 truncate text-ink-900" title={f.right}>
              {f.right}
            </dd>
          </div>
        ))}
      </dl>
      {error && (
        <div className="mt-3">
          <InlineError>{messageOf(error)}</InlineError>
        </div>
      )}
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        <Button
          size="sm"
          variant="ghost"
          disabled={!writer || busy}
          title={writer ? undefined : 'Only owners and project managers can decide.'}
          aria-label={`Reject: ${who} are different`}
          onClick={() => reject.mutate({ ids: [s.id] })}
        >
          <X aria-hidden className="size-4" /> Reject
        </Button>
        <Button
          size="sm"
          variant="primary"
          disabled={!writer || busy}
          title={writer ? undefined : 'Only owners and project managers can decide.'}
          aria-label={`Accept: ${who} are the same`}
          onClick={() => accept.mutate({ ids: [s.id] })}
        >
          <Check aria-hidden className="size-4" /> Accept
        </Button>
      </div>
    </Card>
  );
}
