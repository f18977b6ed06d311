import { describe, expect, it } from 'vitest';
import { buildEvidenceItems, collectCitations, diffCitations, MAX_SNIPPET } from '../src/evidence/plan.ts';
import { kindOfEvent, normalizeEvidenceRefs } from '../src/evidence/normalize.ts';

const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';

describe('normalizeEvidenceRefs', () => {
  const cases: Array<{ when: string; raw: unknown; expected: unknown }> = [
    { when: 'not an array', raw: { table: 'kag_events', id: U1 }, expected: [] },
    { when: 'null', raw: null, expected: [] },
    {
      when: 'a clean ref',
      raw: [{ table: 'kag_events', id: U1, label: 'msg', occurredAt: '2025-06-01T10:00:00Z' }],
      expected: [
        { table: 'kag_events', id: U1, kind: 'event', label: 'msg', occurredAt: '2025-06-01T10:00:00.000Z' },
      ],
    },
    {
      when: 'the same ref twice, the second with a label',
      raw: [
        { table: 'linear_issues_raw', id: U1 },
        { table: 'linear_issues_raw', id: U1, label: 'ENG-1' },
      ],
      expected: [{ table: 'linear_issues_raw', id: U1, kind: 'issue', label: 'ENG-1', occurredAt: null }],
    },
    {
      when: 'malformed refs among good ones (null, string, unknown table, empty id, object id, long id)',
      raw: [
        null,
        'kag_events:1',
        { table: 'users', id: U1 },
        { table: 'kag_events', id: '  ' },
        { table: 'kag_events', id: { x: 1 } },
        { table: 'kag_events', id: 'x'.repeat(201) },
        { id: U1 },
        { table: 'crm_opportunities', id: U2 },
      ],
      expected: [{ table: 'crm_opportunities', id: U2, kind: 'deal', label: null, occurredAt: null }],
    },
    {
      when: 'a numeric id, a bad time and a blank label',
      raw: [{ table: 'cw_messages', id: 42, occurredAt: 'yesterday', label: '   ' }],
      expected: [{ table: 'cw_messages', id: '42', kind: 'message', label: null, occurredAt: null }],
    },
    {
      when: 'a prototype key as table',
      raw: [
        { table: 'constructor', id: U1 },
        { table: '__proto__', id: U1 },
      ],
      expected: [],
    },
    {
      when: 'canonical kinds per table',
      raw: [
        { table: 'linear_cycles_raw', id: 'c' },
        { table: 'attio_activities_raw', id: 'a' },
        { table: 'health_scores', id: '2025-06-01T00:00:00.000Z' },
        { table: 'kag_risk_forecasts', id: 'f' },
        { table: 'project_snapshots', id: 's' },
      ],
      expected: ['cycle', 'activity', 'health', 'forecast', 'snapshot'],
    },
  ];
  for (const c of cases)
    it(`when ${c.when}, then the refs are as expected`, () => {
      const out = normalizeEvidenceRefs(c.raw);
      if (c.when === 'canonical kinds per table') expect(out.map((r) => r.kind)).toEqual(c.expected);
      else expect(out).toEqual(c.expected);
    });

  it('when event kinds are refined, then messages, issues and deals are named so', () => {
    expect(
      ['message_in', 'issue_overdue', 'deal_won', 'cycle_ended', 'activity_logged', 'x'].map(kindOfEvent),
    ).toEqual(['message', 'issue', 'deal', 'cycle', 'activity', 'event']);
  });
});

describe('evidence index planning', () => {
  it('when a score has top contributors, then it cites their signals’ evidence', () => {
    const c = collectCitations({
      signals: [
        {
          id: 's1',
          key: 'client_waiting',
          subjectKey: 'conv:1',
          evidence: [{ table: 'kag_events', id: U1 }],
        },
      ],
      scores: [
        {
          id: 'sc1',
          topContributors: [
            { signalKey: 'client_waiting', subjectKey: 'conv:1', severity: 0.5, share: 1 },
            { signalKey: 'gone', subjectKey: '', severity: 0.5, share: 0 },
          ],
        },
      ],
      v1: [],
      v2: [{ id: 'r1', evidence: [{ table: 'kag_events', id: U1 }, { bad: true }] }],
      radar: [],
      legacy: [],
      nba: [],
    });
    expect(c.map((x) => `${x.citingTable}:${x.citingId}:${x.ref.id}`)).toEqual([
      `kag_signals:s1:${U1}`,
      `kag_scores:sc1:${U1}`,
      `recommendations_v2:r1:${U1}`,
    ]);
  });

  it('when items are built, then snippets come from the cited rows, else the label, never empty', () => {
    const refs = normalizeEvidenceRefs([
      { table: 'kag_events', id: U1, label: 'Conversation #7' },
      { table: 'linear_issues_raw', id: U2 },
      { table: 'kag_events', id: U2, label: 'deleted message' },
      { table: 'health_scores', id: '2025-06-01T00:00:00.000Z' },
    ]);
    const items = buildEvidenceItems(refs, {
      events: [
        {
          id: U1,
          kind: 'message_in',
          source: 'chatwoot',
          sourceRef: '901',
          occurredAt: new Date('2025-06-01T10:00:00Z'),
          payload: {
            conversationId: 7,
            conversationLabel: '#7',
            text: `Where is   the invoice? ${'x'.repeat(600)}`,
          },
        },
      ],
      messages: [],
      issues: [
        {
          id: U2,
          identifier: 'ENG-12',
          title: 'Login fails',
          description: null,
          occurredAt: new Date('2025-05-01Z'),
        },
      ],
      cycles: [],
      deals: [],
      activities: [],
    });
    expect(items[0]).toMatchObject({
      kind: 'message',
      meta: { vendorRef: '901', conversationId: 7, source: 'chatwoot' },
    });
    expect(items[0]?.snippet.startsWith('#7 — Where is the invoice?')).toBe(true);
    expect(items[0]?.snippet.length).toBe(MAX_SNIPPET);
    expect(items[1]).toMatchObject({
      kind: 'issue',
      snippet: 'ENG-12 — Login fails',
      meta: { vendorRef: 'ENG-12' },
    });
    expect(items[2]).toMatchObject({ snippet: 'deleted message', meta: { missing: true } });
    expect(items[3]?.snippet).toBe('health_scores 2025-06-01T00:00:00.000Z');
  });

  it('when citations change, then only the difference is written', () => {
    const d = diffCitations(
      [
        { evidenceItemId: 'e1', citingTable: 'signals', citingId: 'a' },
        { evidenceItemId: 'e1', citingTable: 'signals', citingId: 'a' },
        { evidenceItemId: 'e2', citingTable: 'signals', citingId: 'b' },
      ],
      [
        { id: 'c1', evidenceItemId: 'e1', citingTable: 'signals', citingId: 'a' },
        { id: 'c2', evidenceItemId: 'e3', citingTable: 'signals', citingId: 'a' },
      ],
    );
    expect(d).toEqual({
      remove: ['c2'],
      add: [{ evidenceItemId: 'e2', citingTable: 'signals', citingId: 'b' }],
    });
  });
});
