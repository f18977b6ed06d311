import { describe, expect, it } from 'vitest';
import { mapAttioEvents, mapChatwootEvents, mapLinearEvents } from '../src/kag/ingest-map.ts';
import { escalationTerms, sentimentScore } from '../src/kag/lexicon.ts';
import { recommend } from '../src/kag/recommendations.ts';
import { diffSignals } from '../src/kag/signal-diff.ts';
import { DETECTORS } from '../src/kag/signals.ts';
import { NOW, daysAgo, deal, facts, hoursAgo, issue, msg } from './facts-builder.ts';

const message = (over: Partial<Parameters<typeof mapChatwootEvents>[0][number]> = {}) => ({
  id: 'row-1',
  cwMessageId: 10,
  cwConversationId: 5,
  messageType: 'incoming',
  private: false,
  senderType: 'contact',
  senderId: 3,
  senderName: 'Anna',
  content: 'Hi',
  createdAtSource: daysAgo(1),
  conversationDisplayId: 7,
  contactName: 'Anna',
  ...over,
});

describe('ingest mapping', () => {
  it.each([
    { name: 'an incoming message', row: message(), kind: 'message_in', actor: 'client' },
    {
      name: 'an agent reply',
      row: message({ messageType: 'outgoing', senderType: 'user' }),
      kind: 'message_out',
      actor: 'agent',
    },
    {
      name: 'a bot reply',
      row: message({ messageType: 'outgoing', senderType: 'agent_bot' }),
      kind: 'message_out',
      actor: 'bot',
    },
    {
      name: 'a private note',
      row: message({ messageType: 'outgoing', private: true }),
      kind: null,
      actor: null,
    },
    { name: 'an activity line', row: message({ messageType: 'activity' }), kind: null, actor: null },
  ])('when $name is ingested, then it becomes $kind', ({ row, kind, actor }) => {
    const out = mapChatwootEvents([row], []);
    if (kind === null) expect(out).toEqual([]);
    else expect(out).toMatchObject([{ kind, actor, sourceRef: '10', payload: { conversationLabel: '#7' } }]);
  });

  it('when the same rows are mapped twice, then the drafts are identical (idempotent keys)', () => {
    const rows = [message(), message({ id: 'row-2', cwMessageId: 11 })];
    expect(mapChatwootEvents(rows, [])).toEqual(mapChatwootEvents(rows, []));
  });

  it('when an open issue is past due and another is done, then overdue and completed events appear', () => {
    const base = {
      linearIssueId: 'i1',
      identifier: 'ENG-1',
      title: 't',
      priority: 2,
      stateId: 's1',
      stateName: 'Todo',
      stateType: 'unstarted',
      createdAtSource: daysAgo(20),
      completedAt: null,
      canceledAt: null,
      sourceUpdatedAt: daysAgo(2),
      assigneeName: null,
    };
    const out = mapLinearEvents(
      [
        { ...base, id: 'r1', dueDate: daysAgo(3).toISOString().slice(0, 10) },
        {
          ...base,
          id: 'r2',
          linearIssueId: 'i2',
          dueDate: null,
          stateType: 'completed',
          completedAt: daysAgo(1),
        },
      ],
      [
        {
          id: 'c',
          linearCycleId: 'cy',
          number: 1,
          startsAt: daysAgo(10),
          endsAt: daysAgo(-4),
          completedAt: null,
        },
      ],
      NOW,
    );
    expect(out.map((e) => e.kind).sort()).toEqual(
      [
        'cycle_started',
        'issue_completed',
        'issue_created',
        'issue_created',
        'issue_overdue',
        'issue_state_changed',
        'issue_state_changed',
      ].sort(),
    );
  });

  it('when a deal is won and an activity is logged, then deal and activity events appear', () => {
    const out = mapAttioEvents(
      [
        {
          id: 'd',
          externalRef: 'x',
          title: 'T',
          stage: 'Won',
          status: 'won',
          amountMinor: 1,
          currency: 'USD',
          stageChangedAt: daysAgo(3),
          closedAt: daysAgo(3),
          createdAt: daysAgo(9),
        },
      ],
      [
        {
          id: 'a',
          attioActivityId: 'act',
          kind: 'call',
          title: null,
          occurredAt: daysAgo(1),
          createdAtSource: null,
        },
      ],
    );
    expect(out.map((e) => e.kind)).toEqual(['deal_stage_changed', 'deal_won', 'activity_logged']);
  });
});

describe('lexicon', () => {
  it.each([
    { text: 'Thanks, great work!', negative: false },
    { text: 'This is unacceptable and frustrating.', negative: true },
    { text: 'Мы недовольны, это неприемлемо.', negative: true },
    { text: 'Спасибо, всё отлично!', negative: false },
  ])('when the text is “$text”, then negative is $negative', ({ text, negative }) => {
    expect(sentimentScore(text).score < -0.2).toBe(negative);
  });

  it('when Russian word forms differ from the term, then the stemmed term still matches', () => {
    expect(escalationTerms('Мы недовольны срывом сроков')).toEqual(['недовольны', 'срыв сроков']);
  });
});

describe('recommendations and signal changes', () => {
  it('when a client waits, then the recommendation names the contact, the conversation and the message', () => {
    const signals = DETECTORS.client_waiting({
      facts: facts({ messages: [msg({ at: hoursAgo(30), text: 'Where is the build?' })] }),
      now: NOW,
    });
    const [rec] = recommend(signals);
    expect(rec?.title).toBe('Reply to Anna in #1');
    expect(rec?.body).toContain('Where is the build?');
    expect(rec?.evidence.length).toBeGreaterThan(0);
  });

  it('when a deal stalls and an issue stalls, then each gets its own rule naming the subject', () => {
    const f = facts({
      deals: [deal({ title: 'Phase 2', stageChangedAt: daysAgo(40) })],
      issues: [issue({ identifier: 'ENG-9', stateType: 'started', updatedAt: daysAgo(9) })],
    });
    const recs = recommend([
      ...DETECTORS.deal_stalled({ facts: f, now: NOW }),
      ...DETECTORS.stalled_issues({ facts: f, now: NOW }),
    ]);
    expect(recs.map((r) => r.title)).toEqual(['Schedule a check-in with Acme', 'Unblock ENG-9']);
  });

  it('when the same signals are detected again, then nothing appears, changes or resolves', () => {
    const f = facts({
      messages: [msg({ at: hoursAgo(30) })],
      deals: [deal({ stageChangedAt: daysAgo(40) })],
    });
    const detected = [
      ...DETECTORS.client_waiting({ facts: f, now: NOW }),
      ...DETECTORS.deal_stalled({ facts: f, now: NOW }),
    ];
    const stored = detected.map((s, i) => ({
      id: String(i),
      key: s.key,
      category: s.category,
      subjectKey: s.subjectKey,
      severity: s.severity,
      evidence: s.evidence,
    }));
    const diff = diffSignals(stored, detected);
    expect([diff.appeared.length, diff.changed.length, diff.resolved.length, diff.unchanged.length]).toEqual([
      0, 0, 0, 2,
    ]);
    const after = diffSignals(stored, detected.slice(1));
    expect(after.resolved.map((s) => s.key)).toEqual(['client_waiting']);
  });
});
