import { request, type IncomingMessage } from 'node:http';
import type { SseOptions } from '../src/sse/sse-hub.ts';
import { createTestApp, type TestApp } from './helpers.ts';

/** A listening test server (SSE needs a real socket) with SSE tuning for the test. */
export async function createListeningApp(sse: Partial<SseOptions> = {}): Promise<TestApp & { url: string }> {
  const t = await createTestApp({ sse });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, url };
}

export type SseMessage = { id?: string; event?: string; data?: string; comment?: string; retry?: number };

export type SseClient = {
  status: number;
  messages: SseMessage[];
  res: IncomingMessage;
  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  closed: Promise<void>;
  close(): void;
};

function parseBlock(block: string): SseMessage {
  const m: SseMessage = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) m.comment = line.slice(1).trim();
    else {
      const i = line.indexOf(':');
      const field = i === -1 ? line : line.slice(0, i);
      const value = i === -1 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'id') m.id = value;
      else if (field === 'event') m.event = value;
      else if (field === 'data') m.data = m.data === undefined ? value : `${m.data}\n${value}`;
      else if (field === 'retry') m.retry = Number(value);
    }
  }
  return m;
}

/** A minimal EventSource over node:http that keeps every message for assertions. */
export function openSse(
  baseUrl: string,
  headers: Record<string, string>,
  path = '/events/stream',
  options: { read?: boolean } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      { headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        const messages: SseMessage[] = [];
        const waiters: { match: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }[] = [];
        let buffer = '';
        const closed = new Promise<void>((done) => {
          res.on('close', () => done());
          res.on('error', () => done());
        });
        if (options.read === false) res.pause();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const m = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            messages.push(m);
            for (const w of [...waiters]) {
              if (w.match(m)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(m);
              }
            }
            end = buffer.indexOf('\n\n');
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          messages,
          res,
          closed,
          close: () => req.destroy(),
          waitFor(match, timeoutMs = 10_000) {
            const found = messages.find(match);
            if (found) return Promise.resolve(found);
            return new Promise((ok, fail) => {
              const timer = setTimeout(() => fail(new Error('SSE message did not arrive')), timeoutMs);
              waiters.push({
                match,
                resolve: (m) => {
                  clearTimeout(timer);
                  ok(m);
                },
              });
            });
          },
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Polls a condition (for effects with no event to wait on, such as a socket being dropped). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
