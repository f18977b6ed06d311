import { describe, expect, it } from 'vitest';
import { parseLiveMessage, progressKey, progressOf } from '../src/lib/live-events.ts';
import { isListened } from '../src/lib/event-invalidation.ts';
import { routersOf } from './trpc-proxy.ts';

/** The old helper's shape, over the listener table: routers an event type makes stale. */
const routersToInvalidate = (type: string) => (isListened(type) ? routersOf(type) : []);

describe('parseLiveMessage', () => {
  it('when the server sends a KeelEvent, then type, project and data are read from it', () => {
    const raw = JSON.stringify({
      type: 'sync.progress',
      accountScopeId: 'a',
      projectId: 'p',
      at: '2026-03-04T12:00:00Z',
      data: { connector: 'chatwoot', resource: 'messages', fetched: 120 },
    });
    const event = parseLiveMessage(raw, 'sync.progress', '42');
    expect(event).toMatchObject({ id: '42', type: 'sync.progress', projectId: 'p' });
    expect(event && progressKey(event)).toBe('sync:chatwoot');
  });

  it('when the body is not JSON or has no type, then it is ignored', () => {
    expect(parseLiveMessage('nope', 'message', null)).toBeNull();
    expect(parseLiveMessage('{}', 'message', null)).toBeNull();
    expect(parseLiveMessage('{"reason":"replay_unavailable"}', 'reset', null)?.type).toBe('reset');
    expect(parseLiveMessage('{}', 'resync', null)?.type).toBe('resync');
  });
});

describe('progressOf and the listener table', () => {
  it.each([
    [{ progress: 0.4 }, 0.4],
    [{ progress: 40 }, 0.4],
    [{ done: 5, total: 20 }, 0.25],
    [{ fetched: 100 }, null],
  ])('when the event data is %o, then progress is %s', (data, expected) => {
    expect(progressOf(data)).toBe(expected);
  });

  it('when a sync finishes, then connector, data, search and jobs queries go stale; progress touches connectors only', () => {
    expect(routersToInvalidate('sync.finished')).toEqual(
      expect.arrayContaining(['connectors', 'data', 'search', 'jobs']),
    );
    expect(routersToInvalidate('sync.progress')).toEqual(['connectors']);
    // Redis came back after an outage: whatever other processes published meanwhile was lost.
    expect(routersToInvalidate('resync')).toEqual(routersToInvalidate('reset'));
    expect(routersToInvalidate('job.failed')).toEqual(expect.arrayContaining(['jobs', 'connectors']));
    expect(routersToInvalidate('kag.refreshed')).toEqual(expect.arrayContaining(['portfolio']));
    expect(routersToInvalidate('job.finished')).toEqual(expect.arrayContaining(['portfolio']));
    expect(routersToInvalidate('something.else')).toEqual([]);
    // v1 recommendations are served by the kag router, v2 by the recommendations router; the
    // portfolio counts open v2 ones and the control tower counts those acted on.
    const executive = ['controlTower', 'analyticsDrilldown'];
    expect(routersToInvalidate('recommendations.new')).toEqual([
      'kag',
      'portfolio',
      ...executive,
      'recommendations',
    ]);
    expect(routersToInvalidate('recommendations.updated')).toEqual([
      'recommendations',
      'portfolio',
      ...executive,
    ]);
  });

  it('when the upsell radar or continuity changes, then their screens go stale (and Outbound, for the check-in draft)', () => {
    expect(routersToInvalidate('upsell.refreshed')).toEqual(['upsell']);
    expect(routersToInvalidate('upsell.updated')).toEqual(['upsell']);
    expect(routersToInvalidate('continuity.updated')).toEqual(['continuity', 'outbound']);
  });
});
