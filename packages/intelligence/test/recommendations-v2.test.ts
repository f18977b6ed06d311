import { describe, expect, it } from 'vitest';
import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { SignalKey } from '../src/kag/config.ts';
import { SIGNAL_CATEGORY } from '../src/kag/config.ts';
import { generateRecommendationsV2FromInputs } from '../src/kag/recommendations-v2/generate.ts';
import { confidenceOf, gate, independentEvidence } from '../src/kag/recommendations-v2/gating.ts';
import { allowedUserTargets, canTransition, snoozeExpired } from '../src/kag/recommendations-v2/lifecycle.ts';
import { learnTypeWeights } from '../src/kag/recommendations-v2/weights.ts';
import { conversationLocale, projectLocale, renderRecommendation } from '../src/kag/templates/render.ts';
import type { DetectedSignal } from '../src/kag/types.ts';
import { NOW } from './facts-builder.ts';

const ev = (id: string, table = 'kag_events', label?: string): EvidenceRef => ({
  table,
  id,
  ...(label ? { label } : {}),
});

function signal(key: SignalKey, over: Partial<DetectedSignal> = {}): DetectedSignal {
  return {
    key,
    category: SIGNAL_CATEGORY[key],
    subjectKey: '',
    subjectLabel: 'Acme',
    severity: 0.7,
    value: 1,
    title: 't',
    sentence: 'Something happened.',
    evidence: [],
    configVersion: 'kag-v1.0',
    asOf: NOW,
    details: {},
    ...over,
  };
}

const base = { scores: { health: 70, risk: 30 }, typeWeights: {}, now: NOW, locale: 'en' as const };

describe('evidence gating', () => {
  it.each([
    {
      when: 'two independent items and confidence .75',
      independent: 2,
      severity: 0.4,
      confidence: 0.75,
      published: true,
    },
    { when: 'one item of severity .8', independent: 1, severity: 0.8, confidence: 0.6, published: true },
    { when: 'one item of severity .79', independent: 1, severity: 0.79, confidence: 0.6, published: false },
    {
      when: 'two items but confidence .59',
      independent: 2,
      severity: 0.9,
      confidence: 0.59,
      published: false,
    },
    { when: 'no evidence at all', independent: 0, severity: 1, confidence: 0.9, published: false },
  ])('when $when, then published is $published', ({ independent, severity, confidence, published }) => {
    const r = gate({ independent, severity, confidence });
    expect(r.published).toBe(published);
    if (!r.published) expect(r.reason.length).toBeGreaterThan(10);
  });

  it('when the same row is cited twice, then it counts once', () => {
    expect(independentEvidence([ev('a'), ev('a'), ev('a', 'linear_issues_raw'), ev('b')])).toHaveLength(3);
  });

  it('says why it held a recommendation back', () => {
    const r = gate({ independent: 1, severity: 0.5, confidence: 0.5 });
    expect(r).toMatchObject({ published: false });
    if (!r.published) {
      expect(r.reason).toContain('Only 1 independent evidence item');
      expect(r.reason).toContain('confidence 0.50 is below 0.6');
    }
  });

  it.each([
    { independent: 0, corroborating: 0, risk: null, forecast: null, expected: 0.3 },
    { independent: 1, corroborating: 0, risk: null, forecast: null, expected: 0.6 },
    { independent: 2, corroborating: 0, risk: 20, forecast: 0.2, expected: 0.75 },
    { independent: 5, corroborating: 0, risk: null, forecast: null, expected: 0.9 },
    { independent: 3, corroborating: 3, risk: 80, forecast: 0.9, expected: 0.95 },
    { independent: 1, corroborating: 1, risk: 60, forecast: null, expected: 0.7 },
  ])(
    'confidence of $independent items, $corroborating other signals, risk $risk, forecast $forecast is $expected',
    (c) => {
      expect(
        confidenceOf({
          independent: c.independent,
          corroboratingSignals: c.corroborating,
          risk: c.risk,
          forecastProbability: c.forecast,
        }),
      ).toBeCloseTo(c.expected, 3);
    },
  );
});

