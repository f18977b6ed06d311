import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/emulators/start.ts';
import { FAULT_KINDS } from '../src/faults.ts';
import { generatePortfolio } from '../src/generate/portfolio.ts';

/** Each run gets its own world: faults and API writes must not leak between runs. */
const freshDataset = () => generatePortfolio({ seed: 21, size: 'tiny' });

type Observed = { kind: string; status: number };

/** Drives 300 paged requests through Chatwoot with faults at rate 0.1 and classifies each reply. */
async function run(): Promise<{ observed: Observed[]; log: string[]; counted: number }> {
  const sb = await startSandbox({
    dataset: freshDataset(),
    only: ['chatwoot'],
    faults: { rate: 0.1, seed: 99, slowMs: 20, retryAfterSeconds: 1 },
  });
  const observed: Observed[] = [];
  const pages = new Map<number, string>();
  try {
    for (let i = 0; i < 300; i++) {
      const page = (i % 3) + 1;
      const res = await fetch(`${sb.urls.chatwoot}/api/v1/accounts/1/conversations?status=all&page=${page}`, {
        headers: { api_access_token: sb.tokens.chatwoot },
      });
      const text = await res.text();
      let kind = 'ok';
      if (res.status === 429) kind = 'rate_limit';
      else if (res.status >= 500) kind = 'server_error';
      else if (res.status === 401) kind = 'unauthorized';
      else {
        try {
          JSON.parse(text);
          const previousPage = ((page + 1) % 3) + 1;
          if (pages.get(page) !== undefined && text !== pages.get(page) && text === pages.get(previousPage))
            kind = 'repeat_page';
          else pages.set(page, text);
        } catch {
          kind = 'truncated';
        }
      }
      observed.push({ kind, status: res.status });
    }
    return {
      observed,
      log: sb.faults.log.map((f) => `${f.request}:${f.kind}`),
      counted: sb.counters.get('chatwoot', 'GET /api/v1/accounts/:account_id/conversations'),
    };
  } finally {
    await sb.close();
  }
}

describe('fault injection', () => {
  it('when the fault rate is 0.1, then every fault kind occurs, about a tenth of requests fail, and the sequence reproduces', async () => {
    const first = await run();
    const kinds = new Set(first.log.map((l) => l.split(':')[1]));
    expect([...kinds].sort()).toEqual([...FAULT_KINDS].sort());
    expect(first.log.length).toBeGreaterThan(15);
    expect(first.log.length).toBeLessThan(50);
    const seen = new Set(first.observed.map((o) => o.kind));
    for (const kind of ['rate_limit', 'server_error', 'unauthorized', 'truncated', 'repeat_page'])
      expect(seen).toContain(kind);
    expect(first.counted).toBe(300);
    const second = await run();
    expect(second.log).toEqual(first.log);
    expect(second.observed).toEqual(first.observed);
  });

  it('when faults are configured per emulator, then other emulators are untouched', async () => {
    const sb = await startSandbox({
      dataset: freshDataset(),
      only: ['attio', 'loops'],
      faults: { rate: 0, emulators: { attio: { rate: 1, kinds: ['server_error'] } } },
    });
    try {
      const attio = await fetch(`${sb.urls.attio}/v2/objects`, {
        headers: { authorization: `Bearer ${sb.tokens.attio}` },
      });
      const loops = await fetch(`${sb.urls.loops}/v1/api-key`, {
        headers: { authorization: `Bearer ${sb.tokens.loops}` },
      });
      expect([500, 502, 503]).toContain(attio.status);
      expect(loops.status).toBe(200);
      expect(sb.counters.snapshot()).toEqual({ 'attio GET /v2/objects': 1, 'loops GET /api/v1/api-key': 1 });
      sb.counters.reset();
      expect(sb.counters.get('attio')).toBe(0);
    } finally {
      await sb.close();
    }
  });
});
