import type { Database } from '@keel/db/client';
import {
  deleteGraphEdges,
  deleteGraphNodes,
  insertGraphEdges,
  listGraphEdges,
  listGraphNodes,
  loadGraphSources,
  upsertGraphNodes,
} from '@keel/db/queries/kag-graph';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import { buildProjectGraph } from './build.ts';
import { diffGraphEdges, diffGraphNodes } from './diff.ts';

/**
 * The `kag/graph` step: the project's rows → nodes and edges → a diff against the stored graph
 * → only the changes written, in one transaction. A full read and an in-memory diff rather than
 * a watermark: a project's graph is hundreds to a few thousand rows (the messages, the bulk of
 * the data, are not nodes), the diff writes nothing on a quiet day, and a row that disappeared
 * (deleted, unbound, archived) is noticed, which a watermark on changed rows cannot see.
 */
export type GraphRefreshResult = {
  nodes: number;
  edges: number;
  nodesWritten: number;
  nodesRemoved: number;
  edgesAdded: number;
  edgesRemoved: number;
};

export async function refreshProjectGraph(db: Database, scope: KagScope): Promise<GraphRefreshResult> {
  const sources = await loadGraphSources(db, scope);
  if (!sources.project)
    return { nodes: 0, edges: 0, nodesWritten: 0, nodesRemoved: 0, edgesAdded: 0, edgesRemoved: 0 };
  const built = buildProjectGraph({ ...sources, project: sources.project });
  return db.transaction(async (tx) => {
    const stored = await listGraphNodes(tx, scope);
    const diff = diffGraphNodes(stored, built);
    await deleteGraphNodes(tx, scope, diff.deleteNodeIds);
    const written = await upsertGraphNodes(tx, scope, diff.upsertNodes);
    const removed = new Set(diff.deleteNodeIds);
    const idByKey = new Map(stored.filter((n) => !removed.has(n.id)).map((n) => [n.nodeKey, n.id]));
    for (const n of written) idByKey.set(n.nodeKey, n.id);
    const edges = diffGraphEdges(await listGraphEdges(tx, scope), diff.wantedEdges, idByKey);
    await deleteGraphEdges(tx, scope, edges.deleteIds);
    const edgesAdded = await insertGraphEdges(tx, scope, edges.insert);
    return {
      nodes: built.nodes.length,
      edges: built.edges.length,
      nodesWritten: written.length,
      nodesRemoved: diff.deleteNodeIds.length,
      edgesAdded,
      edgesRemoved: edges.deleteIds.length,
    };
  });
}
