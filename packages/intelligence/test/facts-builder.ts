import type { CycleFact, DealFact, IssueFact, MessageFact, ProjectFacts } from '../src/kag/types.ts';

/** Small builders for detector tests: a Wednesday noon UTC "now" and relative times. */
export const NOW = new Date('2025-06-11T12:00:00.000Z');
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
export const dateDaysAgo = (d: number) => daysAgo(d).toISOString().slice(0, 10);

let seq = 0;
export function msg(over: Partial<MessageFact> & Pick<MessageFact, 'at'>): MessageFact {
  seq++;
  return {
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationRef: '1',
    conversationLabel: '#1',
    contactName: 'Anna',
    direction: over.actor === 'client' || over.actor === undefined ? 'in' : 'out',
    actor: 'client',
    text: 'Hello',
    ...over,
  };
}

export function issue(over: Partial<IssueFact> = {}): IssueFact {
  seq++;
  return {
    rowId: `issue-${seq}`,
    identifier: `ENG-${seq}`,
    title: `Issue ${seq}`,
    priority: 3,
    estimate: 1,
    dueDate: null,
    stateType: 'unstarted',
    stateName: 'Todo',
    labels: [],
    cycleId: null,
    createdAt: daysAgo(30),
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    updatedAt: daysAgo(1),
    ...over,
  };
}

export function cycle(over: Partial<CycleFact> & Pick<CycleFact, 'startsAt' | 'endsAt'>): CycleFact {
  seq++;
  return { rowId: `cycle-row-${seq}`, cycleId: `cycle-${seq}`, number: seq, completedAt: null, ...over };
}

export function deal(over: Partial<DealFact> = {}): DealFact {
  seq++;
  return {
    rowId: `deal-${seq}`,
    title: `Deal ${seq}`,
    accountName: 'Acme',
    status: 'open',
    stage: 'Proposal',
    amountMinor: 1_000_000,
    currency: 'USD',
    expectedCloseDate: null,
    stageChangedAt: daysAgo(2),
    renewalDate: null,
    createdAt: daysAgo(60),
    ...over,
  };
}

export function facts(over: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    projectName: 'Portal',
    clientName: 'Acme',
    timezone: 'UTC',
    messages: [],
    conversations: [{ rowId: 'conv-row-1', ref: '1', label: '#1', contactName: 'Anna', status: 'open' }],
    issues: [],
    cycles: [],
    deals: [],
    activities: [],
    ...over,
  };
}
