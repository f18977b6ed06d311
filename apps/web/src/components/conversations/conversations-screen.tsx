'use client';

import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ChevronRight, MessagesSquare, Search, Users, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { useTRPC } from '@/lib/trpc';
import { type Contact, contactName, PRIORITY, STATUS, statusOf } from './model';

const PAGE = 25;
type StatusFilter = 'all' | 'open' | 'pending' | 'snoozed' | 'resolved';
const FILTERS: StatusFilter[] = ['all', 'open', 'pending', 'snoozed', 'resolved'];

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  render,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  render: (v: T) => string;
}) {
  return (
    <fieldset className="inline-flex max-w-full overflow-x-auto rounded-md border border-line bg-white p-0.5 shadow-xs">
      <legend className="sr-only">{label}</legend>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          aria-pressed={value === o}
          onClick={() => onChange(o)}
          className={cn(
            'rounded-[5px] px-2.5 py-1 text-[13px] font-medium whitespace-nowrap sm:px-3 focus-visible:outline-2 focus-visible:outline-accent-500',
            value === o ? 'bg-ink-900 text-white' : 'text-ink-600 hover:text-ink-900',
          )}
        >
          {render(o)}
        </button>
      ))}
    </fieldset>
  );
}

function LoadMore({
  hasMore,
  loading,
  onClick,
  shown,
  noun,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  shown: number;
  noun: string;
}) {
  return (
    <div className="flex items-center justify-between border-t border-line px-5 py-3">
      <p className="text-[13px] text-ink-500">
        Showing {shown} {noun}
      </p>
      {hasMore && (
        <Button size="sm" onClick={onClick} disabled={loading}>
          {loading && <Spinner />}
          Load more
        </Button>
      )}
    </div>
  );
}

