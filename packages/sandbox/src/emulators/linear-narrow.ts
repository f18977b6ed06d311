import type { Dataset, Issue } from '../model.ts';

type Filter = Record<string, unknown> | null | undefined;

/** The ids a relation condition `{ id: { eq } }` or `{ id: { in } }` pins down, if it does. */
function pinnedIds(relation: unknown): string[] | null {
  const id = (relation as { id?: { eq?: unknown; in?: unknown } } | null | undefined)?.id;
  if (!id) return null;
  if (typeof id.eq === 'string') return [id.eq];
  if (Array.isArray(id.in)) return id.in.map(String);
  return null;
}

/**
 * A cheap test every issue matching `filter` passes, from its team and project id conditions
 * (what a connector sends), or null when the filter pins neither. It only narrows: the full
 * filter still runs on what passes.
 */
function narrowing(ds: Dataset, filter: Filter): ((issue: Issue) => boolean) | null {
  if (!filter) return null;
  const teams = pinnedIds(filter.team);
  if (teams) {
    const wanted = new Set(teams);
    const indexes = new Set(ds.teams.flatMap((t, i) => (wanted.has(t.id) ? [i] : [])));
    return (issue) => indexes.has(issue.teamIndex);
  }
  const projects = pinnedIds(filter.project);
  if (projects) {
    const wanted = new Set(projects);
    const indexes = new Set(ds.projects.flatMap((p, i) => (wanted.has(p.linearProjectId) ? [i] : [])));
    return (issue) => indexes.has(issue.projectIndex);
  }
  if (Array.isArray(filter.or) && filter.or.length > 0) {
    const branches = filter.or.map((f) => narrowing(ds, f as Filter));
    if (branches.every((b) => b !== null)) {
      const tests = branches as Array<(issue: Issue) => boolean>;
      return (issue) => tests.some((test) => test(issue));
    }
  }
  if (Array.isArray(filter.and)) {
    for (const f of filter.and) {
      const test = narrowing(ds, f as Filter);
      if (test) return test;
    }
  }
  return null;
}

/**
 * The issues a filtered `issues` query has to look at. Matching the full filter builds each
 * issue's related records, so on bench-size portfolios (20k issues, a request per page per
 * project) the emulator, not the connector, would set the pace without this first cut.
 */
export function issueCandidates(ds: Dataset, filter: Filter): Issue[] {
  const test = narrowing(ds, filter);
  return test ? ds.issues.filter(test) : ds.issues;
}
