'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertOctagon, CheckCircle2, KeyRound, RefreshCw, RotateCcw } from 'lucide-react';
import { useState, useSyncExternalStore } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { messageOf } from '@/lib/errors';
import { formatCount, formatDuration, humanize } from '@/lib/format';
import { getLiveState, getServerLiveState, type LiveProgress, subscribeLive } from '@/lib/live-events';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { CredentialsDialog } from './credentials-dialog';
import { rememberRun, runIdFor, runOutcome, type SyncRun, type SyncTarget } from './run-model';
import { useSyncRun } from './sync-runs';
import {
  type ConnectorErrorRow,
  type ConnectorName,
  type ConnectorState,
  connectorBadge,
  countsOf,
  isSyncable,
  META,
} from './model';

/** Resource keys of the sync stats, in the words the card uses. */
const RESOURCES: Record<string, string> = {
  rag_chunks: 'Search passages',
  messages: 'Messages',
  conversations: 'Conversations',
  contacts: 'Contacts',
  inboxes: 'Inboxes',
  issues: 'Issues',
  cycles: 'Cycles',
  projects: 'Projects',
  companies: 'Companies',
  deals: 'Deals',
  people: 'People',
};

const resourceLabel = (key: string) => RESOURCES[key] ?? humanize(key);

/** "messages: 1,204" from the progress event → "Syncing messages · 1,204 fetched". */
function syncDetail(detail: string | null): string {
  if (!detail) return 'Syncing…';
  const [resource = '', count] = detail.split(': ');
  const label = resourceLabel(resource).toLowerCase();
  return count ? `Syncing ${label} · ${count} fetched` : `Syncing ${label}…`;
}

const READ_ONLY =
  'Your role on this project is read-only: owners and project managers can sync and connect tools.';
const OWNER_ONLY =
  "Connector credentials serve the whole workspace: only the workspace's owner can change them.";

function useLiveProgress(): ReadonlyMap<string, LiveProgress> {
  return useSyncExternalStore(
    subscribeLive,
    () => getLiveState().progress,
    () => getServerLiveState().progress,
  );
}

