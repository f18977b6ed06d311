import { describe, expect, it } from 'vitest';
import { composeReaderDigest, isNothingNew } from '../src/digests/compose.ts';
import { digestWindow, weekStartOf } from '../src/digests/period.ts';
import { readerLocale } from '../src/digests/locale.ts';
import { buildProjectSections } from '../src/digests/project-sections.ts';
import { localizeSections, renderDigestText } from '../src/digests/render.ts';
import type { ProjectDigestInput, ProjectState, ProjectStateSignal } from '../src/digests/types.ts';

const NOW = new Date('2026-12-04T08:00:00.000Z');
const ev = (id: string) => ({ table: 'kag_scores', id });
const score = (value: number, asOf = NOW.toISOString()) => ({
  value,
  asOf,
  configVersion: 'cfg-1',
  evidence: ev(`s-${value}`),
});
const forecast = (probability: number, dataSufficient = true) => ({
  probability,
  dataSufficient,
  modelVersion: 'fc-1',
  asOf: NOW.toISOString(),
  evidence: { table: 'kag_risk_forecasts', id: `f-${probability}` },
});
const signal = (key: string, subjectKey = '', severity = 0.6): ProjectStateSignal => ({
  key,
  subjectKey,
  title: `${key} title`,
  sentence: `${key} sentence.`,
  severity,
  evidence: [{ table: 'kag_events', id: `e-${key}` }],
  configVersion: 'cfg-1',
});
const empty: ProjectState = { health: null, risk: null, forecast14d: null, signals: [] };

function input(over: Partial<ProjectDigestInput> = {}): ProjectDigestInput {
  return {
    project: { id: 'p1', name: 'Acme' },
    window: digestWindow('daily', NOW),
    current: empty,
    previous: empty,
    waiting: [],
    done: [],
    now: NOW,
    ...over,
  };
}

describe('buildProjectSections', () => {
  const cases: { when: string; input: ProjectDigestInput; expected: Record<string, string[]> }[] = [
    { when: 'nothing was recorded', input: input(), expected: {} },
    {
      when: 'health fell 10 points',
      input: input({ current: { ...empty, health: score(62) }, previous: { ...empty, health: score(72) } }),
      expected: { what_changed: ['score:p1:health:72->62'] },
    },
    {
      when: 'health moved less than 5 points',
      input: input({ current: { ...empty, health: score(70) }, previous: { ...empty, health: score(72) } }),
      expected: {},
    },
    {
      when: 'there is no earlier score to compare with',
      input: input({ current: { ...empty, health: score(40) } }),
      expected: {},
    },
    {
      when: 'a signal appeared and another cleared',
      input: input({
        current: {
          ...empty,
          signals: [signal('overdue_issues'), signal('client_waiting', 'conversation:7')],
        },
        previous: { ...empty, signals: [signal('overdue_issues'), signal('bug_spike')] },
      }),
      expected: {
        new_risks: ['risk:new:p1:client_waiting:conversation:7'],
        cleared_risks: ['risk:cleared:p1:bug_spike:'],
      },
    },
    {
      when: 'the 14-day forecast rose 10 points',
      input: input({
        current: { ...empty, forecast14d: forecast(0.4) },
        previous: { ...empty, forecast14d: forecast(0.3) },
      }),
      expected: { forecast_movers: ['forecast:p1:14:0.3->0.4'] },
    },
    {
      when: 'a forecast moved but one side had too little history',
      input: input({
        current: { ...empty, forecast14d: forecast(0.6) },
        previous: { ...empty, forecast14d: forecast(0.1, false) },
      }),
      expected: {},
    },
    {
      when: 'a client waits and an action ran',
      input: input({
        waiting: [
          {
            conversationId: '42',
            displayId: 12,
            contact: 'Ann',
            waitingSince: '2026-12-03T08:00:00.000Z',
            lastClientMessageId: '901',
            messages: 2,
            snippet: 'Any news?',
          },
        ],
        done: [
          {
            id: 'run-1',
            kind: 'action_run',
            actionType: 'create_or_update_task',
            title: 'Unblock ENG-1',
            externalUrl: 'https://linear.example/ENG-9',
            recipient: null,
            subject: null,
            at: '2026-12-04T07:00:00.000Z',
          },
        ],
      }),
      expected: { waiting_clients: ['waiting:p1:42:901'], actions_done: ['done:action_run:run-1'] },
    },
  ];
  for (const c of cases)
    it(`when ${c.when}, then the sections carry exactly those items`, () => {
      const s = buildProjectSections(c.input);
      const got = Object.fromEntries(
        Object.entries(s)
          .filter(([, items]) => items.length > 0)
          .map(([k, items]) => [k, items.map((i) => i.key)]),
      );
      expect(got).toEqual(c.expected);
    });

  it('when a client has waited 24 h, then the item says how long and links to the conversation', () => {
    const s = buildProjectSections(
      input({
        waiting: [
          {
            conversationId: '42',
            displayId: 12,
            contact: 'Ann',
            waitingSince: '2026-12-03T08:00:00.000Z',
            lastClientMessageId: '901',
            messages: 2,
            snippet: 'Any news?',
          },
        ],
      }),
    );
    const [en] = localizeSections(s, 'en').find((x) => x.key === 'waiting_clients')?.items ?? [];
    const [ru] = localizeSections(s, 'ru').find((x) => x.key === 'waiting_clients')?.items ?? [];
    expect(en?.text).toBe('Ann has waited 24 h for a reply (2 messages) in #12');
    expect(ru?.text).toBe('Ann ждёт ответа 24 ч (2 сообщения) в #12');
    expect(en?.link).toEqual({ kind: 'conversation', projectId: 'p1', conversationId: '42' });
    expect(en?.evidence[0]).toMatchObject({ table: 'cw_messages', id: '901' });
  });

  it('when health moved, then the item names both rows as evidence and the config version', () => {
    const s = buildProjectSections(
      input({ current: { ...empty, health: score(62) }, previous: { ...empty, health: score(72) } }),
    );
    expect(s.what_changed[0]).toMatchObject({
      evidence: [ev('s-72'), ev('s-62')],
      configVersion: 'cfg-1',
      link: { kind: 'project', projectId: 'p1' },
    });
  });
});

