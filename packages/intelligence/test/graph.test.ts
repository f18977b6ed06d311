import { describe, expect, it } from 'vitest';
import { buildProjectGraph, type GraphInput } from '../src/kag/graph/build.ts';
import { diffGraphEdges, diffGraphNodes } from '../src/kag/graph/diff.ts';

const input = (over: Partial<GraphInput> = {}): GraphInput => ({
  project: { id: 'p1', name: 'Apollo', clientName: 'Acme' },
  accounts: [{ id: 'a1', source: 'attio', externalRef: 'co-1', name: 'Acme' }],
  contacts: [{ cwContactId: 7, name: 'Anna', email: 'Anna@Acme.test' }],
  conversations: [{ cwConversationId: 42, displayId: 3, cwContactId: 7, status: 'open' }],
  attioPeople: [
    {
      attioRecordId: 'pe-1',
      fullName: 'Anna Smith',
      primaryEmail: 'anna@acme.test',
      companyRecordId: 'co-1',
    },
  ],
  issues: [
    {
      linearIssueId: 'i1',
      identifier: 'ENG-1',
      title: 'Login',
      stateType: 'started',
      linearCycleId: 'cy1',
      assigneeId: 'u1',
      assigneeName: 'Dev',
      assigneeEmail: 'dev@studio.test',
    },
  ],
  cycles: [{ linearCycleId: 'cy1', number: 4 }],
  deals: [
    {
      id: 'd1',
      source: 'attio',
      externalRef: 'deal-1',
      title: 'Phase 2',
      status: 'open',
      stage: 'Proposal',
      crmAccountId: 'a1',
      personRecordIds: ['pe-1'],
    },
  ],
  ...over,
});

const base = input();
const [issue0] = base.issues;
const [deal0] = base.deals;
if (!issue0 || !deal0) throw new Error('fixture');

const edgeSet = (g: ReturnType<typeof buildProjectGraph>) =>
  g.edges.map((e) => `${e.fromKey} -${e.edgeType}-> ${e.toKey}`).sort();