function ConnectorCard({
  c,
  live,
  writer,
  admin,
  starting,
  runId,
  onSync,
  onCredentials,
}: {
  c: ConnectorState;
  live: LiveProgress | undefined;
  writer: boolean;
  /** May change workspace-wide settings (credentials). */
  admin: boolean;
  /** The request starting its sync is on its way. */
  starting: boolean;
  /** The sync run this card follows (its own or a run of every connector). */
  runId: string | null;
  onSync: () => void;
  onCredentials: () => void;
}) {
  const meta = META[c.connector];
  const { run, loading } = useSyncRun(runId);
  const syncing =
    starting ||
    loading ||
    (run?.status === 'running' && run.results.every((r) => r.connector !== c.connector));
  const result = isSyncable(c.connector) ? runOutcome(run, c.connector) : null;
  const badge = connectorBadge(c, live, syncing);
  const running = badge.label === 'Syncing';
  const headingId = `connector-${c.connector}`;
  return (
    <Card className="flex flex-col" aria-labelledby={headingId} role="region">
      <div className="flex items-start gap-3 px-5 pt-5">
        <span
          aria-hidden
          className={cn(
            'flex size-10 shrink-0 items-center justify-center rounded-lg text-base font-semibold text-white',
            meta.tile,
          )}
        >
          {meta.initial}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="text-[15px] font-semibold text-ink-900">
              {meta.name}
            </h2>
            <Badge tone={badge.tone} dot pulse={running}>
              {badge.label}
            </Badge>
          </div>
          <p className="mt-0.5 text-[13px] text-ink-500">{meta.what}</p>
        </div>
      </div>

      <div className="flex-1 px-5 py-4">
        {running ? (
          <div aria-live="polite">
            <ProgressBar
              value={live?.phase === 'running' ? live.progress : null}
              label={`${meta.name} sync progress`}
            />
            <p className="mt-2 text-[13px] text-ink-600">
              {syncDetail(live?.phase === 'running' ? live.detail : null)}
            </p>
          </div>
        ) : (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-[13px]">
            <div>
              <dt className="text-ink-500">Last sync</dt>
              <dd className="mt-0.5 font-medium text-ink-900">
                {c.lastFinishedAt ? <RelativeTime iso={c.lastFinishedAt} /> : 'Never'}
                {c.durationMs !== null && c.lastFinishedAt && (
                  <span className="font-normal text-ink-500"> · {formatDuration(c.durationMs)}</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-ink-500">Open errors</dt>
              <dd className={cn('mt-0.5 font-medium', c.openErrors > 0 ? 'text-amber-700' : 'text-ink-900')}>
                {formatCount(c.openErrors)}
              </dd>
            </div>
            {countsOf(c.counts)
              .slice(0, 4)
              .map((k) => (
                <div key={k.resource}>
                  <dt className="text-ink-500">{resourceLabel(k.resource)}</dt>
                  <dd className="mt-0.5 font-medium text-ink-900 tabular-nums">{formatCount(k.count)}</dd>
                </div>
              ))}
          </dl>
        )}
        {!running && c.lastError && (c.status === 'failed' || c.consecutiveFailures > 0) && (
          <p className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-[13px] text-rose-700">{c.lastError}</p>
        )}
        {!running && result && (
          <p
            role="status"
            className={cn(
              'mt-3 flex items-center gap-1.5 text-[13px]',
              result.tone === 'success'
                ? 'text-emerald-700'
                : result.tone === 'danger'
                  ? 'text-rose-700'
                  : 'text-ink-600',
            )}
          >
            {result.tone === 'danger' ? (
              <AlertOctagon aria-hidden className="size-4" />
            ) : (
              <CheckCircle2 aria-hidden className="size-4" />
            )}
            {result.text}
          </p>
        )}
      </div>

      <div className="flex items-center gap-2 border-t border-line px-5 py-3">
        {isSyncable(c.connector) && (
          <Button
            size="sm"
            variant="primary"
            onClick={onSync}
            disabled={!writer || running || !c.configured}
            aria-label={`Sync ${meta.name} now`}
            title={!writer ? READ_ONLY : !c.configured ? `Connect ${meta.name} first` : undefined}
          >
            {running ? <Spinner /> : <RefreshCw aria-hidden className="size-3.5" />}
            {running ? 'Syncing' : 'Sync now'}
          </Button>
        )}
        <Button
          size="sm"
          onClick={onCredentials}
          disabled={!admin}
          title={admin ? undefined : OWNER_ONLY}
          aria-label={`${c.configured ? 'Manage' : 'Connect'} ${meta.name} credentials`}
        >
          <KeyRound aria-hidden className="size-3.5" />
          {c.configured ? 'Credentials' : 'Connect'}
        </Button>
      </div>
    </Card>
  );
}

const ERROR_STATUS: Record<
  ConnectorErrorRow['status'],
  { tone: 'warning' | 'info' | 'danger' | 'success'; label: string }
> = {
  pending: { tone: 'warning', label: 'Waiting to retry' },
  retrying: { tone: 'info', label: 'Retrying' },
  dead: { tone: 'danger', label: 'Gave up' },
  resolved: { tone: 'success', label: 'Resolved' },
};

function ErrorsTable({ errors }: { errors: ConnectorErrorRow[] }) {
  return (
    <Table aria-label="Connector errors">
      <THead>
        <tr>
          <Th>What failed</Th>
          <Th className="hidden sm:table-cell">Source</Th>
          <Th>Status</Th>
          <Th className="hidden md:table-cell">Attempts</Th>
          <Th className="hidden md:table-cell">Next retry</Th>
        </tr>
      </THead>
      <TBody>
        {errors.map((e) => {
          const s = ERROR_STATUS[e.status];
          return (
            <tr key={e.id}>
              <Td className="max-w-md">
                <div className="font-medium text-ink-900">{humanize(e.operation.replace('.', ' '))}</div>
                <div className="mt-0.5 line-clamp-2 text-[13px] text-ink-500">{e.errorMessage}</div>
              </Td>
              <Td className="hidden text-[13px] sm:table-cell">{META[e.connector].name}</Td>
              <Td>
                <Badge tone={s.tone}>{s.label}</Badge>
              </Td>
              <Td className="hidden text-[13px] tabular-nums md:table-cell">{e.attempts}</Td>
              <Td className="hidden text-[13px] whitespace-nowrap md:table-cell">
                {e.status === 'pending' || e.status === 'retrying' ? (
                  <RelativeTime iso={e.nextRetryAt} />
                ) : (
                  '—'
                )}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}

export function ConnectorsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const admin = me.data?.capabilities.manageWorkspace ?? false;
  const live = useLiveProgress();
  const [dialog, setDialog] = useState<ConnectorName | null>(null);
  const [runs, setRuns] = useState<Partial<Record<SyncTarget, string>>>({});

  const state = useQuery(trpc.connectors.state.queryOptions());
  const errors = useQuery(trpc.connectors.errors.queryOptions({ limit: 50 }));
  const afterSync = () =>
    queryClient.invalidateQueries({
      predicate: (q) => {
        const path = q.queryKey[0];
        return Array.isArray(path) && ['connectors', 'data', 'search', 'jobs'].includes(String(path[0]));
      },
    });
  // The POST answers at once with the run; the card reads it by id (not seeded from the answer:
  // a quick run may have finished, and its SSE event passed, before the answer lands), then its
  // progress and end come over SSE (sync-runs.ts).
  const started = (run: SyncRun, asked: SyncTarget) => setRuns((r) => rememberRun(r, run, asked));
  const sync = useMutation(
    trpc.connectors.sync.mutationOptions({ onSuccess: (run, input) => started(run, input.name) }),
  );
  const syncAll = useMutation(
    trpc.connectors.syncAll.mutationOptions({ onSuccess: (run) => started(run, 'all') }),
  );
  const allRun = useSyncRun(runs.all ?? null);
  const syncingAll = syncAll.isPending || allRun.loading || allRun.run?.status === 'running';
  const retry = useMutation(trpc.connectors.retryErrors.mutationOptions({ onSettled: afterSync }));

  const connectors = state.data?.connectors ?? [];
  const errorRows = errors.data?.errors ?? [];
  const open = errorRows.filter((e) => e.status !== 'resolved');
  const actionError = sync.error ?? syncAll.error ?? retry.error;
  const dialogConnector = connectors.find((c) => c.connector === dialog);

  return (
    <>
      <PageHeader
        title="Connectors"
        description="The tools this project’s data comes from: their sync state, what came in, and what needs a retry."
        actions={
          <Button
            variant="primary"
            onClick={() => syncAll.mutate({})}
            disabled={!writer || syncingAll || connectors.length === 0}
            title={writer ? undefined : READ_ONLY}
          >
            {syncingAll ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
            Sync all
          </Button>
        }
      />

      {!writer && me.data && (
        <p className="mb-4 rounded-lg border border-line bg-white px-4 py-3 text-[13px] text-ink-600">
          {READ_ONLY}
        </p>
      )}
      {actionError && (
        <div className="mb-4">
          <InlineError>{messageOf(actionError)}</InlineError>
        </div>
      )}

      {state.isPending ? (
        <div className="grid gap-4 md:grid-cols-2" role="status" aria-label="Loading connectors">
          {[0, 1, 2, 3].map((i) => (
            <Card key={i} className="p-5">
              <div className="flex gap-3">
                <Skeleton className="size-10" />
                <div className="flex-1">
                  <Skeleton className="h-4 w-28" />
                  <Skeleton className="mt-2 h-3 w-48" />
                </div>
              </div>
              <Skeleton className="mt-6 h-3 w-full" />
              <Skeleton className="mt-3 h-3 w-2/3" />
            </Card>
          ))}
        </div>
      ) : state.isError ? (
        <Card>
          <ErrorState error={state.error} onRetry={() => void state.refetch()} />
        </Card>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {connectors.map((c) => (
            <ConnectorCard
              key={c.connector}
              c={c}
              live={live.get(`sync:${c.connector}`)}
              writer={writer}
              admin={admin}
              starting={(sync.isPending && sync.variables?.name === c.connector) || syncAll.isPending}
              runId={isSyncable(c.connector) ? runIdFor(runs, c.connector) : null}
              onSync={() => {
                if (isSyncable(c.connector)) sync.mutate({ name: c.connector });
              }}
              onCredentials={() => setDialog(c.connector)}
            />
          ))}
        </div>
      )}

      <Card className="mt-6">
        <CardHeader
          title="Errors and retries"
          description="What a sync could not fetch is parked here and retried with backoff until it succeeds."
          actions={
            <Button
              size="sm"
              onClick={() => retry.mutate({})}
              disabled={!writer || retry.isPending || open.length === 0}
              title={writer ? undefined : READ_ONLY}
            >
              {retry.isPending ? <Spinner /> : <RotateCcw aria-hidden className="size-3.5" />}
              Retry due errors
            </Button>
          }
        />
        {errors.isPending ? (
          <SkeletonRows rows={3} label="Loading connector errors" />
        ) : errors.isError ? (
          <ErrorState error={errors.error} onRetry={() => void errors.refetch()} />
        ) : errorRows.length === 0 ? (
          <EmptyState icon={AlertOctagon} title="No errors">
            Every item of the last syncs came through. Anything that fails will show up here with its next
            retry.
          </EmptyState>
        ) : (
          <ErrorsTable errors={errorRows} />
        )}
      </Card>

      {dialog && (
        <CredentialsDialog
          connector={dialog}
          configured={dialogConnector?.configured ?? false}
          open
          onOpenChange={(o) => {
            if (!o) setDialog(null);
          }}
        />
      )}
    </>
  );
}
