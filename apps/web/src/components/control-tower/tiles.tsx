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
      {revenue.definition && (
        <details className="mt-0.5 text-[11px] text-ink-500">
          <summary className="cursor-pointer text-accent-700">How it is computed</summary>
          <p className="mt-0.5">{revenue.definition}</p>
        </details>
      )}
    </Tile>
  );
}

/** `businessHours` → "Business hours", `sla` → "SLA". */
function label(key: string): string {
  if (key === 'sla') return 'SLA';
  return humanize(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** One part of the definition as a person reads it (business hours and the target have their own). */
function definitionText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  const o = value as Record<string, unknown>;
  if (key === 'businessHours' && Array.isArray(o.days))
    return `${o.days.map((d) => DAY_NAMES[Number(d)] ?? d).join(' ')} ${o.startHour}:00–${o.endHour}:00 ${o.timezone ?? ''}`.trim();
  if (key === 'target' && typeof o.minutes === 'number')
    return `${o.minutes >= 60 ? `${o.minutes / 60} business hours` : `${o.minutes} business minutes`}`;
  return Object.entries(o)
    .map(([k, v]) => `${label(k)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** Shown beside the number; the rest of the definition (what counts, exclusions, pauses) is one click away. */
const DEFINITION_FIRST = ['target', 'businessHours'];

/** The definition the analytics writer returned with the number, shown beside it. */
export function SlaDefinition({ definition }: { definition: Record<string, unknown> | null }) {
  if (!definition)
    return <p className="text-[11px] text-ink-500">Share of client messages answered within the target.</p>;
  const entries = Object.entries(definition);
  const first = entries.filter(([k]) => DEFINITION_FIRST.includes(k));
  const rest = entries.filter(([k]) => !DEFINITION_FIRST.includes(k));
  const item = ([k, v]: [string, unknown]) => (
    <div key={k}>
      <dt className="inline font-medium text-ink-600">{label(k)}: </dt>
      <dd className="inline">{definitionText(k, v)}</dd>
    </div>
  );
  return (
    <div className="text-[11px] text-ink-500" data-testid="sla-definition">
      <dl className="space-y-0.5" aria-label="How response times are measured">
        {first.map(item)}
      </dl>
      {rest.length > 0 && (
        <details className="mt-0.5">
          <summary className="cursor-pointer text-accent-700">How it is measured</summary>
          <dl className="mt-0.5 space-y-0.5">{rest.map(item)}</dl>
        </details>
      )}
    </div>
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
