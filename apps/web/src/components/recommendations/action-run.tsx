'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ExternalLink, Play, RotateCcw } from 'lucide-react';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { useSelectProject } from '@/components/shell/use-select-project';
import type { Recommendation } from './labels';

type Run = RouterOutputs['recommendationActions']['list']['items'][number];

const RUN_TONE: Record<Run['status'], Tone> = {
  pending: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  dead: 'danger',
};
const RUN_LABEL: Record<Run['status'], string> = {
  pending: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  dead: 'Gave up',
};
const BUTTON: Record<NonNullable<Recommendation['suggestedAction']>['type'], string> = {
  create_or_update_task: 'Create the Linear task',
  send_message: 'Draft the reply in the outbox',
  set_reminder: 'Set the reminder',
};

/** The edited draft as the action's fields: a task's first line is its title, the rest its description. */
export function draftFields(type: NonNullable<Recommendation['suggestedAction']>['type'], draft: string) {
  if (type === 'create_or_update_task') {
    const [title = '', ...rest] = draft.split('\n');
    return { title: title.trim(), description: rest.join('\n').trim() };
  }
  if (type === 'send_message') return { text: draft };
  return { title: draft.split('\n')[0]?.trim() ?? '' };
}

/**
 * Runs the card's suggested action once (the server keys it, so a double click or a retry never
 * acts twice) and shows its latest run: done with a link to what it created, or failed with why
 * and a retry. Actions run in the recommendation's project, which becomes the active one first.
 */
export function ActionRun({
  rec,
  draft,
  activeProjectId,
  onSucceeded,
}: {
  rec: Recommendation;
  draft: string;
  activeProjectId: string | null;
  /** The run ended done: the server closes the recommendation and the queue drops it. */
  onSucceeded?: ((rec: Recommendation) => void) | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const select = useSelectProject({ keep: ['recommendations'] });
  const inProject = activeProjectId === rec.projectId;
  const runs = useQuery({
    ...trpc.recommendationActions.list.queryOptions({ id: rec.id, limit: 1 }),
    enabled: inProject,
  });
  const refresh = () => queryClient.invalidateQueries(trpc.recommendationActions.pathFilter());
  // Hook-level callbacks: they fire even when the card left the queue before the answer came.
  const settled = {
    onSettled: refresh,
    onSuccess: (r: Run) => {
      // The answer is the newest run: the card that shows it next (the same one, or its copy
      // under "Done just now", which mounts afresh) reads it from the cache, not from a list
      // fetched while the run was still going.
      queryClient.setQueryData(trpc.recommendationActions.list.queryKey({ id: rec.id, limit: 1 }), {
        items: [r],
      });
      if (r.status === 'succeeded') onSucceeded?.(rec);
    },
  };
  const run = useMutation(trpc.recommendationActions.run.mutationOptions(settled));
  const retry = useMutation(trpc.recommendationActions.retry.mutationOptions(settled));
  const action = rec.suggestedAction;
  if (!action) return null;
  const latest = run.data ?? runs.data?.items[0];
  const busy = run.isPending || retry.isPending || select.isPending || latest?.status === 'running';
  const start = () => {
    const go = () =>
      run.mutate({ id: rec.id, actionType: action.type, draft: draftFields(action.type, draft) });
    if (inProject) go();
    else select.mutate({ id: rec.projectId }, { onSuccess: go });
  };
  const error = run.error ?? retry.error ?? select.error;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2" data-testid="action-run">
      {rec.canAct && latest?.status !== 'succeeded' && (
        <Button size="sm" variant="primary" disabled={busy} onClick={start}>
          <Play className="size-3.5" aria-hidden /> {BUTTON[action.type]}
        </Button>
      )}
      {latest && (
        <span
          className="flex flex-wrap items-center gap-2 text-[13px] text-ink-700"
          data-run-status={latest.status}
        >
          <Badge tone={RUN_TONE[latest.status]} dot>
            {RUN_LABEL[latest.status]}
          </Badge>
          {latest.status === 'succeeded' && latest.externalUrl && (
            <a
              href={latest.externalUrl}
              target={latest.externalUrl.startsWith('/') ? undefined : '_blank'}
              rel="noreferrer"
              className="inline-flex items-center gap-1 text-accent-700 underline"
            >
              Open what it created <ExternalLink className="size-3" aria-hidden />
            </a>
          )}
          {(latest.status === 'failed' || latest.status === 'dead') && (
            <>
              <span className="break-words">{latest.lastError}</span>
              {rec.canAct && (
                <Button size="sm" disabled={busy} onClick={() => retry.mutate({ actionId: latest.id })}>
                  <RotateCcw className="size-3.5" aria-hidden /> Retry
                </Button>
              )}
            </>
          )}
        </span>
      )}
      {error && <InlineError>{messageOf(error)}</InlineError>}
    </div>
  );
}
