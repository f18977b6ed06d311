/**
 * startSandbox: one generated world served by five local emulators over real HTTP.
 *
 *   import { startSandbox } from '@keel/sandbox/emulators/start';
 *   const sb = await startSandbox({ size: 'demo', seed: 7, faults: { rate: 0.1 } });
 *   sb.urls.chatwoot  // http://127.0.0.1:PORT          (client adds /api/v1/accounts/1/...)
 *   sb.urls.linear    // http://127.0.0.1:PORT/graphql  (@linear/sdk `apiUrl`)
 *   sb.urls.attio     // http://127.0.0.1:PORT          (client adds /v2/...)
 *   sb.urls.loops     // http://127.0.0.1:PORT/api      (loops `apiRoot`, add a trailing slash)
 *   sb.urls.openai    // http://127.0.0.1:PORT/v1       (openai `baseURL`)
 *   sb.tokens         // credentials each emulator accepts
 *   sb.counters.get('linear', 'POST /graphql'); sb.counters.reset();
 *   sb.faults.configure({ rate: 0 });   // switch faults off (or on) at run time
 *   sb.advance(1);                      // one day passes: new and updated records
 *   sb.groundTruth                      // hidden trajectories; never read by Keel's own code
 *   await sb.close();
 *
 * Ports are ephemeral unless `ports` or `portBase` is given (portBase + 0..4 in the order
 * chatwoot, linear, attio, loops, openai).
 */
import { EMULATOR_NAMES, type EmulatorName, RequestCounters } from '../counters.ts';
import { type FaultConfig, FaultInjector } from '../faults.ts';
import { type AdvanceSummary, advanceWorld } from '../generate/advance.ts';
import { generatePortfolio } from '../generate/portfolio.ts';
import type { RunningServer } from '../http/server.ts';
import type { Dataset, GroundTruth } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import type { SizeName, SizeSpec } from '../sizes.ts';
import { startAttio } from './attio.ts';
import { startChatwoot } from './chatwoot.ts';
import type { EmulatorContext, SandboxTokens } from './context.ts';
import { startLinear } from './linear.ts';
import { startLoops } from './loops.ts';
import { startOpenai } from './openai.ts';

export type SandboxOptions = {
  size?: SizeName | SizeSpec;
  seed?: number;
  /** "Now" of the generated world. Default: a fixed date (byte-identical output). Demo mode passes new Date(). */
  baseDate?: Date | string | number;
  /** A fault rate (0..1, all kinds) or a full configuration. Default: no faults. */
  faults?: number | FaultConfig;
  /** Fixed port per emulator; 0 or missing = ephemeral. */
  ports?: Partial<Record<EmulatorName, number>>;
  /** Convenience: ports portBase..portBase+4 in EMULATOR_NAMES order. */
  portBase?: number;
  host?: string;
  /** Serve an existing dataset instead of generating one. */
  dataset?: Dataset;
  /** Start only these emulators. Default: all five. */
  only?: readonly EmulatorName[];
};

export type SandboxUrls = Record<EmulatorName, string>;

export type Sandbox = {
  urls: SandboxUrls;
  tokens: SandboxTokens;
  dataset: Dataset;
  groundTruth: GroundTruth;
  counters: RequestCounters;
  faults: FaultInjector;
  /** Moves the world forward `days` days; emulators serve the new state immediately. */
  advance(days: number): AdvanceSummary;
  close(): Promise<void>;
};

const STARTERS: Record<
  EmulatorName,
  (ctx: EmulatorContext, port: number, host?: string) => Promise<RunningServer>
> = {
  chatwoot: startChatwoot,
  linear: startLinear,
  attio: startAttio,
  loops: startLoops,
  openai: startOpenai,
};

const URL_SUFFIX: Record<EmulatorName, string> = {
  chatwoot: '',
  linear: '/graphql',
  attio: '',
  loops: '/api',
  openai: '/v1',
};

/** Deterministic credentials for a seed. */
export function sandboxTokens(seed: number): SandboxTokens {
  const rng = createRng(mixSeed(seed, 'tokens'));
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const alnum = (n: number) =>
    Array.from({ length: n }, () =>
      rng.pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')),
    ).join('');
  return {
    chatwoot: alnum(24),
    chatwootAccountId: 1,
    linear: `lin_api_${alnum(40)}`,
    attio: hex(64),
    loops: hex(32),
    openai: `sk-sandbox-${alnum(40)}`,
  };
}

/** The shared context an emulator serves; use it with the per-emulator starters (startLinear(ctx, port) …). */
export function createEmulatorContext(options: {
  dataset: Dataset;
  faults?: number | FaultConfig;
  tokens?: SandboxTokens;
}): EmulatorContext {
  const faults = typeof options.faults === 'number' ? { rate: options.faults } : options.faults;
  return {
    dataset: options.dataset,
    tokens: options.tokens ?? sandboxTokens(options.dataset.seed),
    counters: new RequestCounters(),
    faults: new FaultInjector(faults, options.dataset.seed),
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataset =
    options.dataset ??
    generatePortfolio({ seed: options.seed, size: options.size, baseDate: options.baseDate });
  const ctx = createEmulatorContext({ dataset, faults: options.faults });
  const servers: RunningServer[] = [];
  const urls = {} as SandboxUrls;
  try {
    for (const [i, name] of EMULATOR_NAMES.entries()) {
      if (options.only && !options.only.includes(name)) continue;
      const port = options.ports?.[name] ?? (options.portBase ? options.portBase + i : 0);
      const server = await STARTERS[name](ctx, port, options.host);
      servers.push(server);
      urls[name] = `${server.url}${URL_SUFFIX[name]}`;
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  return {
    urls,
    tokens: ctx.tokens,
    dataset,
    groundTruth: dataset.groundTruth,
    counters: ctx.counters,
    faults: ctx.faults,
    advance: (days) => advanceWorld(dataset, days),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