describe('buildProjectGraph', () => {
  it('when a project has every kind of row, then each becomes a node with a stable source key', () => {
    const g = buildProjectGraph(input());
    expect(g.nodes.map((n) => `${n.nodeType} ${n.nodeKey}`).sort()).toEqual([
      'client_account attio:company:co-1',
      'conversation chatwoot:conversation:42',
      'cycle linear:cycle:cy1',
      'deal attio:deal:deal-1',
      'issue linear:issue:i1',
      'person attio:person:pe-1',
      'person chatwoot:contact:7',
      'person linear:user:u1',
      'project keel:project:p1',
    ]);
  });

  it('when rows reference each other, then the edges say how (and the same e-mail links people)', () => {
    expect(edgeSet(buildProjectGraph(input()))).toEqual([
      'attio:company:co-1 -client_of-> keel:project:p1',
      'attio:deal:deal-1 -belongs_to-> keel:project:p1',
      'attio:deal:deal-1 -for_account-> attio:company:co-1',
      'attio:person:pe-1 -involved_in-> attio:deal:deal-1',
      'attio:person:pe-1 -same_person-> chatwoot:contact:7',
      'attio:person:pe-1 -works_at-> attio:company:co-1',
      'chatwoot:contact:7 -participates_in-> chatwoot:conversation:42',
      'chatwoot:conversation:42 -belongs_to-> keel:project:p1',
      'linear:cycle:cy1 -belongs_to-> keel:project:p1',
      'linear:issue:i1 -assigned_to-> linear:user:u1',
      'linear:issue:i1 -belongs_to-> keel:project:p1',
      'linear:issue:i1 -in_cycle-> linear:cycle:cy1',
    ]);
  });

  it('when a reviewer linked records, then a contact and a Linear user are one person and a contact works at the company', () => {
    const graph = buildProjectGraph(
      input({
        contacts: [{ cwContactId: 7, name: 'Anna', email: null }],
        identityLinks: [
          { leftKind: 'cw_contact', leftRef: '7', rightKind: 'linear_user', rightRef: 'u1' },
          { leftKind: 'attio_company', leftRef: 'co-1', rightKind: 'cw_contact', rightRef: '7' },
          // A side that is not in this project's graph adds nothing.
          { leftKind: 'attio_person', leftRef: 'gone', rightKind: 'cw_contact', rightRef: '7' },
        ],
      }),
    );
    const edges = edgeSet(graph);
    expect(edges).toContain('chatwoot:contact:7 -same_person-> linear:user:u1');
    expect(edges).toContain('chatwoot:contact:7 -works_at-> attio:company:co-1');
    // Without the e-mail the contact is no longer joined to the Attio person automatically.
    expect(edges.filter((e) => e.includes('same_person'))).toEqual([
      'chatwoot:contact:7 -same_person-> linear:user:u1',
    ]);
  });

  it.each([
    [
      'a manual account and deal',
      { accounts: [{ id: 'a9', source: 'manual' as const, externalRef: null, name: 'X' }] },
      'keel:account:a9',
    ],
    [
      'a conversation without a contact',
      { conversations: [{ cwConversationId: 5, displayId: null, cwContactId: null, status: 'resolved' }] },
      'chatwoot:conversation:5',
    ],
  ])('when %s, then it still gets a key of its own', (_l, over, key) => {
    expect(buildProjectGraph(input(over)).nodes.map((n) => n.nodeKey)).toContain(key);
  });

  it('when a reference points at a row that is not there, then no dangling edge is made', () => {
    const g = buildProjectGraph(
      input({
        cycles: [],
        deals: [{ ...deal0, crmAccountId: 'gone', personRecordIds: ['nobody'] }],
      }),
    );
    expect(
      edgeSet(g).filter((e) => e.includes('cycle') || e.includes('nobody') || e.includes('for_account')),
    ).toEqual([]);
  });

  it('when the same rows are built twice in another order, then the graph is the same', () => {
    const a = buildProjectGraph(input());
    const i = input();
    const b = buildProjectGraph({
      ...i,
      attioPeople: [...i.attioPeople].reverse(),
      issues: [...i.issues].reverse(),
    });
    expect(edgeSet(b)).toEqual(edgeSet(a));
    expect(b.nodes.map((n) => n.nodeKey).sort()).toEqual(a.nodes.map((n) => n.nodeKey).sort());
  });

  it('when a project has no rows, then the graph is the project node alone', () => {
    const g = buildProjectGraph(
      input({
        accounts: [],
        contacts: [],
        conversations: [],
        attioPeople: [],
        issues: [],
        cycles: [],
        deals: [],
      }),
    );
    expect(g).toEqual({ nodes: [expect.objectContaining({ nodeKey: 'keel:project:p1' })], edges: [] });
  });
});

describe('diffing the graph', () => {
  const built = buildProjectGraph(input());
  const stored = built.nodes.map((n, i) => ({ id: `n${i}`, ...n }));

  it('when nothing changed, then nothing is written', () => {
    const d = diffGraphNodes(stored, built);
    expect([d.upsertNodes, d.deleteNodeIds]).toEqual([[], []]);
    const idByKey = new Map(stored.map((n) => [n.nodeKey, n.id]));
    const edges = diffGraphEdges([], built.edges, idByKey);
    const storedEdges = edges.insert.map((e, i) => ({ id: `e${i}`, ...e }));
    expect(diffGraphEdges(storedEdges, built.edges, idByKey)).toEqual({ insert: [], deleteIds: [] });
  });

  it('when an issue changed state and a deal disappeared, then the issue is rewritten and the deal deleted', () => {
    const next = buildProjectGraph(input({ deals: [], issues: [{ ...issue0, stateType: 'completed' }] }));
    const d = diffGraphNodes(stored, next);
    expect(d.upsertNodes.map((n) => n.nodeKey)).toEqual(['linear:issue:i1']);
    expect(d.deleteNodeIds).toEqual([stored.find((n) => n.nodeKey === 'attio:deal:deal-1')?.id]);
  });
});