function ConversationsTable({ status, contactId }: { status: StatusFilter; contactId: number | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useInfiniteQuery({
    ...trpc.data.conversations.infiniteQueryOptions(
      {
        limit: PAGE,
        ...(status !== 'all' ? { status } : {}),
        ...(contactId !== null ? { contactId } : {}),
      },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const rows = (query.data?.pages ?? []).flatMap((p) => p.items);

  if (query.isPending) return <SkeletonRows label="Loading conversations" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (rows.length === 0)
    return (
      <EmptyState
        icon={MessagesSquare}
        title={status === 'all' && contactId === null ? 'No conversations yet' : 'No conversations match'}
      >
        {status === 'all' && contactId === null
          ? 'Conversations appear here after the first Chatwoot sync of this project.'
          : 'Try another status, or clear the contact filter.'}
      </EmptyState>
    );
  return (
    <>
      <Table aria-label="Conversations" aria-busy={query.isFetching}>
        <THead>
          <tr>
            <Th>Conversation</Th>
            <Th>Status</Th>
            <Th className="hidden md:table-cell">Waiting since</Th>
            <Th className="hidden sm:table-cell">Last activity</Th>
            <Th className="w-10">
              <span className="sr-only">Open</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((c) => {
            const contact = c.contact;
            const preview = c.lastMessage?.content?.trim();
            const s = statusOf(c.status);
            const priority = c.priority ? PRIORITY[c.priority] : undefined;
            const href = `/conversations/${c.id}`;
            return (
              <tr
                key={c.id}
                className="cursor-pointer hover:bg-ink-50/70"
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a')) router.push(href);
                }}
              >
                <Td>
                  <Link
                    href={href}
                    className="font-medium text-ink-900 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500"
                  >
                    {contact ? contactName(contact) : `Conversation #${c.id}`}
                  </Link>
                  {preview && (
                    <p className="mt-0.5 line-clamp-1 max-w-md text-[13px] text-ink-600">
                      {c.lastMessage?.messageType === 'incoming' ? '' : 'You: '}
                      {preview}
                    </p>
                  )}
                  <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-ink-500">
                    <span>#{c.id}</span>
                    {contact?.companyName && <span>· {contact.companyName}</span>}
                    <span>
                      · {c.messagesCount} {c.messagesCount === 1 ? 'message' : 'messages'}
                    </span>
                    {c.labels.slice(0, 3).map((l) => (
                      <span key={l} className="rounded bg-ink-100 px-1.5 py-px text-[11px] text-ink-600">
                        {l}
                      </span>
                    ))}
                  </div>
                </Td>
                <Td>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <Badge tone={s.tone} dot>
                      {s.label}
                    </Badge>
                    {priority && (c.priority === 'urgent' || c.priority === 'high') && (
                      <Badge tone={priority.tone}>{priority.label}</Badge>
                    )}
                    {c.unreadCount > 0 && <Badge tone="accent">{c.unreadCount} unread</Badge>}
                  </div>
                </Td>
                <Td className="hidden text-[13px] whitespace-nowrap md:table-cell">
                  {c.waitingSince ? (
                    <RelativeTime iso={c.waitingSince} className="font-medium text-amber-700" />
                  ) : (
                    <span className="text-ink-400">Not waiting</span>
                  )}
                </Td>
                <Td className="hidden text-[13px] whitespace-nowrap sm:table-cell">
                  <RelativeTime iso={c.lastActivityAt ?? c.createdAt} />
                </Td>
                <Td className="pr-4 text-right">
                  <ChevronRight aria-hidden className="ml-auto size-4 text-ink-300" />
                </Td>
              </tr>
            );
          })}
        </TBody>
      </Table>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        shown={rows.length}
        noun={rows.length === 1 ? 'conversation' : 'conversations'}
      />
    </>
  );
}

function ContactsTable({ onPick }: { onPick: (c: Contact) => void }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(draft.trim()), 250);
    return () => clearTimeout(t);
  }, [draft]);
  const query = useInfiniteQuery({
    ...trpc.data.contacts.infiniteQueryOptions(
      { limit: PAGE, ...(q ? { q } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const rows = (query.data?.pages ?? []).flatMap((p) => p.items);
  return (
    <>
      <div className="border-b border-line px-5 py-3">
        <div className="relative sm:max-w-xs">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-400"
          />
          <label htmlFor="contact-q" className="sr-only">
            Find a contact
          </label>
          <Input
            id="contact-q"
            type="search"
            placeholder="Find by name, e-mail or company"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className="pl-9"
          />
        </div>
      </div>
      {query.isPending ? (
        <SkeletonRows label="Loading contacts" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={Users} title={q ? `No contacts match “${q}”` : 'No contacts yet'}>
          {q
            ? 'Try part of a name or an e-mail address.'
            : 'Contacts appear after the first Chatwoot sync of this project.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Contacts" aria-busy={query.isFetching}>
            <THead>
              <tr>
                <Th>Contact</Th>
                <Th className="hidden md:table-cell">Company</Th>
                <Th className="hidden sm:table-cell">Last activity</Th>
                <Th className="w-40">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <div className="font-medium text-ink-900">{contactName(c)}</div>
                    {c.email && <div className="mt-0.5 text-xs text-ink-500">{c.email}</div>}
                  </Td>
                  <Td className="hidden text-[13px] md:table-cell">{c.companyName ?? '—'}</Td>
                  <Td className="hidden text-[13px] whitespace-nowrap sm:table-cell">
                    <RelativeTime iso={c.lastActivityAt} />
                  </Td>
                  <Td className="pr-4 text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => onPick(c)}
                      aria-label={`Conversations with ${contactName(c)}`}
                    >
                      Conversations <ChevronRight aria-hidden className="size-3.5" />
                    </Button>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <LoadMore
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
            shown={rows.length}
            noun={rows.length === 1 ? 'contact' : 'contacts'}
          />
        </>
      )}
    </>
  );
}

export function ConversationsScreen() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const view = params.get('view') === 'contacts' ? 'contacts' : 'conversations';
  const contactParam = Number(params.get('contact'));
  const contactId = Number.isInteger(contactParam) && contactParam > 0 ? contactParam : null;
  const [status, setStatus] = useState<StatusFilter>('all');
  const trpc = useTRPC();
  // The filter chip's name comes from the contact's newest conversation row (one row, not a directory).
  const named = useQuery({
    ...trpc.data.conversations.queryOptions({ contactId: contactId ?? 1, limit: 1 }),
    enabled: contactId !== null,
  });
  const contact = contactId !== null ? named.data?.items[0]?.contact : undefined;

  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    const s = p.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  };

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Everything clients said in Chatwoot for this project, newest first."
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-line px-5 py-3">
          <Segmented
            label="Show"
            value={view}
            options={['conversations', 'contacts'] as const}
            onChange={(v) => go({ view: v === 'contacts' ? 'contacts' : null })}
            render={(v) => (v === 'contacts' ? 'Contacts' : 'Conversations')}
          />
          {view === 'conversations' && (
            <>
              <Segmented
                label="Status"
                value={status}
                options={FILTERS}
                onChange={setStatus}
                render={(v) => (v === 'all' ? 'All' : (STATUS[v]?.label ?? v))}
              />
              {contactId !== null && (
                <span className="inline-flex items-center gap-1 rounded-full bg-accent-50 py-1 pr-1 pl-3 text-[13px] font-medium text-accent-800">
                  {contact ? contactName(contact) : `Contact ${contactId}`}
                  <button
                    type="button"
                    aria-label="Clear contact filter"
                    onClick={() => go({ contact: null })}
                    className="rounded-full p-0.5 hover:bg-accent-100"
                  >
                    <X aria-hidden className="size-3.5" />
                  </button>
                </span>
              )}
            </>
          )}
        </div>
        {view === 'conversations' ? (
          <ConversationsTable status={status} contactId={contactId} />
        ) : (
          <ContactsTable onPick={(c) => go({ view: null, contact: String(c.id) })} />
        )}
      </Card>
    </>
  );
}
