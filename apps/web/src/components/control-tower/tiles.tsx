'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { BAND_LABEL, type Band } from '@/components/portfolio/band-bar';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { formatCount, formatMoney, formatPercent, humanize } from '@/lib/format';
import type { RouterOutputs } from '@/lib/trpc';
import { drilldownHref } from './drilldown-href';

/** The control tower's tiles: each figure links to the projects behind it, with its as_of. */
type Tower = RouterOutputs['controlTower']['get'];

const linkClass =
  'rounded-sm hover:text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500';

function Tile({
  title,
  asOf,
  children,
  testId,
}: {
  title: string;
  asOf: string | null;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className="flex min-w-0 flex-col rounded-xl border border-line bg-white px-4 py-3 shadow-xs"
    >
      <h2 className="text-xs font-medium text-ink-500">{title}</h2>
      <div className="mt-1 min-w-0 flex-1">{children}</div>
      <p className="mt-2 text-[11px] text-ink-400">
        as of <RelativeTime iso={asOf} />
      </p>
    </section>
  );
}

const BAND_DOT: Record<Band, string> = {
  at_risk: 'bg-rose-500',
  watch: 'bg-amber-400',
  healthy: 'bg-emerald-500',
  unscored: 'bg-ink-200',
};

export function HealthTile({ health, projects }: { health: Tower['health']; projects: number }) {
  return (
    <Tile title="Health distribution" asOf={health.asOf} testId="tile-health">
      <ul className="space-y-0.5 text-[13px]">
        {health.bands.map((b) => (
          <li key={b.band} data-testid={`band-${b.band}`} className="flex items-center justify-between gap-2">
            <Link href={drilldownHref(b.drilldown)} className={cn('flex items-center gap-1.5', linkClass)}>
              <span aria-hidden className={cn('size-2 rounded-full', BAND_DOT[b.band])} />
              {BAND_LABEL[b.band]}
            </Link>
            <Link
              href={drilldownHref(b.drilldown)}
              data-testid="band-count"
              aria-label={`${BAND_LABEL[b.band]}: ${b.projects} projects — show them`}
              className={cn('font-semibold text-ink-900', linkClass)}
            >
              {formatCount(b.projects)}
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-[11px] text-ink-500">
        {formatCount(projects)} projects · average{' '}
        {health.averageHealth === null ? '—' : Math.round(health.averageHealth)}
      </p>
    </Tile>
  );
}

export function RevenueTile({ revenue }: { revenue: Tower['revenueAtRisk'] }) {
  return (
    <Tile title="Revenue at risk" asOf={revenue.asOf} testId="tile-revenue">
      {revenue.byCurrency.length === 0 ? (
        <p className="text-[13px] text-ink-500">
          No open deal at risk yet (the analytics refresh writes it).
        </p>
      ) : (
        <ul className="space-y-0.5">
          {revenue.byCurrency.map((c) => (
            <li key={c.currency}>
              <Link
                href={drilldownHref(c.drilldown)}
                className={cn('text-xl font-semibold text-rose-700', linkClass)}
                aria-label={`Revenue at risk in ${c.currency}: ${formatMoney(c.amountMinor, c.currency)} — show the projects`}
              >
                {formatMoney(c.amountMinor, c.currency)}
              </Link>
              <span className="ml-1.5 text-[11px] text-ink-500">
                {c.projects} {c.projects === 1 ? 'project' : 'projects'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-[11px] text-ink-500">Open and renewal deals × 30-day risk, per currency</p>
    </Tile>
  );
}

/** The definition the analytics writer returned with the number, shown beside it. */
export function SlaDefinition({ definition }: { definition: Record<string, unknown> | null }) {
  if (!definition)
    return <p className="text-[11px] text-ink-500">Share of client messages answered within the target.</p>;
  return (
    <dl className="space-y-0.5 text-[11px] text-ink-500" aria-label="How response times are measured">
      {Object.entries(definition).map(([k, v]) => (
        <div key={k}>
          <dt className="inline font-medium text-ink-600">{humanize(k)}: </dt>
          <dd className="inline">
            {typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SlaTile({ sla }: { sla: Tower['sla'] }) {
  return (
    <Tile title={`SLA compliance (${sla.periodDays} days)`} asOf={sla.asOf} testId="tile-sla">
      <Link
        href={drilldownHref(sla.drilldown)}
        className={cn('text-xl font-semibold text-ink-900', linkClass)}
      >
        {formatPercent(sla.compliance)}
      </Link>
      <span className="ml-1.5 text-[11px] text-ink-500">
        of {formatCount(sla.measured)} client messages in time
      </span>
      <div className="mt-1">
        <SlaDefinition definition={sla.definition} />
      </div>
    </Tile>
  );
}

export function ActedTile({ acted }: { acted: Tower['recommendationsActed'] }) {
  const total = acted.accepted + acted.done + acted.actionsSucceeded;
  return (
    <Tile title="Recommendations acted on (7 days)" asOf={acted.asOf} testId="tile-acted">
      <Link
        href={drilldownHref(acted.drilldown)}
        className={cn('text-xl font-semibold text-ink-900', linkClass)}
      >
        {formatCount(total)}
      </Link>
      <p className="text-[11px] text-ink-500">
        {acted.accepted} accepted · {acted.done} done · {acted.actionsSucceeded} actions run ·{' '}
        {acted.projects} {acted.projects === 1 ? 'project' : 'projects'}
      </p>
    </Tile>
  );
}

export function FreshnessTile({ freshness }: { freshness: Tower['freshness'] }) {
  return (
    <Tile title="Data as of" asOf={freshness.asOf} testId="tile-freshness">
      {freshness.connectors.length === 0 ? (
        <p className="text-[13px] text-ink-500">No connector has synced yet.</p>
      ) : (
        <ul className="space-y-0.5 text-[13px]">
          {freshness.connectors.map((c) => (
            <li key={c.connector} className="flex items-center justify-between gap-2">
              <Link href={drilldownHref(c.drilldown)} className={cn('capitalize', linkClass)}>
                {c.connector}
              </Link>
              <span className={cn('text-ink-700', (c.failing > 0 || c.dataAsOf === null) && 'text-rose-700')}>
                {c.dataAsOf === null ? `${c.neverSynced} never synced` : <RelativeTime iso={c.dataAsOf} />}
                {c.failing > 0 && ` · ${c.failing} failing`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
