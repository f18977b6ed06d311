'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarClock, ChevronDown, Play, RefreshCw } from 'lucide-react';
import { useState, useSyncExternalStore } from 'react';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Tooltip } from '@/components/ui/tooltip';
import { cn } from '@/lib/cn';
import { messageOf } from '@/lib/errors';
import { formatCadence, formatDuration } from '@/lib/format';
import { getLiveState, getServerLiveState, type LiveProgress, subscribeLive } from '@/lib/live-events';
import { useMe } from '@/lib/session';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { jobDescription, jobLabel } from './job-labels';

type Status = RouterOutputs['jobs']['status'];
type Job = Status['jobs'][number];
type Run = Status['recentRuns'][number];

function useLiveProgress(): ReadonlyMap<string, LiveProgress> {
  return useSyncExternalStore(
    subscribeLive,
    () => getLiveState().progress,
    () => getServerLiveState().progress,
  );
}

function runTone(status: string | null | undefined): { tone: Tone; label: string } {
  switch (status) {
    case 'running':
      return { tone: 'info', label: 'Running' };
    case 'succeeded':
      return { tone: 'success', label: 'Succeeded' };
    case 'failed':
      return { tone: 'danger', label: 'Failed' };
    case 'skipped':
      return { tone: 'neutral', label: 'Skipped' };
    default:
      return { tone: 'neutral', label: 'Not run yet' };
  }
}

const TRIGGERS: Record<string, string> = {
  schedule: 'Scheduled',
  manual: 'Run now',
  api: 'API',
  startup: 'Start-up',
};

function JobRow({
  job,
  live,
  writer,
  onRun,
  running,
}: {
  job: Job;
  live: LiveProgress | undefined;
  writer: boolean;
  onRun: () => void;
  running: boolean;
}) {
  const isRunning = job.running || running || live?.phase === 'running';
  const last = runTone(isRunning ? 'running' : job.lastRun?.status);
  const progress = live?.phase === 'running' ? live.progress : (job.lastRun?.progress ?? null);
  const runButton = (
    <Button
      size="sm"
      onClick={onRun}
      disabled={!writer || isRunning}
      aria-label={`Run ${jobLabel(job.jobType)} now`}
    >
      {isRunning ? <Spinner /> : <Play aria-hidden className="size-3.5" />}
      <span className="hidden sm:inline">{isRunning ? 'Running' : 'Run now'}</span>
    </Button>
  );
  return (
    <tr>
      <Td className="max-w-[22rem]">
        <div className="font-medium text-ink-900">{jobLabel(job.jobType)}</div>
        <div className="mt-0.5 line-clamp-2 hidden text-[13px] text-ink-500 sm:block">
          {jobDescription(job.jobType)}
        </div>
        <div className="mt-0.5 text-xs text-ink-500 md:hidden">
          {job.cadenceSeconds ? formatCadence(job.cadenceSeconds) : 'On demand'}
          {job.enabled !== false && job.nextRunAt && (
            <>
              {' · next '}
              <RelativeTime iso={job.nextRunAt} />
            </>
          )}
        </div>
        {isRunning && (
          <div className="mt-2 max-w-56">
            <ProgressBar value={progress} label={`${jobLabel(job.jobType)} progress`} />
            {live?.detail && <p className="mt-1 text-xs text-ink-500">{live.detail}</p>}
          </div>
        )}
        {!isRunning && job.lastError && job.consecutiveFailures > 0 && (
          <p className="mt-1.5 text-[13px] text-rose-700">{job.lastError}</p>
        )}
      </Td>
      <Td className="hidden text-[13px] whitespace-nowrap lg:table-cell">
        {job.cadenceSeconds ? formatCadence(job.cadenceSeconds) : 'On demand'}
      </Td>
      <Td className="whitespace-nowrap">
        <Badge tone={last.tone} dot pulse={isRunning}>
          {last.label}
        </Badge>
        {job.lastRun && !isRunning && (
          <div className="mt-1 text-xs text-ink-500">
            <RelativeTime iso={job.lastRun.finishedAt ?? job.lastRun.startedAt} />
            {job.lastRun.durationMs !== null && <> · {formatDuration(job.lastRun.durationMs)}</>}
          </div>
        )}
      </Td>
      <Td className="hidden text-[13px] whitespace-nowrap md:table-cell">
        {job.enabled === false ? 'Paused' : <RelativeTime iso={job.nextRunAt} />}
      </Td>
      <Td className="hidden text-[13px] whitespace-nowrap md:table-cell">
        {job.failures24h > 0 ? (
          <span className="font-medium text-rose-700">
            {job.failures24h} of {job.runs24h}
          </span>
        ) : (
          <span className="text-ink-500">{job.runs24h > 0 ? `0 of ${job.runs24h}` : 'None'}</span>
        )}
      </Td>
      <Td className="pr-4 text-right">
        {writer ? (
          runButton
        ) : (
          <Tooltip content="Only owners and project managers can run jobs.">
            <span tabIndex={-1}>{runButton}</span>
          </Tooltip>
        )}
      </Td>
    </tr>
  );
}

