import { KAG_CONFIG } from '@keel/intelligence/kag/config';
import { parseCandidateConfig } from '@keel/intelligence/kag/history/candidate-config';
import { dayEnds } from '@keel/intelligence/kag/history/day';
import { type Episode, type ReplayReport, replayConfigs } from '@keel/intelligence/kag/history/replay';
import { loadProjectFacts } from '@keel/intelligence/kag/refresh';
import { listWorkspaceProjects } from '@keel/db/queries/projects';
import type { AppDeps } from '../deps.ts';

/**
 * `pnpm keel replay --config <file>`: a candidate config replayed over each project's stored
 * history next to the current one. Read-only: nothing is written, so it is safe on production
 * data. Each day sees only its own past (evaluateDay), like the backfill.
 */
const DAY_MS = 86_400_000;
/** Detector windows look back up to this far, so history is loaded this much before the first day. */
const LOOKBACK_DAYS = 70;

export type { Episode, ReplayReport };
export type ProjectReplay = { projectId: string; projectName: string; report: ReplayReport };

export async function replayCandidateConfig(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: {
    accountScopeId: string;
    projectIds?: readonly string[] | undefined;
    days: number;
    /** The parsed JSON of the candidate file: a patch over the current config with its own version. */
    candidate: unknown;
    onProject?: (done: number, total: number, name: string) => void;
  },
): Promise<ProjectReplay[]> {
  const parsed = parseCandidateConfig(input.candidate);
  if (!parsed.ok) throw new Error(`The candidate config is not valid:\n  ${parsed.errors.join('\n  ')}`);
  const now = deps.clock.now();
  const first = new Date(now.getTime() - input.days * DAY_MS);
  const ends = dayEnds(first, now);
  const all = await listWorkspaceProjects(deps.db, input.accountScopeId);
  const wanted = input.projectIds?.length ? all.filter((p) => input.projectIds?.includes(p.id)) : all;
  const missing = (input.projectIds ?? []).filter((id) => !all.some((p) => p.id === id));
  if (missing.length > 0) throw new Error(`No project ${missing.join(', ')} in this workspace.`);
  const out: ProjectReplay[] = [];
  for (const p of wanted) {
    const scope = { accountScopeId: input.accountScopeId, projectId: p.id };
    const facts = await loadProjectFacts(deps.db, scope, now, {
      from: new Date(first.getTime() - LOOKBACK_DAYS * DAY_MS),
    });
    out.push({
      projectId: p.id,
      projectName: p.name,
      report: replayConfigs(facts, ends, KAG_CONFIG, parsed.config),
    });
    input.onProject?.(out.length, wanted.length, p.name);
  }
  return out;
}
