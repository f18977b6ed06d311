'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowRightLeft, ExternalLink } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { RequireProject } from '@/components/require-project';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

type Action = RouterOutputs['continuity']['actions']['items'][number];
type Trigger = Action['trigger'];

const STATUS_TONE: Record<Action['status'], Tone> = {
  previewed: 'info',
  applying: 'warning',
  applied: 'success',
  failed: 'danger',
  skipped: 'neutral',
};

const TYPE_LABEL: Record<Action['actionType'], string> = {
  attio_task: 'Attio task',
  chatwoot_checkin: 'Chatwoot check-in',
  linear_handover: 'Linear issue',
};

/** Where an applied action lives: the outbox draft in Keel, the Linear issue, or the Attio task id. */
function Where({ action }: { action: Action }) {
  if (!action.externalId)
    return action.error ? <span className="text-xs text-ink-600">{action.error}</span> : null;
  if (action.externalUrl?.startsWith('/'))
    return (
      <Link href={action.externalUrl} className="text-[13px] font-medium text-accent-700 hover:underline">
        Open the draft in Outbound
      </Link>
    );
  if (action.externalUrl)
    return (
      <a
        href={action.externalUrl}
        target="_blank"
        rel="noopener noreferrer"
        className="inline-flex items-center gap-1 text-[13px] font-medium text-accent-700 hover:underline"
      >
        <ExternalLink aria-hidden className="size-3.5" /> Open in{' '}
        {TYPE_LABEL[action.actionType].split(' ')[0]}
      </a>
    );
  return <span className="font-mono text-xs break-all text-ink-700">{action.externalId}</span>;
}

function ActionList({ items, label }: { items: Action[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-line">
      {items.map((a) => (
        <li key={a.id} data-action-type={a.actionType} className="flex flex-wrap items-start gap-3 px-5 py-3">
          <div className="min-w-0 flex-1">
            <p className="text-xs font-medium tracking-wide text-ink-500 uppercase">
              {TYPE_LABEL[a.actionType]}
            </p>
            <p className="text-sm text-ink-900">{a.title}</p>
            <div className="mt-1">
              <Where action={a} />
            </div>
          </div>
          <div className="text-right">
            <Badge tone={STATUS_TONE[a.status]}>{a.status}</Badge>
            {a.appliedAt && (
              <p className="mt-1 text-xs text-ink-500">
                <RelativeTime iso={a.appliedAt} />
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

function ContinuityPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const [trigger, setTrigger] = useState<Trigger>('project_ended');
  const [newManager, setNewManager] = useState('');
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.continuity.pathKey() });
  const preview = useMutation(trpc.continuity.preview.mutationOptions({ onSettled: invalidate }));
  const apply = useMutation(trpc.continuity.applyActions.mutationOptions({ onSettled: invalidate }));
  const history = useQuery(trpc.continuity.actions.queryOptions({ limit: 60 }));
  const request = { trigger, ...(trigger === 'manager_changed' ? { newManager } : {}) };
  const plan = apply.data ?? preview.data;
  const error = preview.error ?? apply.error;
  const busy = preview.isPending || apply.isPending;
  return (
    <>
      <PageHeader
        title="Continuity"
        description="When a project ends or changes manager: a task for the account owner in Attio, a check-in message drafted in Outbound, and a handover issue in Linear — each applied exactly once."
      />
      <Card className="mb-6">
        <CardHeader
          title="What happened"
          description="Preview the actions first; apply creates each one once, however often it is pressed."
        />
        <form
          className="flex flex-wrap items-end gap-3 px-5 pb-5"
          onSubmit={(e) => {
            e.preventDefault();
            preview.mutate(request);
          }}
        >
          <div className="grid w-56 gap-1">
            <Label htmlFor="continuity-trigger">Trigger</Label>
            <Select
              id="continuity-trigger"
              value={trigger}
              onChange={(e) => setTrigger(e.target.value as Trigger)}
            >
              <option value="project_ended">The project ended</option>
              <option value="manager_changed">The manager changed</option>
            </Select>
          </div>
          {trigger === 'manager_changed' && (
            <div className="grid w-56 gap-1">
              <Label htmlFor="continuity-manager">New manager</Label>
              <Input
                id="continuity-manager"
                value={newManager}
                onChange={(e) => setNewManager(e.target.value)}
                placeholder="Name of the new manager"
              />
            </div>
          )}
          <Button type="submit" disabled={!writer || busy}>
            Preview
          </Button>
          <Button
            variant="primary"
            disabled={!writer || busy || !preview.data}
            title={preview.data ? undefined : 'Preview the actions first.'}
            onClick={() => apply.mutate(request)}
          >
            Apply
          </Button>
          {!writer && (
            <p className="w-full text-xs text-ink-500">Only owners and project managers can apply.</p>
          )}
        </form>
        {error && (
          <div className="px-5 pb-4">
            <InlineError>{messageOf(error)}</InlineError>
          </div>
        )}
        {plan && (
          <div className="border-t border-line">
            <ActionList items={plan.items} label="Planned actions" />
          </div>
        )}
      </Card>
      <Card>
        <CardHeader title="History" description="Every continuity action of this project, newest first." />
        {history.isError && <ErrorState error={history.error} onRetry={() => history.refetch()} />}
        {history.isPending && <SkeletonRows rows={3} label="Loading continuity actions" />}
        {history.isSuccess && history.data.items.length === 0 && (
          <EmptyState icon={ArrowRightLeft} title="No continuity actions yet">
            Preview the actions for a project that ended or changed manager.
          </EmptyState>
        )}
        {history.isSuccess && history.data.items.length > 0 && (
          <div className="border-t border-line">
            <ActionList items={history.data.items} label="Continuity history" />
          </div>
        )}
      </Card>
    </>
  );
}

export function ContinuityScreen() {
  return (
    <RequireProject title="Continuity">
      <ContinuityPanel />
    </RequireProject>
  );
}
