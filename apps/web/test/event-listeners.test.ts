import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STREAM_EVENT_TYPES } from '@keel/core/event-names';
import { describe, expect, it } from 'vitest';
import { EVENT_INVALIDATIONS, LISTENED_EVENT_TYPES } from '../src/lib/event-invalidation.ts';
import { routersOf } from './trpc-proxy.ts';

const declared: readonly string[] = STREAM_EVENT_TYPES;
const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('the web listens only for declared events', () => {
  it('when the listener table is read, then every event type in it is declared in @keel/core', () => {
    expect(LISTENED_EVENT_TYPES.length).toBeGreaterThan(0);
    expect(LISTENED_EVENT_TYPES.filter((t) => !declared.includes(t))).toEqual([]);
  });

  it('when a screen compares an event type to a literal, then the literal is a declared event type', () => {
    // `type === 'sync.started'`, `addEventListener('connector.state'` and the like, anywhere in src.
    const pattern = /(?:type\s*===?\s*|addEventListener\(\s*)'([a-z_]+\.[a-z_.]+)'/g;
    const used = sources(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => ({ file, type: m[1] ?? '' })),
    );
    expect(used.filter((u) => !declared.includes(u.type))).toEqual([]);
  });

  it('when an event is handled, then it invalidates routers the API has', () => {
    for (const type of LISTENED_EVENT_TYPES) {
      expect(routersOf(type).length, type).toBeGreaterThan(0);
    }
    expect(Object.keys(EVENT_INVALIDATIONS)).toEqual(LISTENED_EVENT_TYPES);
  });
});

describe('the project page stays live', () => {
  it('when scores are refreshed or a job finishes, then its kag queries (scores, history, signals, evidence) are stale', () => {
    for (const type of ['kag.refreshed', 'recommendations.new', 'job.finished', 'reset'] as const)
      expect(routersOf(type), type).toContain('kag');
  });
});

describe('the identity review stays live', () => {
  it('when the queue or the links change, then the identity queries are stale', () => {
    expect(routersOf('identity.updated')).toEqual(['identity']);
  });
});
