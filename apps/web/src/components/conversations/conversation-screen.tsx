'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { ArrowLeft, Lock, MessagesSquare, Paperclip } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';
import { Highlighted } from '@/components/highlighted';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { markTerms, mentions } from '@/lib/highlight';
import { useTRPC } from '@/lib/trpc';
import type { Message as MessageRow } from './model';

const PAGE = 50;
/** How many older pages we fetch on our own to reach a message linked from search. */
const MAX_AUTO_PAGES = 10;

function Message({ m, target, query }: { m: MessageRow; target: boolean; query: string }) {
  const content = m.content ?? '';
  if (m.messageType === 'activity') {
    return (
      <li id={`message-${m.id}`} className="py-1 text-center text-xs text-ink-400">
        {content} · {formatDateTime(m.createdAt)}
      </li>
    );
  }
  const mine = m.messageType === 'outgoing' || m.messageType === 'template';
  const text = target && query ? markTerms(content, query) : [{ text: content, marked: false }];
  return (
    <li
      id={`message-${m.id}`}
      data-target={target || undefined}
      className={cn('flex scroll-mt-24', mine ? 'justify-end' : 'justify-start')}
    >
      <div className={cn('max-w-[85%] sm:max-w-[70%]')}>
        <div className={cn('mb-1 flex items-center gap-2 text-xs text-ink-500', mine && 'justify-end')}>
          <span className="font-medium text-ink-700">{m.senderName ?? (mine ? 'Team' : 'Client')}</span>
          <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
        </div>
        <div
          aria-current={target ? 'true' : undefined}
          className={cn(
            'rounded-2xl px-4 py-2.5 text-sm leading-relaxed whitespace-pre-wrap break-words',
            m.private
              ? 'border border-amber-200 bg-amber-50 text-amber-950'
              : mine
                ? 'rounded-tr-md bg-accent-600 text-white'
                : 'rounded-tl-md border border-line bg-white text-ink-800',
            target && 'ring-2 ring-amber-400 ring-offset-2',
          )}
        >
          {m.private && (
            <span className="mb-1 flex items-center gap-1 text-xs font-medium text-amber-800">
              <Lock aria-hidden className="size-3" /> Private note
            </span>
          )}
          <Highlighted segments={text} />
          {m.hasAttachments && (
            <span
              className={cn(
                'mt-1.5 flex items-center gap-1 text-xs',
                mine && !m.private ? 'text-accent-100' : 'text-ink-500',
              )}
            >
              <Paperclip aria-hidden className="size-3" /> Attachment
            </span>
          )}
        </div>
      </div>
    </li>
  );
}

export function ConversationScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const params = useSearchParams();
  const query = params.get('q') ?? '';
  const wanted = useMemo(
    () =>
      (params.get('m') ?? '')
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    [params],
  );
  const conversationId = Number(id);
  const valid = Number.isInteger(conversationId) && conversationId > 0;
  const messages = useInfiniteQuery({
    ...trpc.data.messages.infiniteQueryOptions(
      { conversationId: valid ? conversationId : 1, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: valid,
  });

  // Pages arrive newest first; a conversation reads oldest first.
  const list = useMemo(() => (messages.data?.pages ?? []).flatMap((p) => p.items).reverse(), [messages.data]);
  const loaded = new Set(list.map((m) => m.id));
  const candidates = wanted.filter((w) => loaded.has(w));
  // The message of a search hit: of the chunk's messages, the one that says the words.
  const targetId =
    candidates.find((cid) => {
      const m = list.find((x) => x.id === cid);
      return m ? mentions(m.content ?? '', query) : false;
    }) ?? candidates[0];

  const pagesFetched = messages.data?.pages.length ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  useEffect(() => {
    if (
      wanted.length > 0 &&
      targetId === undefined &&
      hasNextPage &&
      !isFetchingNextPage &&
      pagesFetched < MAX_AUTO_PAGES
    )
      void fetchNextPage();
  }, [wanted.length, targetId, hasNextPage, isFetchingNextPage, pagesFetched, fetchNextPage]);

  const scrolled = useRef<number | null>(null);
  useEffect(() => {
    if (targetId === undefined || scrolled.current === targetId) return;
    scrolled.current = targetId;
    document.getElementById(`message-${targetId}`)?.scrollIntoView({ block: 'center' });
  }, [targetId]);
  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (wanted.length === 0 && pagesFetched === 1) bottom.current?.scrollIntoView({ block: 'end' });
  }, [wanted.length, pagesFetched]);

  const client = list.find((m) => m.messageType === 'incoming');
  const clientName = client?.senderName ?? 'Client';
  const first = list[0];
  const last = list.at(-1);
  const backHref = query ? `/search?q=${encodeURIComponent(query)}` : '/conversations';

  return (
    <>
      <div className="mb-6">
        <Link
          href={backHref}
          className="inline-flex items-center gap-1.5 text-[13px] font-medium text-ink-500 hover:text-ink-900"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {query ? 'Back to search results' : 'All conversations'}
        </Link>
        <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-ink-900">
              {list.length > 0 ? clientName : `Conversation #${id}`}
            </h1>
            <p className="mt-1 text-sm text-ink-500">
              Conversation #{id}
              {first && last && (
                <>
                  {' '}
                  · {formatDateTime(first.createdAt)} – {formatDateTime(last.createdAt)}
                </>
              )}
            </p>
          </div>
          {list.length > 0 && (
            <Badge tone="neutral">
              {list.length}
              {hasNextPage ? '+' : ''} messages
            </Badge>
          )}
        </div>
      </div>

      <Card className="px-3 py-4 sm:px-6 sm:py-6">
        {!valid ? (
          <EmptyState icon={MessagesSquare} title="This conversation does not exist">
            The link may be mistyped.
          </EmptyState>
        ) : messages.isPending ? (
          <div role="status" aria-label="Loading messages" className="space-y-5">
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className={cn('flex', i % 2 ? 'justify-end' : 'justify-start')}>
                <Skeleton className="h-14 w-2/3 rounded-2xl sm:w-1/2" />
              </div>
            ))}
          </div>
        ) : messages.isError ? (
          <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState icon={MessagesSquare} title="No messages in this conversation">
            It may belong to another project, or its messages have not been synced yet.
          </EmptyState>
        ) : (
          <>
            {hasNextPage && (
              <div className="mb-4 flex justify-center">
                <Button size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                  {isFetchingNextPage && <Spinner />}
                  Load earlier messages
                </Button>
              </div>
            )}
            <ol aria-label="Messages" className="space-y-4">
              {list.map((m) => (
                <Message key={m.id} m={m} target={m.id === targetId} query={query} />
              ))}
            </ol>
            <div ref={bottom} />
          </>
        )}
      </Card>
    </>
  );
}
