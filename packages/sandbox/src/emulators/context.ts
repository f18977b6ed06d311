import type { RequestCounters } from '../counters.ts';
import type { FaultInjector } from '../faults.ts';
import type { Dataset } from '../model.ts';

/** Credentials each emulator accepts. Deterministic per seed, so they can be pasted into settings once. */
export type SandboxTokens = {
  /** Chatwoot `api_access_token` of an administrator (staff member 0). */
  chatwoot: string;
  /** Chatwoot account id every path is under. */
  chatwootAccountId: number;
  /** Linear personal API key, sent raw in `Authorization`. */
  linear: string;
  /** Attio bearer token. */
  attio: string;
  /** Loops API key (bearer). */
  loops: string;
  /** OpenAI-compatible API key (bearer). */
  openai: string;
};

export type EmulatorContext = {
  dataset: Dataset;
  tokens: SandboxTokens;
  counters: RequestCounters;
  faults: FaultInjector;
};

export function bearer(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const m = /^Bearer\s+(.+)$/i.exec(value.trim());
  return m?.[1] ?? null;
}

export function headerValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
