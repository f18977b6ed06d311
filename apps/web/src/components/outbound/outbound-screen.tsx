'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Send } from 'lucide-react';
import { useState } from 'react';
import { RequireProject } from '@/components/require-project';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState, InlineError } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { reasonLabel, STATUS_TONE } from './hold-reasons';

type Message = RouterOutputs['outbound']['list']['items'][number];

function Attempts({ message }: { message: Message }) {
  if (message.attemptLog.length === 0) return <p className="text-xs text-ink-500">No attempt yet.</p>;
  return (
    <ol className="space-y-1 text-xs text-ink-600">
      {message.attemptLog.map((a) => (
        <li key={a.attemptNo}>
          #{a.attemptNo} <span className="font-medium">{a.status}</span>
          {a.error ? ` — ${a.error}` : ''} <RelativeTime iso={a.finishedAt ?? a.startedAt} />
        </li>
      ))}
    </ol>
  );
}

function Row({ message, writer }: { message: Message; writer: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.outbound.pathKey() });
  const approve = useMutation(trpc.outbound.approve.mutationOptions({ onSettled: invalidate }));
  const send = useMutation(trpc.outbound.send.mutationOptions({ onSettled: invalidate }));
  const reason = reasonLabel(message.blockReason);
  const error = approve.error ?? send.error;
  return (
    <>
      <tr className="align-top">
        <Td>
          <button type="button" className="text-left" onClick={() => setOpen(!open)} aria-expanded={open}>
            <span className="line-clamp-2 text-sm text-ink-900">{message.body}</span>
            <span className="text-xs text-ink-500">
              Conversation {message.recipient} · contact {message.contactRef}
            </span>
          </button>
        </Td>
        <Td>
          <Badge tone={STATUS_TONE[message.status] ?? 'neutral'}>{message.status}</Badge>
          {reason && <p className="mt-1 text-xs text-amber-800">{reason}</p>}
          {message.lastError && message.status !== 'sent' && (
            <p className="mt-1 text-xs text-ink-500">{message.lastError}</p>
          )}
        </Td>
        <Td>
          <RelativeTime iso={message.sentAt ?? message.nextAttemptAt ?? message.createdAt} />
        </Td>
        <Td className="text-right">
          {message.status === 'draft' && !message.offerId && (
            <Button
              size="sm"
              disabled={!writer || approve.isPending}
              title={writer ? undefined : 'Only owners and project managers can approve.'}
              onClick={() => approve.mutate({ id: message.id })}
            >
              <Check aria-hidden className="size-4" /> Approve
            </Button>
          )}
          {message.status === 'approved' && (
            <Button
              size="sm"
              variant="primary"
              disabled={!writer || send.isPending}
              onClick={() => send.mutate({ id: message.id })}
            >
              <Send aria-hidden className="size-4" /> Send now
            </Button>
          )}
        </Td>
      </tr>
      {(open || error) && (
        <tr>
          <Td colSpan={4} className="bg-ink-50">
            {error && <InlineError>{messageOf(error)}</InlineError>}
            {open && <Attempts message={message} />}
          </Td>
        </tr>
      )}
    </>
  );
}

function OutboundList() {
  const trpc = useTRPC();
  const me = useMe();
  const writer = me.data?.capabilities.writeProject ?? false;
  const list = useQuery(trpc.outbound.list.queryOptions({ limit: 100 }));
  const items = list.data?.items ?? [];
  const drafts = items.filter((m) => m.status === 'draft');
  const rest = items.filter((m) => m.status !== 'draft');
  const table = (rows: Message[]) => (
    <Table>
      <THead>
        <tr>
          <Th>Message</Th>
          <Th>Status</Th>
          <Th>When</Th>
          <Th className="text-right">Action</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((m) => (
          <Row key={m.id} message={m} writer={writer} />
        ))}
      </TBody>
    </Table>
  );
  return (
    <>
      <PageHeader
        title="Outbound"
        description="Messages wait here for approval; the outbox sends them once, outside quiet hours, within the frequency cap, and never to a contact who opted out."
      />
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <SkeletonRows rows={4} label="Loading outbound messages" />}
      {list.isSuccess && items.length === 0 && (
        <EmptyState icon={Send} title="Nothing to send">
          Drafted replies from recommendations and offers appear here for approval.
        </EmptyState>
      )}
      {drafts.length > 0 && (
        <Card className="mb-6">
          <h2 className="border-b border-line px-5 py-3 text-sm font-semibold text-ink-900">
            Waiting for approval ({drafts.length})
          </h2>
          {table(drafts)}
        </Card>
      )}
      {rest.length > 0 && (
        <Card>
          <h2 className="border-b border-line px-5 py-3 text-sm font-semibold text-ink-900">
            Queue and history
          </h2>
          {table(rest)}
        </Card>
      )}
    </>
  );
}

export function OutboundScreen() {
  return (
    <RequireProject title="Outbound">
      <OutboundList />
    </RequireProject>
  );
}
