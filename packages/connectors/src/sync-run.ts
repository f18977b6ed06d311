import { makeEvent } from '@keel/core/events';
import type { Database } from '@keel/db/client';
import { heartbeatSyncLease } from '@keel/db/queries/connectors-state';
import { registerConnectorError, resolveConnectorErrors } from './connector-state.ts';
import { ConnectorError, toConnectorError } from './errors.ts';
import type { ProjectScope, ResourceStats, SyncConnector, SyncDeps } from './types.ts';

/**
 * The bookkeeping of one connector run: counters per resource, progress events as pages land,
 * progress on the lease row (the lease itself is renewed by the orchestration), failed units parked in connector_errors and units that recovered.
 */
export class SyncRun {
  readonly stats: ResourceStats = {};
  errorsRegistered = 0;
  /** The first unit failure of the run (what to tell a person when nothing came through). */
  firstFailure: ConnectorError | null = null;
  private readonly succeeded = new Set<string>();
  /** Work known up front per resource (e.g. conversations to fetch messages for). */
  private readonly planned = new Map<string, { done: number; total: number }>();
  private lastBeat = 0;

  constructor(
    readonly db: Database,
    readonly scope: ProjectScope,
    readonly connector: SyncConnector,
    readonly deps: SyncDeps,
    /** When set, only these units run (a DLQ retry); otherwise everything does. */
    readonly only: ReadonlySet<string> | null = null,
  ) {}

  /** Whether a unit (resource or per-object unit) should run in this pass. */
  wants(unit: string): boolean {
    if (!this.only) return true;
    if (this.only.has(unit)) return true;
    const resource = unit.split(':')[0] ?? unit;
    return this.only.has(resource);
  }

  private bucket(resource: string) {
    let b = this.stats[resource];
    if (!b) {
      b = { fetched: 0, written: 0, pages: 0, failed: 0 };
      this.stats[resource] = b;
    }
    return b;
  }

  /** The resource's amount of work, when known up front: its progress events then carry done/total. */
  expect(resource: string, total: number): void {
    this.planned.set(resource, { done: 0, total });
  }

  /** One unit of the expected work finished (fetched or parked), whatever it wrote. */
  advance(resource: string): void {
    const plan = this.planned.get(resource);
    if (plan) plan.done = Math.min(plan.total, plan.done + 1);
  }

  /** A page committed: count it, tell the browser, keep the lease alive. */
  async page(resource: string, fetched: number, written: number): Promise<void> {
    const b = this.bucket(resource);
    b.fetched += fetched;
    b.written += written;
    b.pages += 1;
    const now = this.deps.clock.now();
    const progress = {
      connector: this.connector,
      resource,
      fetched: b.fetched,
      written: b.written,
      page: b.pages,
      // A determinate bar in the browser (done / total) where the work is known up front.
      ...this.planned.get(resource),
    };
    await this.deps.bus
      .publish(makeEvent('sync.progress', this.scope, progress, now))
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: String(error) }, 'sync.progress not published'),
      );
    await this.deps.onProgress?.(progress);
    if (Date.now() - this.lastBeat > 5_000) {
      this.lastBeat = Date.now();
      if (this.deps.leaseOwner) {
        await heartbeatSyncLease(
          this.db,
          this.scope,
          this.connector,
          this.deps.leaseOwner,
          now,
          this.flatStats(),
        );
      }
    }
  }

  /** A unit of work finished: any open dead letter for it is resolved at the end of the run. */
  done(unit: string): void {
    this.succeeded.add(unit);
  }

  /** A unit failed after in-run retries: park it with backoff and go on with the rest. */
  async fail(
    unit: string,
    operation: string,
    sourceRef: string | null,
    error: unknown,
  ): Promise<ConnectorError> {
    const e = toConnectorError(error);
    if (e.kind === 'aborted') throw e;
    const resource = unit.split(':')[0] ?? unit;
    this.bucket(resource).failed += 1;
    this.succeeded.delete(unit);
    this.errorsRegistered += 1;
    this.firstFailure ??= e;
    this.deps.logger.warn(
      { connector: this.connector, unit, operation, kind: e.kind, status: e.status, message: e.message },
      'connector unit failed; parked for retry',
    );
    await registerConnectorError(
      this.db,
      this.scope,
      { connector: this.connector, operation, unit, sourceRef },
      e,
      this.deps.clock.now(),
    );
    return e;
  }

  async resolveSucceeded(): Promise<number> {
    if (this.succeeded.size === 0) return 0;
    return resolveConnectorErrors(
      this.db,
      this.scope,
      this.connector,
      { units: [...this.succeeded] },
      this.deps.clock.now(),
    );
  }

  /**
   * Units failed and none fetched anything — the vendor refused the whole sync (a bad token, an
   * outage): the error that fails the run (its units stay parked for retry); null otherwise.
   */
  refusal(): ConnectorError | null {
    const first = this.firstFailure;
    if (!first || !Object.values(this.stats).every((r) => r.fetched === 0)) return null;
    return new ConnectorError(
      first.kind,
      `${this.failedUnits} unit(s) failed and nothing was fetched: ${first.message}`,
      first.status === null ? {} : { status: first.status },
    );
  }

  flatStats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [resource, s] of Object.entries(this.stats)) {
      out[`${resource}.fetched`] = s.fetched;
      out[`${resource}.written`] = s.written;
      out[`${resource}.failed`] = s.failed;
    }
    return out;
  }

  get failedUnits(): number {
    return Object.values(this.stats).reduce((n, s) => n + s.failed, 0);
  }
}
