import { manualClock } from '@keel/core/clock';
import { createSecretBox, deriveDevKey } from '@keel/core/crypto';
import { parseEnv } from '@keel/core/env';
import { createMemoryEventBus } from '@keel/core/events';
import { silentLogger } from '@keel/core/logger';
import { type Sandbox, startSandbox } from '@keel/sandbox/emulators/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatwootClient } from '../src/chatwoot/client.ts';
import type { RecordedRequest, SyncDeps } from '../src/types.ts';
import { num } from '../src/vendor-json.ts';

/** The incremental Chatwoot pass against the emulator, which checks its body against Chatwoot's spec. */
let sb: Sandbox;
const requests: RecordedRequest[] = [];

beforeAll(async () => {
  sb = await startSandbox({ size: 'tiny', seed: 5, only: ['chatwoot'] });
});
afterAll(() => sb.close());

const deps = (): SyncDeps => ({
  logger: silentLogger,
  bus: createMemoryEventBus(),
  clock: manualClock(new Date(sb.dataset.now)),
  secrets: createSecretBox(deriveDevKey('chatwoot-client-test')),
  // The sandbox listens on loopback, which the egress policy refuses unless allowed.
  env: parseEnv({ NODE_ENV: 'test', CONNECTOR_EGRESS_ALLOW: '127.0.0.1' }),
  http: { timeoutMs: 5_000, retries: 0, backoffMs: 1, maxRetryAfterMs: 1, pageRetries: 0 },
  onRequest: (r) => requests.push(r),
});

describe('Chatwoot client: conversation filter', () => {
  it('when the incremental pass filters an inbox by activity, then the spec-checking emulator accepts the body and answers only that inbox’s newer conversations', async () => {
    const client = createChatwootClient(
      {
        connector: 'chatwoot',
        token: sb.tokens.chatwoot,
        baseUrl: sb.urls.chatwoot,
        accountId: String(sb.tokens.chatwootAccountId),
        source: 'stored',
      },
      deps(),
    );
    const inboxId = sb.dataset.inboxes[0]?.id ?? 0;
    const since = new Date(sb.dataset.now - 30 * 86_400_000);
    const items = await client.filterActiveSince(inboxId, since, 1, []);
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) {
      expect(num(c.inbox_id)).toBe(inboxId);
      expect((num(c.last_activity_at) ?? 0) * 1000).toBeGreaterThan(since.getTime());
    }
    const sent = requests.find((r) => r.url.includes('/conversations/filter'));
    // As the spec wants: string values, AND/OR between conditions, null after the last one.
    expect(sent).toBeDefined();
    const conditions =
      (sent?.body as { payload?: Array<Record<string, unknown>> } | undefined)?.payload ?? [];
    expect(conditions.map((c) => [c.attribute_key, c.values, c.query_operator])).toEqual([
      ['inbox_id', [String(inboxId)], 'AND'],
      ['last_activity_at', [since.toISOString()], null],
    ]);
  });
});