describe('learned type weights', () => {
  it.each([
    { when: 'no feedback', rows: [{ type: 'x', accepted: 0, dismissed: 0 }], weight: 1 },
    { when: 'as many accepted as dismissed', rows: [{ type: 'x', accepted: 3, dismissed: 3 }], weight: 1 },
    { when: 'only accepted (8)', rows: [{ type: 'x', accepted: 8, dismissed: 0 }], weight: 1.8 },
    { when: 'only dismissed (2)', rows: [{ type: 'x', accepted: 0, dismissed: 2 }], weight: 0.5 },
    { when: 'only dismissed (50)', rows: [{ type: 'x', accepted: 0, dismissed: 50 }], weight: 0.2 },
    {
      when: 'rows of one type split over statuses',
      rows: [
        { type: 'x', accepted: 1, dismissed: 0 },
        { type: 'x', accepted: 0, dismissed: 1 },
      ],
      weight: 1,
    },
  ])('when $when, then the weight is $weight', ({ rows, weight }) => {
    expect(learnTypeWeights(rows).x).toBeCloseTo(weight, 3);
  });

  it('when a type is dismissed, then it drops below an equally severe type in the ranking', () => {
    const signals = [
      signal('stalled_issues', {
        severity: 0.7,
        evidence: [ev('i1', 'linear_issues_raw'), ev('i2', 'linear_issues_raw')],
      }),
      signal('bug_spike', {
        severity: 0.7,
        evidence: [ev('i3', 'linear_issues_raw'), ev('i4', 'linear_issues_raw')],
      }),
    ];
    const before = generateRecommendationsV2FromInputs({ ...base, signals });
    expect(before.map((c) => c.type)).toEqual(['triage_bugs', 'unblock_issue']);
    const typeWeights = learnTypeWeights([{ type: 'triage_bugs', accepted: 0, dismissed: 3 }]);
    const after = generateRecommendationsV2FromInputs({ ...base, signals, typeWeights });
    expect(after.map((c) => c.type)).toEqual(['unblock_issue', 'triage_bugs']);
    expect(after[1]?.priority).toBeLessThan(before[0]?.priority ?? 0);
  });
});

describe('lifecycle', () => {
  it.each([
    ['new', 'shown', 'user', true],
    ['new', 'accepted', 'user', true],
    ['shown', 'accepted', 'user', true],
    ['shown', 'dismissed', 'user', true],
    ['shown', 'snoozed', 'user', true],
    ['snoozed', 'shown', 'system', true],
    ['snoozed', 'shown', 'user', false],
    ['accepted', 'done', 'user', true],
    ['accepted', 'dismissed', 'user', false],
    ['dismissed', 'accepted', 'user', false],
    ['done', 'shown', 'user', false],
    ['suppressed', 'accepted', 'user', false],
    ['suppressed', 'new', 'system', true],
    ['shown', 'done', 'system', true],
  ] as const)('%s → %s by %s: %s', (from, to, by, ok) => {
    expect(canTransition(from, to, by)).toBe(ok);
  });

  it('lists what a person may do from a status', () => {
    expect(allowedUserTargets('shown').sort()).toEqual(['accepted', 'dismissed', 'snoozed']);
    expect(allowedUserTargets('done')).toEqual([]);
  });

  it('a snooze expires at its time', () => {
    expect(snoozeExpired(new Date(NOW.getTime() - 1), NOW)).toBe(true);
    expect(snoozeExpired(new Date(NOW.getTime() + 1), NOW)).toBe(false);
    expect(snoozeExpired(null, NOW)).toBe(false);
  });
});

