import type { GraphEdge, GraphNode, ProjectGraph } from './build.ts';

/**
 * What to write to make the stored graph equal the built one: nodes that are new or whose label
 * or props changed, nodes whose source row is gone, edges to add and edges to drop. A rebuild of
 * unchanged rows diffs to nothing, so the graph step writes nothing on a quiet day.
 */
export type StoredNode = {
  id: string;
  nodeType: string;
  nodeKey: string;
  label: string | null;
  props: Record<string, unknown>;
};
export type StoredEdge = { id: string; fromNodeId: string; toNodeId: string; edgeType: string };

export type GraphDiff = {
  upsertNodes: GraphNode[];
  deleteNodeIds: string[];
  /** Edges by node key; the writer resolves keys to ids after the node upsert. */
  wantedEdges: GraphEdge[];
};

const nodeId = (type: string, key: string) => `${type}|${key}`;

/** JSON equality for flat props (key order does not matter). */
function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export function diffGraphNodes(stored: readonly StoredNode[], built: ProjectGraph): GraphDiff {
  const storedBy = new Map(stored.map((n) => [nodeId(n.nodeType, n.nodeKey), n]));
  const builtIds = new Set(built.nodes.map((n) => nodeId(n.nodeType, n.nodeKey)));
  const upsertNodes = built.nodes.filter((n) => {
    const s = storedBy.get(nodeId(n.nodeType, n.nodeKey));
    return !s || s.label !== n.label || !sameProps(s.props, n.props);
  });
  const deleteNodeIds = stored.filter((n) => !builtIds.has(nodeId(n.nodeType, n.nodeKey))).map((n) => n.id);
  return { upsertNodes, deleteNodeIds, wantedEdges: built.edges };
}

const edgeId = (from: string, to: string, type: string) => `${from}|${to}|${type}`;

/** Given node ids by key, the edges to insert and the stored edge ids to delete. */
export function diffGraphEdges(
  stored: readonly StoredEdge[],
  wanted: readonly GraphEdge[],
  idByKey: ReadonlyMap<string, string>,
): { insert: Array<{ fromNodeId: string; toNodeId: string; edgeType: string }>; deleteIds: string[] } {
  const want = new Map<string, { fromNodeId: string; toNodeId: string; edgeType: string }>();
  for (const e of wanted) {
    const fromNodeId = idByKey.get(e.fromKey);
    const toNodeId = idByKey.get(e.toKey);
    if (fromNodeId && toNodeId)
      want.set(edgeId(fromNodeId, toNodeId, e.edgeType), { fromNodeId, toNodeId, edgeType: e.edgeType });
  }
  const have = new Set(stored.map((e) => edgeId(e.fromNodeId, e.toNodeId, e.edgeType)));
  return {
    insert: [...want.entries()].filter(([k]) => !have.has(k)).map(([, e]) => e),
    deleteIds: stored.filter((e) => !want.has(edgeId(e.fromNodeId, e.toNodeId, e.edgeType))).map((e) => e.id),
  };
}