const rowsFor = (ids: string[]) =>
  ids.map((id) => ({
    projectId: id,
    sections: localizeSections(
      buildProjectSections(
        input({
          project: { id, name: `Project ${id}` },
          current: { ...empty, signals: [signal('overdue_issues')] },
        }),
      ),
      'en',
    ),
  }));

describe('composeReaderDigest', () => {
  it('when a reader sees p1 only, then no item or text names p2', () => {
    const d = composeReaderDigest({
      kind: 'daily',
      periodKey: '2026-12-04',
      locale: 'en',
      visibleProjectIds: ['p1'],
      projectDigests: rowsFor(['p1', 'p2']),
      previous: null,
    });
    expect(d.projectIds).toEqual(['p1']);
    expect(d.sections.flatMap((s) => s.items.map((i) => i.projectId))).toEqual(['p1']);
    expect(d.renderedText).toContain('Project p1');
    expect(d.renderedText).not.toContain('Project p2');
  });

  it('when the same items come again, then the digest is one "nothing new" line', () => {
    const first = composeReaderDigest({
      kind: 'daily',
      periodKey: '2026-12-03',
      locale: 'en',
      visibleProjectIds: ['p1'],
      projectDigests: rowsFor(['p1']),
      previous: null,
    });
    expect(first.nothingNew).toBe(false);
    const second = composeReaderDigest({
      kind: 'daily',
      periodKey: '2026-12-04',
      locale: 'en',
      visibleProjectIds: ['p1'],
      projectDigests: rowsFor(['p1']),
      previous: { periodKey: '2026-12-03', sections: first.sections },
    });
    expect(second.nothingNew).toBe(true);
    expect(second.renderedText).toBe('Nothing new since your previous daily digest (2026-12-03).');
    expect(second.renderedText.split('\n')).toHaveLength(1);
  });

  it('when one new item joins the old ones, then the digest is not "nothing new"', () => {
    const first = composeReaderDigest({
      kind: 'daily',
      periodKey: '2026-12-03',
      locale: 'en',
      visibleProjectIds: ['p1'],
      projectDigests: rowsFor(['p1']),
      previous: null,
    });
    const second = composeReaderDigest({
      kind: 'daily',
      periodKey: '2026-12-04',
      locale: 'en',
      visibleProjectIds: ['p1', 'p2'],
      projectDigests: rowsFor(['p1', 'p2']),
      previous: { periodKey: '2026-12-03', sections: first.sections },
    });
    expect(second.nothingNew).toBe(false);
    expect(second.renderedText).toContain('New risks');
  });

  it('when there are more items than the cap, then the rest are counted and still remembered', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `p${i}`);
    const d = composeReaderDigest({
      kind: 'weekly',
      periodKey: '2026-11-30',
      locale: 'ru',
      visibleProjectIds: ids,
      projectDigests: rowsFor(ids),
      previous: null,
    });
    const risks = d.sections.find((s) => s.key === 'new_risks');
    expect(risks?.items).toHaveLength(8);
    expect(risks?.more).toBe(3);
    expect(risks?.keys).toHaveLength(11);
    expect(risks?.title).toBe('Новые риски');
    expect(d.renderedText).toContain('… и ещё 3');
    expect(d.renderedText.split('\n')[0]).toBe('Еженедельная сводка — неделя с 2026-11-30 (11 проектов)');
  });
});

describe('rules around the digest', () => {
  const nothing: [string, string[], string[] | null, boolean][] = [
    ['there is no previous digest', ['a'], null, false],
    ['there is no previous digest and nothing to say', [], null, false],
    ['every item was in the previous digest', ['a'], ['a', 'b'], true],
    ['the digest is empty after a previous one', [], ['a'], true],
    ['one item is new', ['a', 'c'], ['a', 'b'], false],
  ];
  for (const [when, current, previous, then] of nothing)
    it(`when ${when}, then nothing-new is ${then}`, () => {
      expect(isNothingNew(current, previous ? new Set(previous) : null)).toBe(then);
    });

  it('when it is a Sunday or a Monday, then the week starts on that Monday', () => {
    expect(weekStartOf(new Date('2026-12-06T23:00:00Z'))).toBe('2026-11-30');
    expect(weekStartOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
    expect(digestWindow('weekly', NOW)).toMatchObject({ periodKey: '2026-11-30' });
    expect(digestWindow('daily', NOW).from.toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it('when most projects speak Russian, then the reader reads Russian; a tie is English', () => {
    expect(readerLocale(['ru', 'ru', 'en'])).toBe('ru');
    expect(readerLocale(['ru', 'en'])).toBe('en');
    expect(readerLocale([])).toBe('en');
  });

  it('when a reader has no projects, then the text says so', () => {
    expect(
      renderDigestText({
        kind: 'daily',
        periodKey: '2026-12-04',
        locale: 'en',
        projects: 0,
        sections: [],
        nothingNew: null,
      }),
    ).toBe('Daily digest — 2026-12-04 (0 projects)\n\nYou have no projects to report on.');
  });
});
