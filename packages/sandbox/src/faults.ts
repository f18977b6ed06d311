/**
 * Fault injection. Each emulator draws from its own seeded stream, one draw per request, so the
 * same seed and the same request sequence give the same faults.
 */
import type { EmulatorName } from './counters.ts';
import { createRng, mixSeed, type Rng } from './random.ts';

/**
 * `late_response`: the request is handled (a create is stored) and the answer is held for
 * `slowMs`, so the client times out after the vendor committed. Opt-in (not in FAULT_KINDS): it
 * is how the exactly-once tests of vendor writes are stressed.
 */
export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'slow'
  | 'truncated'
  | 'repeat_page'
  | 'unauthorized'
  | 'late_response';

export const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit',
  'server_error',
  'slow',
  'truncated',
  'repeat_page',
  'unauthorized',
];

export type FaultSettings = {
  /** Probability that a request gets a fault, 0..1. */
  rate: number;
  /** Which kinds to draw from (uniformly). Default: all. */
  kinds?: readonly FaultKind[];
};

export type FaultConfig = FaultSettings & {
  /** Seed of the fault streams. Default: the sandbox seed. */
  seed?: number;
  /** Seconds announced in Retry-After (and Linear/OpenAI equivalents). Default 1. */
  retryAfterSeconds?: number;
  /** How long a `slow` response is held before it is sent. Default 15000 ms. */
  slowMs?: number;
  /** Per-emulator overrides of rate and kinds. */
  emulators?: Partial<Record<EmulatorName, FaultSettings>>;
};

export type InjectedFault = { emulator: EmulatorName; route: string; kind: FaultKind; request: number };

export class FaultInjector {
  private config: FaultConfig;
  private readonly rngs = new Map<EmulatorName, Rng>();
  private readonly requests = new Map<EmulatorName, number>();
  /** Every fault injected so far, in order. */
  readonly log: InjectedFault[] = [];

  constructor(
    config: FaultConfig | undefined,
    private readonly defaultSeed: number,
  ) {
    this.config = config ?? { rate: 0 };
  }

  get retryAfterSeconds(): number {
    return this.config.retryAfterSeconds ?? 1;
  }

  get slowMs(): number {
    return this.config.slowMs ?? 15_000;
  }

  /** Replaces the configuration and restarts the streams (so a test can switch faults on or off). */
  configure(config: FaultConfig): void {
    this.config = config;
    this.rngs.clear();
    this.requests.clear();
    this.log.length = 0;
  }

  private settings(emulator: EmulatorName): FaultSettings {
    return this.config.emulators?.[emulator] ?? this.config;
  }

  /** Draws the fault (or none) for the next request to `emulator`. */
  decide(emulator: EmulatorName, route: string): FaultKind | null {
    const { rate, kinds } = this.settings(emulator);
    const n = (this.requests.get(emulator) ?? 0) + 1;
    this.requests.set(emulator, n);
    if (!(rate > 0)) return null;
    let rng = this.rngs.get(emulator);
    if (!rng) {
      rng = createRng(mixSeed(this.config.seed ?? this.defaultSeed, 'faults', emulator));
      this.rngs.set(emulator, rng);
    }
    const hit = rng.next() < rate;
    const kind = rng.pick(kinds && kinds.length > 0 ? kinds : FAULT_KINDS);
    if (!hit) return null;
    this.log.push({ emulator, route, kind, request: n });
    return kind;
  }
}
