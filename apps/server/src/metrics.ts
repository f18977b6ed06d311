import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per server instance, so several servers in one test process do not collide. */
export type ServerMetrics = {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  sseConnections: Gauge;
  jobsRun: Counter<'job_type' | 'status'>;
  jobDuration: Histogram<'job_type'>;
};

export function createServerMetrics(withDefaults = true): ServerMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'keel_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'keel_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sseConnections: new Gauge({
      name: 'keel_sse_connections',
      help: 'Open Server-Sent Events connections',
      registers: [registry],
    }),
    jobsRun: new Counter({
      name: 'keel_jobs_total',
      help: 'Jobs run in this process by type and outcome',
      labelNames: ['job_type', 'status'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'keel_job_duration_seconds',
      help: 'Job run duration',
      labelNames: ['job_type'],
      buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}

export type JobQueueReading = { due: number; running: number; dead: number; oldestDueAt: Date | null };

/**
 * Queue depth and lag read from the database at scrape time: in server mode the jobs run in
 * separate worker processes, so only the shared tables know the whole queue.
 */
export function registerJobQueueMetrics(
  metrics: ServerMetrics,
  read: () => Promise<JobQueueReading>,
  now: () => Date,
): void {
  if (metrics.registry.getSingleMetric('keel_jobs_queue_lag_seconds')) return;
  let last: Promise<JobQueueReading> | undefined;
  // One query per scrape, shared by the four gauges.
  const reading = () => {
    last ??= read().finally(() => {
      setImmediate(() => {
        last = undefined;
      });
    });
    return last;
  };
  const gauge = (name: string, help: string, pick: (r: JobQueueReading) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      async collect() {
        try {
          this.set(pick(await reading()));
        } catch {
          // A scrape during a database outage reports the last value rather than failing /metrics.
        }
      },
    });
  gauge('keel_jobs_due', 'Scheduled jobs due and not yet claimed', (r) => r.due);
  gauge('keel_jobs_running', 'Scheduled jobs held by a worker', (r) => r.running);
  gauge('keel_jobs_dead', 'Scheduled jobs parked after repeated failures', (r) => r.dead);
  gauge('keel_jobs_queue_lag_seconds', 'How long the oldest due job has been waiting', (r) =>
    r.oldestDueAt ? Math.max(0, (now().getTime() - r.oldestDueAt.getTime()) / 1000) : 0,
  );
}

/** The worker loop's per-job callback: counts by outcome and the duration histogram. */
export function recordJobOutcome(metrics: ServerMetrics) {
  return (info: { jobType: string; status: string; durationMs: number }) => {
    metrics.jobsRun.inc({ job_type: info.jobType, status: info.status });
    metrics.jobDuration.observe({ job_type: info.jobType }, info.durationMs / 1000);
  };
}
