'use client';

import { formatMoney } from '@/lib/format';
import type { RouterOutputs } from '@/lib/trpc';

type Overview = RouterOutputs['crm']['overview'];
type Money = Overview['open'][number];

/** One amount per currency: amounts in different currencies are never added up. */
function Amounts({ list }: { list: Money[] }) {
  if (list.length === 0) return <span className="text-2xl font-semibold text-ink-900">—</span>;
  return (
    <ul className="space-y-0.5">
      {list.map((m) => (
        <li key={m.currency} className="flex items-baseline gap-2">
          <span className="text-xl font-semibold text-ink-900">{formatMoney(m.amountMinor, m.currency)}</span>
          <span className="text-xs text-ink-500">
            {m.count} deal{m.count === 1 ? '' : 's'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Tile({ label, help, children }: { label: string; help: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-line bg-white px-4 py-3 shadow-xs" title={help}>
      <dt className="text-xs font-medium text-ink-500">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

export function OverviewTiles({ overview }: { overview: Overview }) {
  const within = (days: number) => overview.renewals.find((r) => r.withinDays === days)?.deals ?? [];
  const soon = within(30);
  const later = within(60);
  return (
    <dl className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" aria-label="CRM overview">
      <Tile label="Open pipeline" help="Open deals, per currency.">
        <Amounts list={overview.open} />
      </Tile>
      <Tile label="Won" help="Deals in a won stage, per currency.">
        <Amounts list={overview.won} />
      </Tile>
      <Tile label="Lost" help="Deals in a lost stage, per currency.">
        <Amounts list={overview.lost} />
      </Tile>
      <Tile
        label="Attention"
        help={`Stalled: open deals with no stage change for ${overview.stalledDays} days or more. Renewals: won deals whose contract ends within 30 / 60 days.`}
      >
        <p className="text-sm text-ink-800">
          <span className="text-xl font-semibold text-ink-900">{overview.stalled.length}</span> stalled (≥{' '}
          {overview.stalledDays} d)
        </p>
        <p className="text-sm text-ink-800">
          <span className="text-xl font-semibold text-ink-900">{soon.length}</span> renewal
          {soon.length === 1 ? '' : 's'} in 30 d · {later.length} in 60 d
        </p>
      </Tile>
    </dl>
  );
}
