'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PORTFOLIO_FIRST, PORTFOLIO_PAGE, PORTFOLIO_WAITING } from '@/components/first-data/inputs';
import { Briefcase, Inbox } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSelectProject } from '@/components/shell/use-select-project';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { messageOf } from '@/lib/errors';
import { formatCount, formatMoney, formatTrend, formatWait } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { BAND_LABEL, type Band, BandBar } from './band-bar';
import { type PortfolioSort, Risk14d, SortToggle } from './risk-14d';

type Overview = RouterOutputs['portfolio']['overview'];
type Row = Overview['projects'][number];
type Message = RouterOutputs['portfolio']['messages']['items'][number];

/** Scores change with every refresh, which the scheduler runs per project; a minute is fresh enough. */
const REFETCH_MS = 60_000;
/** The worst 50 first; the rest on request (the API's maximum is 500 a page). */
const PAGE = PORTFOLIO_PAGE;
const MAX_PAGE = 500;

const BAND_TONE: Record<Band, Tone> = {
  at_risk: 'danger',
  watch: 'warning',
  healthy: 'success',
  unscored: 'neutral',
};

function Money({ amounts }: { amounts: Row['openPipeline'] }) {
  if (amounts.length === 0) return <span className="text-ink-400">—</span>;
  return (
    <span className="whitespace-nowrap">
      {amounts.map((a) => formatMoney(a.amountMinor, a.currency)).join(' · ')}
    </span>
  );
}

function Health({ row }: { row: Row }) {
  const trend = row.healthTrend7d;
  return (
    <div className="whitespace-nowrap">
      <Badge tone={BAND_TONE[row.band]} dot>
        {row.health === null ? BAND_LABEL.unscored : `${Math.round(row.health)} · ${BAND_LABEL[row.band]}`}
      </Badge>
      {trend !== null && (
        <div
          className={cn(
            'mt-1 text-xs',
            trend < 0 ? 'text-rose-700' : trend > 0 ? 'text-emerald-700' : 'text-ink-500',
          )}
          title="Change in health over the last 7 days (points)"
        >
          {formatTrend(trend)} <span className="text-ink-500">in 7 days</span>
        </div>
      )}
    </div>
  );
}

function ProjectRow({ row }: { row: Row }) {
  return (
    <tr>
      <Td className="max-w-[16rem]">
        <Link
          href={`/projects/${row.id}`}
          // Fifty rows would prefetch fifty project pages on every portfolio visit.
          prefetch={false}
          className="text-left font-medium text-ink-900 hover:text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500"
          aria-label={`Open ${row.name}`}
        >
          {row.name}
        </Link>
        {row.clientName && <div className="mt-0.5 text-[13px] text-ink-500">{row.clientName}</div>}
      </Td>
      <Td>
        <Health row={row} />
      </Td>
      <Td>
        <Risk14d value={row.risk14d} atRisk={row.atRisk14d} />
      </Td>
      <Td className="hidden max-w-[22rem] md:table-cell">
        {row.topSignal ? (
          <>
            <div className="text-[13px] font-medium text-ink-900">{row.topSignal.title}</div>
            <div className="mt-0.5 line-clamp-2 text-[13px] text-ink-500">{row.topSignal.sentence}</div>
            {row.activeSignals > 1 && (
              <div className="mt-0.5 text-xs text-ink-500">+{row.activeSignals - 1} more signals</div>
            )}
          </>
        ) : (
          <span className="text-[13px] text-ink-400">No active signals</span>
        )}
      </Td>
      <Td className="text-[13px] whitespace-nowrap">
        {row.awaitingReply > 0 ? (
          <>
            <span className="font-medium text-rose-700">{row.awaitingReply} waiting</span>
            <div className="text-xs text-ink-500">longest {formatWait(row.longestWaitHours)}</div>
          </>
        ) : (
          <span className="text-ink-500">None</span>
        )}
      </Td>
      <Td className="hidden text-[13px] whitespace-nowrap lg:table-cell">
        {formatCount(row.openIssues)} open
        {row.overdueIssues > 0 && (
          <div className="text-xs font-medium text-rose-700">{row.overdueIssues} overdue</div>
        )}
      </Td>
      <Td className="hidden text-[13px] lg:table-cell">
        <Money amounts={row.openPipeline} />
        {row.openDeals > 0 && (
          <div className="text-xs text-ink-500">
            {row.openDeals} open {row.openDeals === 1 ? 'deal' : 'deals'}
          </div>
        )}
      </Td>
      <Td className="hidden text-[13px] whitespace-nowrap xl:table-cell">
        <RelativeTime iso={row.lastClientMessageAt} />
      </Td>
    </tr>
  );
}

