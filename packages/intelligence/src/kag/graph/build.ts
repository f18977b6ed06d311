import type { IdentityKind } from '@keel/db/schema/identity';
import type { KAG_NODE_TYPES } from '@keel/db/schema/kag-core';

/**
 * The project graph (kag_nodes / kag_edges) as a pure function of the project's rows: every node
 * has a stable natural key from its source (`chatwoot:conversation:42`), every edge is named by
 * (from key, to key, type), so a rebuild from the same rows gives the same graph and a diff
 * against the stored one writes only what changed.
 *
 * People are one node per source identity (a Chatwoot contact, an Attio person, a Linear user);
 * the same e-mail address across sources links them with a `same_person` edge, the one identity
 * rule exact enough to apply without review (the identity graph's fuzzy matches are previewed).
 */
export type GraphNodeType = (typeof KAG_NODE_TYPES)[number];

export type GraphNode = {
  nodeType: GraphNodeType;
  nodeKey: string;
  label: string | null;
  props: Record<string, string | number | boolean | null>;
};

export const EDGE_TYPES = [
  'client_of',
  'belongs_to',
  'participates_in',
  'assigned_to',
  'in_cycle',
  'for_account',
  'works_at',
  'involved_in',
  'same_person',
] as const;
export type GraphEdgeType = (typeof EDGE_TYPES)[number];

export type GraphEdge = { fromKey: string; toKey: string; edgeType: GraphEdgeType };

export type GraphInput = {
  project: { id: string; name: string; clientName: string | null };
  accounts: Array<{ id: string; source: 'attio' | 'manual'; externalRef: string | null; name: string }>;
  contacts: Array<{ cwContactId: number; name: string | null; email: string | null }>;
  conversations: Array<{
    cwConversationId: number;
    displayId: number | null;
    cwContactId: number | null;
    status: string;
  }>;
  attioPeople: Array<{
    attioRecordId: string;
    fullName: string | null;
    primaryEmail: string | null;
    companyRecordId: string | null;
  }>;
  issues: Array<{
    linearIssueId: string;
    identifier: string;
    title: string;
    stateType: string | null;
    linearCycleId: string | null;
    assigneeId: string | null;
    assigneeName: string | null;
    assigneeEmail: string | null;
  }>;
  cycles: Array<{ linearCycleId: string; number: number }>;
  /** Identity links a reviewer applied (identity_links): same person across systems, or works at. */
  identityLinks?: Array<{
    leftKind: IdentityKind;
    leftRef: string;
    rightKind: IdentityKind;
    rightRef: string;
  }>;
  deals: Array<{
    id: string;
    source: 'attio' | 'manual';
    externalRef: string | null;
    title: string;
    status: string;
    stage: string;
    crmAccountId: string | null;
    personRecordIds: string[];
  }>;
};

export type ProjectGraph = { nodes: GraphNode[]; edges: GraphEdge[] };

export const nodeKeys = {
  project: (id: string) => `keel:project:${id}`,
  account: (a: GraphInput['accounts'][number]) =>
    a.source === 'attio' && a.externalRef ? `attio:company:${a.externalRef}` : `keel:account:${a.id}`,
  contact: (id: number) => `chatwoot:contact:${id}`,
  conversation: (id: number) => `chatwoot:conversation:${id}`,
  attioPerson: (id: string) => `attio:person:${id}`,
  linearUser: (id: string) => `linear:user:${id}`,
  issue: (id: string) => `linear:issue:${id}`,
  cycle: (id: string) => `linear:cycle:${id}`,
  deal: (d: GraphInput['deals'][number]) =>
    d.source === 'attio' && d.externalRef ? `attio:deal:${d.externalRef}` : `keel:deal:${d.id}`,
  /** The node of an identity record (a person, or for an Attio company its account). */
  identity: (kind: IdentityKind, ref: string) =>
    kind === 'cw_contact'
      ? `chatwoot:contact:${ref}`
      : kind === 'attio_person'
        ? `attio:person:${ref}`
        : kind === 'attio_company'
          ? `attio:company:${ref}`
          : `linear:user:${ref}`,
};

const normEmail = (e: string | null | undefined): string | null => {
  const t = e?.trim().toLowerCase();
  return t ? t : null;
};

