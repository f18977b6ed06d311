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