function WaitingClients({ items, onOpen }: { items: Message[]; onOpen: (m: Message) => void }) {
  if (items.length === 0)
    return (
      <p className="flex items-center gap-2 px-5 pb-4 text-[13px] text-ink-500">
        <Inbox aria-hidden className="size-4" />
        No client is waiting for a reply.
      </p>
    );
  return (
    <ul
      aria-label="Clients waiting for a reply"
      className="grid grid-cols-1 divide-y divide-line border-t border-line sm:grid-cols-2 sm:divide-y-0 2xl:grid-cols-1 2xl:divide-y"
    >
      {items.map((m) => (
        <li key={`${m.projectId}:${m.messageId}`}>
          <button
            type="button"
            onClick={() => onOpen(m)}
            className="block w-full px-5 py-3 text-left hover:bg-ink-50 focus-visible:outline-2 focus-visible:outline-accent-500"
          >
            <div className="flex items-baseline justify-between gap-3">
              <span className="truncate text-[13px] font-medium text-ink-900">
                {m.senderName ?? 'Client'} · <span className="text-ink-500">{m.projectName}</span>
              </span>
              <RelativeTime iso={m.createdAt} className="shrink-0 text-xs text-ink-500" />
            </div>
            <p className="mt-0.5 line-clamp-2 text-[13px] text-ink-600">{m.excerpt}</p>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PortfolioScreen() {
  const trpc = useTRPC();
  const router = useRouter();
  const select = useSelectProject();
  const [limit, setLimit] = useState(PAGE);
  const [sort, setSort] = useState<PortfolioSort>('worst');
  const overview = useQuery({
    ...trpc.portfolio.overview.queryOptions({ ...PORTFOLIO_FIRST, limit, sort }),
    refetchInterval: REFETCH_MS,
    placeholderData: keepPreviousData,
  });
  const waiting = useQuery({
    ...trpc.portfolio.messages.queryOptions(PORTFOLIO_WAITING),
    refetchInterval: REFETCH_MS,
  });

  const open = (projectId: string, path: string) =>
    select.mutate({ id: projectId }, { onSuccess: () => router.push(path) });

  const data = overview.data;
  const totals = data?.totals;
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Every project you can see, the ones that need you first: health, what is wrong, who is waiting, delivery and pipeline."
      />

      {select.error && (
        <div className="mb-4">
          <InlineError>{messageOf(select.error)}</InlineError>
        </div>
      )}

      {totals && (
        <>
          <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {(
              [
                ['Projects', formatCount(totals.projects), false],
                [
                  'Average health',
                  totals.averageHealth === null ? '—' : String(Math.round(totals.averageHealth)),
                  false,
                ],
                ['Clients waiting', formatCount(totals.awaitingReply), totals.awaitingReply > 0],
                ['Overdue issues', formatCount(totals.overdueIssues), totals.overdueIssues > 0],
                [
                  'Open pipeline',
                  totals.openPipeline.length
                    ? totals.openPipeline.map((a) => formatMoney(a.amountMinor, a.currency)).join(' · ')
                    : '—',
                  false,
                ],
              ] as const
            ).map(([label, value, alarm]) => (
              <div key={label} className="rounded-xl border border-line bg-white px-4 py-3 shadow-xs">
                <dt className="text-xs font-medium text-ink-500">{label}</dt>
                <dd
                  className={cn('mt-1 truncate text-xl font-semibold text-ink-900', alarm && 'text-rose-700')}
                >
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <Card className="mb-6 px-5 py-4">
            <BandBar counts={totals.byBand} />
          </Card>
        </>
      )}

      {/* Below 2xl the waiting clients come first: they are the most urgent thing on the page. */}
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="min-w-0 self-start 2xl:order-2">
          <CardHeader
            title="Waiting for a reply"
            description="Newest client messages in conversations you owe an answer."
          />
          {waiting.isPending ? (
            <SkeletonRows rows={3} label="Loading waiting clients" />
          ) : waiting.isError ? (
            <ErrorState error={waiting.error} onRetry={() => void waiting.refetch()} />
          ) : (
            <WaitingClients
              items={waiting.data.items}
              onOpen={(m) => open(m.projectId, `/conversations/${m.conversationId}`)}
            />
          )}
        </Card>
        <Card className="min-w-0 2xl:order-1">
          <CardHeader
            title="Projects"
            description={
              sort === 'worst'
                ? 'Worst first: at risk, then watch, then the rest.'
                : 'Highest chance of a risk event within 14 days first; projects without a forecast last.'
            }
            actions={<SortToggle sort={sort} onChange={setSort} />}
          />
          {overview.isPending ? (
            <SkeletonRows label="Loading the portfolio" />
          ) : overview.isError ? (
            <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
          ) : data && data.projects.length === 0 ? (
            <EmptyState icon={Briefcase} title="No projects yet">
              Projects you create or are added to appear here with their health and what needs attention.
            </EmptyState>
          ) : (
            <Table aria-label="Portfolio">
              <THead>
                <tr>
                  <Th>Project</Th>
                  <Th>Health</Th>
                  <Th aria-sort={sort === 'risk14d' ? 'descending' : 'none'}>14-day risk</Th>
                  <Th className="hidden md:table-cell">Top signal</Th>
                  <Th>Clients waiting</Th>
                  <Th className="hidden lg:table-cell">Issues</Th>
                  <Th className="hidden lg:table-cell">Pipeline</Th>
                  <Th className="hidden xl:table-cell">Last client message</Th>
                </tr>
              </THead>
              <TBody>
                {data?.projects.map((row) => (
                  <ProjectRow key={row.id} row={row} />
                ))}
              </TBody>
            </Table>
          )}
          {data && data.page.total > data.projects.length && (
            <div className="border-t border-line px-5 py-3 text-[13px] text-ink-600">
              Showing the {data.projects.length} that need you most of {formatCount(data.page.total)}.{' '}
              <button
                type="button"
                onClick={() => setLimit(MAX_PAGE)}
                disabled={overview.isFetching}
                className="font-medium text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500"
              >
                Show {data.page.total > MAX_PAGE ? `the first ${MAX_PAGE}` : 'all'}
              </button>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