export function buildProjectGraph(input: GraphInput): ProjectGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (n: GraphNode) => {
    if (!nodes.has(n.nodeKey)) nodes.set(n.nodeKey, n);
    return n.nodeKey;
  };
  const edge = (fromKey: string, toKey: string, edgeType: GraphEdgeType) => {
    if (fromKey === toKey || !nodes.has(fromKey) || !nodes.has(toKey)) return;
    edges.set(`${fromKey}|${toKey}|${edgeType}`, { fromKey, toKey, edgeType });
  };
  /** email → person keys, for `same_person`. */
  const byEmail = new Map<string, Set<string>>();
  const person = (key: string, label: string | null, source: string, email: string | null) => {
    node({ nodeType: 'person', nodeKey: key, label, props: { source, email: normEmail(email) } });
    const e = normEmail(email);
    if (e) byEmail.set(e, (byEmail.get(e) ?? new Set()).add(key));
    return key;
  };

  const p = input.project;
  const projectKey = node({
    nodeType: 'project',
    nodeKey: nodeKeys.project(p.id),
    label: p.name,
    props: { clientName: p.clientName },
  });

  const accountKeyById = new Map<string, string>();
  const accountKeyByAttioRef = new Map<string, string>();
  for (const a of input.accounts) {
    const key = node({
      nodeType: 'client_account',
      nodeKey: nodeKeys.account(a),
      label: a.name,
      props: { source: a.source },
    });
    accountKeyById.set(a.id, key);
    if (a.source === 'attio' && a.externalRef) accountKeyByAttioRef.set(a.externalRef, key);
    edge(key, projectKey, 'client_of');
  }

  for (const c of input.contacts) person(nodeKeys.contact(c.cwContactId), c.name, 'chatwoot', c.email);
  for (const c of input.conversations) {
    const key = node({
      nodeType: 'conversation',
      nodeKey: nodeKeys.conversation(c.cwConversationId),
      label: `#${c.displayId ?? c.cwConversationId}`,
      props: { status: c.status },
    });
    edge(key, projectKey, 'belongs_to');
    if (c.cwContactId !== null) edge(nodeKeys.contact(c.cwContactId), key, 'participates_in');
  }

  for (const ap of input.attioPeople) {
    const key = person(nodeKeys.attioPerson(ap.attioRecordId), ap.fullName, 'attio', ap.primaryEmail);
    const account = ap.companyRecordId ? accountKeyByAttioRef.get(ap.companyRecordId) : undefined;
    if (account) edge(key, account, 'works_at');
  }

  for (const c of input.cycles) {
    const key = node({
      nodeType: 'cycle',
      nodeKey: nodeKeys.cycle(c.linearCycleId),
      label: `Cycle ${c.number}`,
      props: { number: c.number },
    });
    edge(key, projectKey, 'belongs_to');
  }
  for (const i of input.issues) {
    const key = node({
      nodeType: 'issue',
      nodeKey: nodeKeys.issue(i.linearIssueId),
      label: `${i.identifier} ${i.title}`,
      props: { identifier: i.identifier, stateType: i.stateType },
    });
    edge(key, projectKey, 'belongs_to');
    if (i.linearCycleId) edge(key, nodeKeys.cycle(i.linearCycleId), 'in_cycle');
    if (i.assigneeId) {
      const user = person(nodeKeys.linearUser(i.assigneeId), i.assigneeName, 'linear', i.assigneeEmail);
      edge(key, user, 'assigned_to');
    }
  }

  for (const d of input.deals) {
    const key = node({
      nodeType: 'deal',
      nodeKey: nodeKeys.deal(d),
      label: d.title,
      props: { status: d.status, stage: d.stage },
    });
    edge(key, projectKey, 'belongs_to');
    const account = d.crmAccountId ? accountKeyById.get(d.crmAccountId) : undefined;
    if (account) edge(key, account, 'for_account');
    for (const ref of d.personRecordIds) edge(nodeKeys.attioPerson(ref), key, 'involved_in');
  }

  for (const keys of byEmail.values()) {
    const sorted = [...keys].sort();
    for (let i = 1; i < sorted.length; i++) edge(sorted[0] as string, sorted[i] as string, 'same_person');
  }

  // Reviewed identity links: two people are one (`same_person`, lower key first, as above), a
  // person and a company give `works_at`. A side that is not in this project's graph is skipped.
  for (const l of input.identityLinks ?? []) {
    const left = nodeKeys.identity(l.leftKind, l.leftRef);
    const right = nodeKeys.identity(l.rightKind, l.rightRef);
    if (l.leftKind === 'attio_company') edge(right, left, 'works_at');
    else if (l.rightKind === 'attio_company') edge(left, right, 'works_at');
    else {
      const [a, b] = [left, right].sort() as [string, string];
      edge(a, b, 'same_person');
    }
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
