import { readFile } from 'node:fs/promises';
import type { AppDeps } from '@keel/app/deps';
import { type Episode, type ProjectReplay, replayCandidateConfig } from '@keel/app/services/config-replay';

/** `pnpm keel replay --config <file>`: reads the candidate, replays it, prints what changes. */
export type ReplayOptions = {
  configPath: string;
  accountScopeId: string;
  projectIds?: string[] | undefined;
  days: number;
  json: boolean;
};

const episodes = (list: Episode[]) =>
  list.length === 0
    ? '—'
    : list
        .slice(0, 3)
        .map((e) => (e.from === e.to ? e.from : `${e.from}…${e.to}`))
        .join(', ') + (list.length > 3 ? ` (+${list.length - 3})` : '');

export function renderReplay(projects: ProjectReplay[]): string[] {
  const lines: string[] = [];
  const first = projects[0]?.report;
  if (!first) return ['No projects to replay.'];
  lines.push(
    `Replayed ${first.days} days (${first.from} → ${first.to}): current ${first.currentVersion} vs candidate ${first.candidateVersion}.`,
  );
  let changed = 0;
  for (const p of projects) {
    const diffs = p.report.signals.filter(
      (s) => s.current.days !== s.candidate.days || s.current.first !== s.candidate.first,
    );
    const health = p.report.meanHealth;
    lines.push('');
    lines.push(
      `${p.projectName}: mean health ${health.current?.toFixed(1) ?? '—'} → ${health.candidate?.toFixed(1) ?? '—'}${diffs.length ? '' : ', flags unchanged'}`,
    );
    if (diffs.length) changed++;
    for (const s of diffs)
      lines.push(
        `  ${s.key.padEnd(26)} current ${String(s.current.days).padStart(3)} d first ${s.current.first ?? '—'} [${episodes(s.current.episodes)}]   candidate ${String(s.candidate.days).padStart(3)} d first ${s.candidate.first ?? '—'} [${episodes(s.candidate.episodes)}]`,
      );
  }
  lines.push('');
  lines.push(`${changed} of ${projects.length} projects would be flagged differently.`);
  return lines;
}

export async function runReplay(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  opts: ReplayOptions,
  out: (line: string) => void,
): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(opts.configPath, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read ${opts.configPath} as JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  const projects = await replayCandidateConfig(deps, {
    accountScopeId: opts.accountScopeId,
    projectIds: opts.projectIds,
    days: opts.days,
    candidate: json,
    onProject: opts.json
      ? undefined
      : (done, total, name) => process.stderr.write(`  replayed ${done}/${total} ${name}\n`),
  });
  if (opts.json) out(JSON.stringify(projects, null, 2));
  else for (const line of renderReplay(projects)) out(line);
  return 0;
}