function RecentRuns({ runs }: { runs: Run[] }) {
  if (runs.length === 0)
    return (
      <EmptyState icon={CalendarClock} title="No runs yet">
        Runs appear here as the scheduler works through the project’s jobs.
      </EmptyState>
    );
  return (
    <Table aria-label="Recent job runs">
      <THead>
        <tr>
          <Th>Job</Th>
          <Th className="hidden sm:table-cell">Trigger</Th>
          <Th>Result</Th>
          <Th className="hidden md:table-cell">Started</Th>
          <Th className="hidden md:table-cell">Took</Th>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => {
          const t = runTone(r.status);
          return (
            <tr key={r.id}>
              <Td>
                <div className="font-medium text-ink-900">{jobLabel(r.jobType)}</div>
                {r.error && <div className="mt-0.5 line-clamp-2 text-[13px] text-rose-700">{r.error}</div>}
              </Td>
              <Td className="hidden text-[13px] sm:table-cell">{TRIGGERS[r.trigger] ?? r.trigger}</Td>
              <Td>
                <Badge tone={t.tone} dot>
                  {t.label}
                </Badge>
              </Td>
              <Td className="hidden text-[13px] whitespace-nowrap md:table-cell">
                <RelativeTime iso={r.startedAt} />
              </Td>
              <Td className="hidden text-[13px] md:table-cell">{formatDuration(r.durationMs)}</Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}

export function JobsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const live = useLiveProgress();
  const [showPaused, setShowPaused] = useState(false);
  const status = useQuery(trpc.jobs.status.queryOptions({ recent: 15 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
  const run = useMutation(trpc.jobs.run.mutationOptions({ onSettled: invalidate }));
  const tick = useMutation(trpc.jobs.tick.mutationOptions({ onSettled: invalidate }));

  const jobs = status.data?.jobs ?? [];
  const active = jobs.filter((j) => j.enabled !== false);
  const paused = jobs.filter((j) => j.enabled === false);
  const failing = active.filter((j) => j.consecutiveFailures > 0).length;
  const worker = status.data?.worker;
  const runError = run.error ?? tick.error;

  return (
    <>
      <PageHeader
        title="Jobs"
        description="The scheduler’s work for this project: what ran, what runs next, and what failed."
        actions={
          <Button
            variant="primary"
            onClick={() => tick.mutate({})}
            disabled={!writer || tick.isPending}
            title={writer ? undefined : 'Only owners and project managers can run jobs.'}
          >
            {tick.isPending ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
            Run due jobs
          </Button>
        }
      />

      {status.isSuccess && (
        <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[
            ['Scheduled jobs', String(active.length)],
            ['Failing', String(failing)],
            ['Runs in 24 h', String(active.reduce((n, j) => n + j.runs24h, 0))],
            ['Worker last seen', null],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl border border-line bg-white px-4 py-3 shadow-xs">
              <dt className="text-xs font-medium text-ink-500">{label}</dt>
              <dd
                className={cn(
                  'mt-1 text-xl font-semibold text-ink-900',
                  label === 'Failing' && failing > 0 && 'text-rose-700',
                )}
              >
                {value ?? (worker?.lastSeenAt ? <RelativeTime iso={worker.lastSeenAt} /> : 'Not yet')}
              </dd>
            </div>
          ))}
        </dl>
      )}

      {runError && (
        <div className="mb-4">
          <InlineError>{messageOf(runError)}</InlineError>
        </div>
      )}

      <Card>
        <CardHeader
          title="Scheduled jobs"
          description="Each runs on its own cadence; run one now to see fresh results."
        />
        {status.isPending ? (
          <SkeletonRows label="Loading jobs" />
        ) : status.isError ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : active.length === 0 ? (
          <EmptyState icon={CalendarClock} title="No jobs scheduled for this project">
            Jobs are created when the project is first picked up by the scheduler.
          </EmptyState>
        ) : (
          <Table aria-label="Scheduled jobs">
            <THead>
              <tr>
                <Th>Job</Th>
                <Th className="hidden lg:table-cell">Cadence</Th>
                <Th>Last run</Th>
                <Th className="hidden md:table-cell">Next run</Th>
                <Th className="hidden md:table-cell">Failures 24 h</Th>
                <Th className="w-28">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {active.map((job) => (
                <JobRow
                  key={job.jobType}
                  job={job}
                  live={live.get(`job:${job.jobType}`)}
                  writer={writer}
                  running={run.isPending && run.variables?.type === job.jobType}
                  onRun={() => run.mutate({ type: job.jobType })}
                />
              ))}
            </TBody>
          </Table>
        )}
        {paused.length > 0 && (
          <div className="border-t border-line">
            <button
              type="button"
              aria-expanded={showPaused}
              onClick={() => setShowPaused((v) => !v)}
              className="flex w-full items-center gap-2 px-5 py-3 text-left text-[13px] font-medium text-ink-600 hover:bg-ink-50 focus-visible:outline-2 focus-visible:outline-accent-500"
            >
              <ChevronDown
                aria-hidden
                className={cn('size-4 transition-transform', showPaused && 'rotate-180')}
              />
              {paused.length} paused {paused.length === 1 ? 'job' : 'jobs'}
            </button>
            {showPaused && (
              <ul className="divide-y divide-line border-t border-line">
                {paused.map((j) => (
                  <li
                    key={j.jobType}
                    className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-2.5"
                  >
                    <span className="text-sm text-ink-800">{jobLabel(j.jobType)}</span>
                    <span className="text-xs text-ink-500">{j.disabledReason ?? 'Paused'}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>

      <Card className="mt-6">
        <CardHeader title="Recent runs" description="The latest executions, scheduled or started by hand." />
        {status.isPending ? (
          <SkeletonRows rows={4} label="Loading recent runs" />
        ) : status.isError ? null : (
          <RecentRuns runs={status.data.recentRuns} />
        )}
      </Card>
    </>
  );
}
