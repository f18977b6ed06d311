import { describe, expect, it } from 'vitest';
import {
  type KagSignalIn,
  legacyMove,
  NBA_BY_SIGNAL_KEY,
  projectLegacySignals,
  type RecommendationV2In,
} from '../src/legacy/project.ts';
import { KAG_CONFIG } from '../src/kag/config.ts';

const NOW = new Date('2025-06-20T12:00:00Z');
const E1 = '11111111-1111-4111-8111-111111111111';
const sig = (over: Partial<KagSignalIn>): KagSignalIn => ({
  key: 'client_waiting',
  category: 'communication',
  subjectKey: 'conv:7',
  severity: 0.6,
  title: 'Client waiting',
  sentence: 'The client has waited 6 business hours.',
  evidence: [{ table: 'kag_events', id: E1, label: 'Conversation #7' }],
  configVersion: 'kag-v1.0',
  asOf: NOW,
  ...over,
});
const rec = (over: Partial<RecommendationV2In>): RecommendationV2In => ({
  id: 'r1',
  type: 'reply_now',
  subjectKey: 'conv:7',
  title: 'Reply to Acme now',
  body: 'They wait since Monday.',
  priority: 0.9,
  signalKeys: ['client_waiting'],
  suggestedAction: { type: 'send_message' },
  ...over,
});
const run = (over: Partial<Parameters<typeof projectLegacySignals>[0]>) =>
  projectLegacySignals({
    signals: [],
    recommendations: [],
    stored: [],
    eventSources: new Map([[E1, 'chatwoot']]),
    now: NOW,
    ...over,
  });

describe('projectLegacySignals', () => {
  it('when a kag signal fires, then one legacy signal with a stable key, its source from the evidence', () => {
    const a = run({ signals: [sig({})] });
    const b = run({ signals: [sig({ severity: 0.8 })] });
    expect(a.signals).toHaveLength(1);
    expect(a.signals[0]).toMatchObject({
      dedupeKey: 'kag:client_waiting:conv:7',
      source: 'chatwoot',
      sourceRef: `kag_events:${E1}`,
      confidence: 1,
      evidence: [{ table: 'kag_events', id: E1, label: 'Conversation #7' }],
    });
    expect(b.signals[0]?.dedupeKey).toBe(a.signals[0]?.dedupeKey);
  });

  const sources: Array<[string, KagSignalIn, string, string]> = [
    [
      'a Linear issue',
      sig({
        key: 'overdue_issues',
        category: 'delivery',
        evidence: [{ table: 'linear_issues_raw', id: 'i1' }],
      }),
      'linear',
      'linear_issues_raw:i1',
    ],
    [
      'an Attio deal',
      sig({
        key: 'deal_stalled',
        category: 'commercial',
        evidence: [{ table: 'crm_opportunities', id: 'd1' }],
      }),
      'attio',
      'crm_opportunities:d1',
    ],
    [
      'no evidence, project-wide',
      sig({ key: 'bug_spike', category: 'delivery', subjectKey: '', evidence: [] }),
      'linear',
      'project',
    ],
    [
      'no evidence, per subject',
      sig({ key: 'no_recent_contact', category: 'relationship', subjectKey: 'acct:1', evidence: [] }),
      'chatwoot',
      'acct:1',
    ],
    [
      'an event of unknown source, then a deal',
      sig({
        evidence: [
          { table: 'kag_events', id: 'unknown' },
          { table: 'crm_opportunities', id: 'd2' },
        ],
      }),
      'attio',
      'crm_opportunities:d2',
    ],
    [
      'only malformed refs',
      sig({ category: 'commercial', evidence: [{ table: 'nope', id: 'x' }] as never }),
      'attio',
      'conv:7',
    ],
  ];
  for (const [when, s, source, ref] of sources)
    it(`when the evidence is ${when}, then source ${source} and source_ref ${ref}`, () => {
      expect(run({ signals: [s] }).signals[0]).toMatchObject({ source, sourceRef: ref });
    });

  it('when an open recommendation v2 suggests an action for that signal, then the NBA is it', () => {
    const p = run({
      signals: [sig({})],
      recommendations: [
        rec({ id: 'wide', subjectKey: '', priority: 0.99 }),
        rec({ id: 'exact', priority: 0.5 }),
        rec({ id: 'other-signal', signalKeys: ['bug_spike'], priority: 1 }),
      ],
    });
    expect(p.actions).toEqual([
      expect.objectContaining({
        dedupeKey: 'nba:client_waiting:conv:7',
        signalDedupeKey: 'kag:client_waiting:conv:7',
        actionType: 'send_message',
        title: 'Reply to Acme now',
        origin: 'recommendations_v2:exact',
        dueAt: null,
      }),
    ]);
  });

  it('when a recommendation has no suggested action, then the documented mapping answers', () => {
    const p = run({ signals: [sig({})], recommendations: [rec({ suggestedAction: null })] });
    expect(p.actions[0]).toMatchObject({
      actionType: 'reply_to_client',
      origin: 'mapping:client_waiting',
      priority: 0.6,
      rationale: 'The client has waited 6 business hours.',
      dueAt: new Date('2025-06-20T16:00:00Z'),
    });
  });

  it('when the signal key is not in the mapping, then a review action without a due date', () => {
    expect(run({ signals: [sig({ key: 'future_signal' })] }).actions[0]).toMatchObject({
      actionType: 'review_signal',
      dueAt: null,
    });
  });

  it('when every kag signal key is mapped, then no signal falls back to review', () => {
    expect(Object.keys(KAG_CONFIG.signals).filter((k) => !NBA_BY_SIGNAL_KEY[k])).toEqual([]);
  });

  it('when a stored row’s kag signal cleared, then it is resolved once; rows already resolved or not from kag are left', () => {
    const p = run({
      signals: [sig({})],
      stored: [
        { dedupeKey: 'kag:client_waiting:conv:7', resolvedAt: null },
        { dedupeKey: 'kag:bug_spike:', resolvedAt: null },
        { dedupeKey: 'kag:deal_stalled:d1', resolvedAt: NOW },
        { dedupeKey: 'manual:1', resolvedAt: null },
      ],
    });
    expect(p.resolve).toEqual(['kag:bug_spike:']);
  });

  it('when nothing fires, then nothing is written', () => {
    expect(run({})).toEqual({ signals: [], actions: [], resolve: [] });
  });

  it('when the same key and subject come twice, then one row', () => {
    expect(run({ signals: [sig({}), sig({ severity: 0.9 })] }).signals).toHaveLength(1);
  });
});

describe('legacy status moves', () => {
  const moves: Array<[string, string, boolean]> = [
    ['proposed', 'accepted', true],
    ['proposed', 'dismissed', true],
    ['accepted', 'done', true],
    ['proposed', 'done', false],
    ['accepted', 'dismissed', false],
    ['dismissed', 'accepted', false],
    ['done', 'proposed', false],
    ['proposed', 'proposed', false],
  ];
  for (const [from, to, ok] of moves)
    it(`when ${from} → ${to}, then ${ok ? 'allowed' : 'refused with the allowed moves'}`, () => {
      const m = legacyMove(from, to);
      expect(m.ok).toBe(ok);
      if (!m.ok)
        expect(m.allowed).toEqual(
          from === 'proposed' ? ['accepted', 'dismissed'] : from === 'accepted' ? ['done'] : [],
        );
    });
});
