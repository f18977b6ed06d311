'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link2, Undo2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { percent } from './labels';
import { SideCell } from './side';

type Link = RouterOutputs['identity']['links']['items'][number];

/** One applied link, with undo (the suggestion returns to the queue). */
export function LinkRow({ link, writer }: { link: Link; writer: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const undo = useMutation(
    trpc.identity.undo.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.identity.pathKey() }),
    }),
  );
  const who = `${link.left.label ?? link.left.ref} and ${link.right.label ?? link.right.ref}`;
  return (
    <li className="px-4 py-3" data-testid="identity-link">
      {/* On a phone the pair takes the full width and the time and undo go below it. */}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-3">
        <div className="grid min-w-0 flex-1 grid-cols-[1fr_auto_1fr] items-center gap-3">
          <SideCell side={link.left} />
          <Link2 aria-hidden className="size-4 text-emerald-600" />
          <SideCell side={link.right} />
        </div>
        <div className="flex items-center justify-between gap-3 text-xs text-ink-500">
          <span>
            {percent(link.confidence)} · <RelativeTime iso={link.createdAt} />
          </span>
          <Button
            size="sm"
            disabled={!writer || undo.isPending}
            title={
              writer
                ? 'Remove the link; the suggestion returns to the queue'
                : 'Only owners and project managers can undo.'
            }
            aria-label={`Undo link: ${who}`}
            onClick={() => undo.mutate({ id: link.id })}
          >
            <Undo2 aria-hidden className="size-4" /> Undo
          </Button>
        </div>
      </div>
      {undo.error && (
        <div className="mt-2">
          <InlineError>{messageOf(undo.error)}</InlineError>
        </div>
      )}
    </li>
  );
}
