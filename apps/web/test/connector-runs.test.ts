import { describe, expect, it } from 'vitest';
import { rememberRun, runIdFor, runOutcome, type SyncRun } from '../src/components/connectors/run-model.ts';
import { progressKey } from '../src/lib/live-events.ts';
import { routersOf } from './trpc-proxy.ts';

const stats = (written: number) => ({ issues: { fetched: written, written, pages: 1, failed: 0 } });

function run(over: Partial<SyncRun>): SyncRun {
  return {
    runId: 'r1',
    connector: 'all',
    mode: 'incremental',
    status: 'ok',
    joined: false,
    error: null,
    results: [],
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:05.000Z',
    ...over,
  };
}

const result = (
  connector: 'linear' | 'attio',
  status: SyncRun['results'][number]['status'],
  reason: string | null = null,
) => ({
  connector,
  status,
  reason,
  resources: stats(3),
  errorsRegistered: 0,
  errorsResolved: 0,
  durationMs: 10,
});

describe('the connectors screen follows sync runs', () => {
  it('when a run is running, then no outcome; when it ended, then each card says its own', () => {
    expect(runOutcome(run({ status: 'running' }), 'linear')).toBeNull();
    const ended = run({
      status: 'failed',
      error: 'attio: 5 unit(s) failed and nothing was fetched: HTTP 401',
      results: [
        result('linear', 'ok'),
        result('attio', 'failed', '5 unit(s) failed and nothing was fetched: HTTP 401'),
      ],
    });
    expect(runOutcome(ended, 'linear')).toEqual({ tone: 'success', text: 'Sync finished: 3 rows updated.' });
    expect(runOutcome(ended, 'attio')).toMatchObject({
      tone: 'danger',
      text: expect.stringContaining('HTTP 401'),
    });
    // Aborted before reaching chatwoot: the run's own error.
    expect(
      runOutcome(run({ status: 'failed', error: 'aborted: the server shut down' }), 'chatwoot'),
    ).toMatchObject({
      tone: 'danger',
    });
  });

  it('when a run starts or is joined, then cards follow their own run, and a run of all replaces them', () => {
    let runs = rememberRun({}, { runId: 'a', connector: 'linear' }, 'linear');
    expect(runIdFor(runs, 'linear')).toBe('a');
    expect(runIdFor(runs, 'attio')).toBeNull();
    // Asking for attio while a run of all is going joins that run.
    runs = rememberRun(runs, { runId: 'all-1', connector: 'all' }, 'attio');
    expect(runIdFor(runs, 'attio')).toBe('all-1');
    expect(runIdFor(runs, 'linear')).toBe('a');
    runs = rememberRun(runs, { runId: 'all-2', connector: 'all' }, 'all');
    expect(runs).toEqual({ all: 'all-2' });
  });

  it('when run events arrive, then their progress is kept by run and the run and connector queries go stale', () => {
    const data = { runId: 'r9', connector: 'linear', resource: 'issues', fetched: 5 };
    expect(progressKey({ type: 'connector.sync.progress', data })).toBe('run:r9');
    expect(progressKey({ type: 'sync.progress', data: { connector: 'linear' } })).toBe('sync:linear');
    expect(routersOf('connector.sync.progress')).toEqual(['connectors']);
    expect(routersOf('connector.sync.finished')).toEqual(
      expect.arrayContaining(['connectors', 'data', 'jobs']),
    );
  });
});