describe('generateRecommendationsV2FromInputs', () => {
  it('when there are no signals, then there are no recommendations', () => {
    expect(generateRecommendationsV2FromInputs({ ...base, signals: [] })).toEqual([]);
  });

  it('merges signals on one subject: the strongest decides, the others corroborate and add evidence', () => {
    const [c, ...rest] = generateRecommendationsV2FromInputs({
      ...base,
      signals: [
        signal('client_waiting', {
          subjectKey: 'conversation:5',
          severity: 0.6,
          evidence: [ev('m1')],
          details: { contact: 'Anna', conversation: '#5', snippet: 'Any news?', hours: 9 },
        }),
        signal('escalation_language', {
          subjectKey: 'conversation:5',
          severity: 0.85,
          evidence: [ev('m1'), ev('m2')],
          details: {
            contact: 'Anna',
            conversation: '#5',
            snippet: 'This is unacceptable',
            terms: 'unacceptable',
          },
        }),
      ],
    });
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      type: 'defuse_escalation',
      subjectKey: 'conversation:5',
      status: 'new',
      severity: 0.85,
      signalKeys: ['escalation_language', 'client_waiting'],
      suggestedAction: { type: 'set_reminder', locale: 'en' },
    });
    expect(c?.evidence.map((e) => e.id)).toEqual(['m1', 'm2']);
    // 2 items → .75, one corroborating signal → .80.
    expect(c?.confidence).toBeCloseTo(0.8, 3);
    expect(c?.priority).toBeCloseTo(0.85 * 0.8, 4);
  });

  it('keeps a weakly evidenced recommendation as suppressed with the reason', () => {
    const [c] = generateRecommendationsV2FromInputs({
      ...base,
      signals: [
        signal('deal_stalled', {
          subjectKey: 'deal:1',
          severity: 0.5,
          evidence: [ev('d1', 'crm_opportunities')],
        }),
      ],
    });
    expect(c?.status).toBe('suppressed');
    expect(c?.suppressionReason).toMatch(/Only 1 independent evidence item/);
  });

  it('a project-wide signal gets its key as subject', () => {
    const [c] = generateRecommendationsV2FromInputs({
      ...base,
      signals: [signal('bug_spike', { evidence: [ev('a'), ev('b')] })],
    });
    expect(c?.subjectKey).toBe('bug_spike');
    expect(c?.suggestedAction.type).toBe('create_or_update_task');
    expect(c?.suggestedAction.draft).toHaveProperty('title', 'Triage the bug spike');
  });

  it('a forecast with enough data raises confidence; one without enough data does not', () => {
    const signals = [signal('bug_spike', { evidence: [ev('a'), ev('b')] })];
    const sure = generateRecommendationsV2FromInputs({
      ...base,
      signals,
      forecasts: [{ horizonDays: 7, probability: 0.7, dataSufficient: true }],
    });
    const unsure = generateRecommendationsV2FromInputs({
      ...base,
      signals,
      forecasts: [{ horizonDays: 7, probability: 0.9, dataSufficient: false }],
    });
    expect(sure[0]?.confidence).toBeCloseTo(0.8, 3);
    expect(unsure[0]?.confidence).toBeCloseTo(0.75, 3);
  });
});

describe('templates', () => {
  const waiting = (snippet: string) =>
    signal('client_waiting', {
      subjectKey: 'conversation:1',
      evidence: [ev('m1', 'kag_events', `Ivan in #1: ${snippet}`)],
      details: { contact: 'Ivan', conversation: '#1', snippet, hours: 6 },
    });

  it.each([
    { snippet: 'Когда будет готов релиз?', locale: 'ru' },
    { snippet: 'When is the release ready?', locale: 'en' },
  ])('a conversation in "$snippet" is answered in $locale', ({ snippet, locale }) => {
    expect(conversationLocale(waiting(snippet), 'en')).toBe(locale);
  });

  it('a signal without client text keeps the project locale', () => {
    expect(conversationLocale(signal('bug_spike', { evidence: [ev('i', 'linear_issues_raw')] }), 'ru')).toBe(
      'ru',
    );
  });

  it.each([
    { settings: 'ru', texts: ['Hello'], locale: 'ru' },
    { settings: undefined, texts: ['Здравствуйте, когда релиз?', 'Спасибо'], locale: 'ru' },
    { settings: undefined, texts: ['When is the release?'], locale: 'en' },
    { settings: undefined, texts: [], locale: 'en' },
  ])(
    'a project set to $settings whose clients write $texts speaks $locale',
    ({ settings, texts, locale }) => {
      expect(projectLocale(settings, texts)).toBe(locale);
    },
  );

  it('renders the Russian reply draft with the contact', () => {
    const r = renderRecommendation(waiting('Когда?'), 'ru');
    expect(r.title).toBe('Ответить Ivan в #1');
    expect(r.draft.text).toContain('Ivan');
    const [c] = generateRecommendationsV2FromInputs({
      ...base,
      signals: [waiting('Когда будет готов релиз?')],
    });
    expect(c?.locale).toBe('ru');
    expect(c?.suggestedAction).toMatchObject({ type: 'send_message', locale: 'ru' });
  });
});
