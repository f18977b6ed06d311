/** Per-emulator, per-route request counters, so tests can assert how many calls a sync made. */
export type EmulatorName = 'chatwoot' | 'linear' | 'attio' | 'loops' | 'openai';

export const EMULATOR_NAMES: readonly EmulatorName[] = ['chatwoot', 'linear', 'attio', 'loops', 'openai'];

export class RequestCounters {
  private readonly counts = new Map<string, number>();

  private key(emulator: EmulatorName, route: string): string {
    return `${emulator} ${route}`;
  }

  increment(emulator: EmulatorName, route: string): void {
    const key = this.key(emulator, route);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests to one route (`"GET /api/v1/accounts/:account_id/conversations"`), or to the whole emulator. */
  get(emulator: EmulatorName, route?: string): number {
    if (route !== undefined) return this.counts.get(this.key(emulator, route)) ?? 0;
    let total = 0;
    for (const [key, n] of this.counts) if (key.startsWith(`${emulator} `)) total += n;
    return total;
  }

  /** Every non-zero counter as `{ "chatwoot GET /api/v1/...": 3 }`, sorted by key. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(emulator?: EmulatorName): void {
    if (emulator === undefined) {
      this.counts.clear();
      return;
    }
    for (const key of [...this.counts.keys()]) if (key.startsWith(`${emulator} `)) this.counts.delete(key);
  }
}
