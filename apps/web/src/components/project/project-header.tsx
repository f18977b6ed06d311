'use client';

import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { formatDateTime, formatTrend } from '@/lib/format';
import { type Score, points } from './model';

type Project = { name: string; clientName: string | null };

function ScoreTile({ label, score, help }: { label: string; score: Score | undefined; help: string }) {
  const trend = score?.trend7d ?? null;
  return (
    <div className="rounded-xl border border-line bg-white px-4 py-3 shadow-xs" title={help}>
      <dt className="text-xs font-medium text-ink-500">{label}</dt>
      <dd className="mt-1 flex items-baseline gap-2">
        <span className="text-2xl font-semibold text-ink-900">{score ? points(score.value) : '—'}</span>
        {trend !== null && (
          <span
            className={cn(
              'text-xs',
              trend < 0 ? 'text-rose-700' : trend > 0 ? 'text-emerald-700' : 'text-ink-500',
            )}
          >
            {formatTrend(Math.round(trend * 10) / 10)} a day
          </span>
        )}
      </dd>
    </div>
  );
}

/** Who the project is for and how it stands now, with when and by which rules the scores were computed. */
export function ProjectHeader({ project, scores }: { project: Project | undefined; scores: Score[] }) {
  const health = scores.find((s) => s.scoreType === 'health');
  const risk = scores.find((s) => s.scoreType === 'risk');
  const latest = health ?? risk;
  return (
    <header className="mb-6">
      <PageHeader
        title={project?.name ?? 'Project'}
        description={project ? (project.clientName ?? 'Internal project') : undefined}
        actions={
          <Link
            href="/crm"
            className="inline-flex h-9 items-center rounded-md border border-line bg-white px-3.5 text-sm text-ink-800 shadow-xs hover:bg-ink-50"
          >
            CRM: accounts and deals
          </Link>
        }
      />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <ScoreTile
          label="Health now"
          score={health}
          help="0–100; 100 means no active signal deducts anything."
        />
        <ScoreTile label="Risk" score={risk} help="100 − health: how much the active signals deduct." />
        <div className="col-span-2 rounded-xl border border-line bg-white px-4 py-3 text-[13px] shadow-xs">
          <dt className="text-xs font-medium text-ink-500">Computed</dt>
          <dd className="mt-1 text-ink-700">
            {latest ? (
              <>
                as of <time dateTime={latest.asOf}>{formatDateTime(latest.asOf)}</time> (
                <RelativeTime iso={latest.asOf} />) · config{' '}
                <span className="font-mono text-xs text-ink-900">{latest.configVersion}</span>
              </>
            ) : (
              'Not scored yet: the first refresh after a sync computes it.'
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}
