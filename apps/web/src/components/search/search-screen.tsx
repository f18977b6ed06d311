'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ArrowRight, MessageSquareText, Search as SearchIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { Highlighted } from '@/components/highlighted';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { parseHighlight, type Segment } from '@/lib/highlight';
import { type RouterOutputs, useTRPC, useTRPCClient } from '@/lib/trpc';

type SearchResult = RouterOutputs['search']['search'];
type Hit = SearchResult['results'][number];

const EXAMPLES = ['invoice', 'deadline', 'staging server', 'launch date'];

/** Chunks carry "[2026-11-24 07:29Z] Name (agent):" line headers; the card shows times itself. */
function readableExcerpt(segments: Segment[]): Segment[] {
  return segments.map((s) => ({ ...s, text: s.text.replace(/\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\]\s*/g, '') }));
}

function messageHref(hit: Hit, query: string): string {
  const params = new URLSearchParams({ q: query });
  if (hit.messageIds.length > 0) params.set('m', hit.messageIds.join(','));
  return `/conversations/${encodeURIComponent(hit.conversationId)}?${params.toString()}`;
}

function ResultCard({ hit, query }: { hit: Hit; query: string }) {
  const href = messageHref(hit, query);
  const count = hit.messageIds.length;
  return (
    <li>
      <Link
        href={href}
        className="group block rounded-xl border border-line bg-white p-4 shadow-xs transition-colors hover:border-accent-300 focus-visible:outline-2 focus-visible:outline-accent-500 sm:p-5"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-ink-500">
          <span className="inline-flex items-center gap-1.5 font-medium text-ink-800">
            <MessageSquareText aria-hidden className="size-4 text-ink-400" />
            Conversation #{hit.conversationId}
          </span>
          <span>{formatDateTime(hit.lastMessageAt ?? hit.firstMessageAt)}</span>
          <span>
            {count} {count === 1 ? 'message' : 'messages'}
          </span>
        </div>
        <p className="mt-2.5 text-sm leading-relaxed text-ink-700">
          <Highlighted segments={readableExcerpt(parseHighlight(hit.highlight || hit.text.slice(0, 280)))} />
        </p>
        <span className="mt-3 inline-flex items-center gap-1 text-[13px] font-medium text-accent-700 group-hover:underline">
          Open the message <ArrowRight aria-hidden className="size-3.5" />
        </span>
      </Link>
    </li>
  );
}

export function SearchScreen() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  // Search is a POST (queries can be long); a cached query keyed by the text still gives us
  // loading states, back-button results and invalidation when a sync brings new messages.
  const search = useQuery({
    queryKey: [...trpc.search.search.mutationKey(), { query: q }],
    queryFn: () => client.search.search.mutate({ query: q, limit: 20 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    router.push(next ? `${pathname}?q=${encodeURIComponent(next)}` : pathname);
  }

  const results = search.data?.results ?? [];
  return (
    <>
      <PageHeader
        title="Search"
        description="Find anything a client said across the project’s conversations — by words or by meaning."
      />
      <form aria-label="Conversation search" onSubmit={submit} className="flex gap-2">
        <div className="relative flex-1">
          <SearchIcon
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-400"
          />
          <label htmlFor="search-query" className="sr-only">
            Search conversations
          </label>
          <Input
            id="search-query"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Search conversations, e.g. “staging server”"
            className="h-11 pl-9 text-[15px]"
            autoFocus={!q}
          />
        </div>
        <Button type="submit" variant="primary" className="h-11 px-5">
          {search.isFetching ? <Spinner /> : null}
          Search
        </Button>
      </form>

      <section aria-live="polite" aria-busy={search.isFetching} className="mt-6">
        {!q ? (
          <Card>
            <EmptyState icon={SearchIcon} title="Search the project’s conversations">
              Type a phrase a client might have used. Try{' '}
              {EXAMPLES.map((e, i) => (
                <span key={e}>
                  <Link
                    href={`${pathname}?q=${encodeURIComponent(e)}`}
                    className="font-medium text-accent-700 hover:underline"
                  >
                    {e}
                  </Link>
                  {i < EXAMPLES.length - 1 ? ', ' : '.'}
                </span>
              ))}
            </EmptyState>
          </Card>
        ) : search.isPending ? (
          <ul className="space-y-3" aria-label="Loading results">
            {[0, 1, 2].map((i) => (
              <li key={i} className="rounded-xl border border-line bg-white p-5">
                <Skeleton className="h-4 w-48" />
                <Skeleton className="mt-3 h-4 w-full" />
                <Skeleton className="mt-2 h-4 w-2/3" />
              </li>
            ))}
          </ul>
        ) : search.isError ? (
          <Card>
            <ErrorState error={search.error} title="Search failed" onRetry={() => void search.refetch()} />
          </Card>
        ) : results.length === 0 ? (
          <Card>
            <EmptyState icon={SearchIcon} title={`Nothing matches “${q}”`}>
              Try fewer or different words. New messages are searchable a moment after each sync.
            </EmptyState>
          </Card>
        ) : (
          <>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm text-ink-600">
                {results.length} {results.length === 1 ? 'match' : 'matches'} for{' '}
                <span className="font-medium text-ink-900">“{search.data?.query ?? q}”</span>
              </p>
              {search.data && (
                <Badge tone={search.data.mode === 'hybrid' ? 'accent' : 'neutral'}>
                  {search.data.mode === 'hybrid'
                    ? 'Words and meaning'
                    : search.data.mode === 'vector-only'
                      ? 'By meaning'
                      : 'By words'}
                </Badge>
              )}
            </div>
            <ul className="space-y-3">
              {results.map((hit) => (
                <ResultCard key={hit.chunkId} hit={hit} query={q} />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
