'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { FileSearch, Link2, Search as SearchIcon, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { EvidenceLink } from '@/components/project/evidence-link';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { citingRowsHref } from './evidence-href';

type Item = RouterOutputs['evidence']['search']['items'][number];

const PAGE = 25;
const KIND_TONE: Record<string, Tone> = {
  message: 'info',
  issue: 'warning',
  deal: 'success',
  cycle: 'warning',
};

function EvidenceCard({ item }: { item: Item }) {
  return (
    <li className="rounded-xl border border-line bg-white p-4 shadow-xs sm:p-5" data-testid="evidence-item">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-ink-500">
        <Badge tone={KIND_TONE[item.kind] ?? 'neutral'}>{item.kind}</Badge>
        {item.occurredAt && <span>{formatDateTime(item.occurredAt)}</span>}
        <span className="font-mono text-xs text-ink-400">{item.sourceTable}</span>
      </div>
      <p className="mt-2.5 text-sm leading-relaxed break-words text-ink-800">{item.snippet}</p>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <EvidenceLink target={item.target} />
        <Link
          href={citingRowsHref(item.sourceTable, item.sourceRef)}
          className="inline-flex items-center gap-1 text-[13px] font-medium text-accent-700 hover:underline"
        >
          <Link2 aria-hidden className="size-3.5" />
          Everything that cites this
        </Link>
      </div>
      <div className="mt-3 border-t border-line pt-3">
        <p className="text-xs font-medium tracking-wide text-ink-500 uppercase">
          Cited by {item.citedBy.length}
        </p>
        <ul className="mt-1.5 space-y-1" aria-label="Cited by">
          {item.citedBy.map((c) => (
            <li key={`${c.table}:${c.id}`} className="text-sm">
              <span className="text-ink-500">{c.what}: </span>
              <Link href={c.href} className="font-medium text-accent-700 hover:underline">
                {c.title ?? c.id}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </li>
  );
}

/**
 * Evidence search (`GET /evidence/search`): what the project's signals, scores and
 * recommendations cite, by words in the cited text, or everything citing one row
 * (`?source_table=…&source_ref=…`, the "everything that cites this" links).
 */
export function EvidenceScreen() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const sourceTable = params.get('source_table') ?? '';
  const sourceRef = params.get('source_ref') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const query = useInfiniteQuery({
    ...trpc.evidence.search.infiniteQueryOptions(
      {
        limit: PAGE,
        ...(q ? { q } : {}),
        ...(sourceTable ? { source_table: sourceTable } : {}),
        ...(sourceRef ? { source_ref: sourceRef } : {}),
      },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const items = (query.data?.pages ?? []).flatMap((p) => p.items);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    if (sourceTable) next.set('source_table', sourceTable);
    if (sourceRef) next.set('source_ref', sourceRef);
    const qs = next.toString();
    router.push(qs ? `${pathname}?${qs}` : pathname);
  }

  return (
    <>
      <PageHeader
        title="Evidence"
        description="The messages, issues and deals behind every signal, score and recommendation — and everything that cites each one."
      />
      <form aria-label="Evidence search" onSubmit={submit} className="flex gap-2">
        <div className="relative flex-1">
          <SearchIcon
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-400"
          />
          <label htmlFor="evidence-query" className="sr-only">
            Search evidence
          </label>
          <Input
            id="evidence-query"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Search cited messages, issues and deals, e.g. “invoice”"
            className="h-11 pl-9 text-[15px]"
          />
        </div>
        <Button type="submit" variant="primary" className="h-11 px-5">
          {query.isFetching && !query.isFetchingNextPage ? <Spinner /> : null}
          Search
        </Button>
      </form>
      {sourceRef && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-ink-700">
          <span>
            Everything citing <span className="font-mono text-xs">{sourceTable || 'any table'}</span>{' '}
            <span className="font-mono text-xs break-all">{sourceRef}</span>
          </span>
          <Link
            href={q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname}
            className="inline-flex items-center gap-1 text-[13px] font-medium text-accent-700 hover:underline"
          >
            <X aria-hidden className="size-3.5" /> Clear
          </Link>
        </div>
      )}

      <section aria-live="polite" aria-busy={query.isFetching} className="mt-6">
        {query.isPending ? (
          <ul className="space-y-3" aria-label="Loading evidence">
            {[0, 1, 2].map((i) => (
              <li key={i} className="rounded-xl border border-line bg-white p-5">
                <Skeleton className="h-4 w-48" />
                <Skeleton className="mt-3 h-4 w-full" />
              </li>
            ))}
          </ul>
        ) : query.isError ? (
          <Card>
            <ErrorState
              error={query.error}
              title="Evidence search failed"
              onRetry={() => void query.refetch()}
            />
          </Card>
        ) : items.length === 0 ? (
          <Card>
            <EmptyState
              icon={FileSearch}
              title={q || sourceRef ? 'No cited evidence matches' : 'No evidence yet'}
            >
              {q || sourceRef
                ? 'Only rows that a signal, score or recommendation cites are indexed. Try other words.'
                : 'Evidence is indexed after each intelligence refresh of this project (every 15 minutes).'}
            </EmptyState>
          </Card>
        ) : (
          <>
            <ul className="space-y-3">
              {items.map((item) => (
                <EvidenceCard key={item.id} item={item} />
              ))}
            </ul>
            {query.hasNextPage && (
              <div className="mt-4 flex justify-center">
                <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                  {query.isFetchingNextPage ? <Spinner /> : null}
                  Load more
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}
