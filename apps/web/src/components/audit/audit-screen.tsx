'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronLeft, ChevronRight, ScrollText, X } from 'lucide-react';
import { Fragment, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { SkeletonRows } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { useMe } from '@/lib/session';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { describeAction, payloadEntries } from './describe';

type AuditEvent = RouterOutputs['audit']['list']['events'][number];
type Scope = 'workspace' | 'project';

const PAGE_SIZE = 25;

function actorLabel(e: AuditEvent, myId: string | undefined): string {
  if (e.actorType === 'system') return 'Keel (automatic)';
  if (e.actorType === 'api_key') return 'API key';
  if (e.actorUserId && e.actorUserId === myId) return 'You';
  return 'Team member';
}

function ScopeToggle({ value, onChange }: { value: Scope; onChange: (s: Scope) => void }) {
  return (
    <div
      role="radiogroup"
      aria-label="Show events of"
      className="inline-flex rounded-md border border-line bg-white p-0.5 shadow-xs"
    >
      {(['workspace', 'project'] as const).map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={value === s}
          onClick={() => onChange(s)}
          className={cn(
            'rounded-[5px] px-3 py-1 text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-accent-500',
            value === s ? 'bg-ink-900 text-white' : 'text-ink-600 hover:text-ink-900',
          )}
        >
          {s === 'workspace' ? 'Whole workspace' : 'Active project'}
        </button>
      ))}
    </div>
  );
}

function Details({ event }: { event: AuditEvent }) {
  const entries = payloadEntries(event.payload);
  return (
    <dl className="grid gap-x-6 gap-y-2 text-[13px] sm:grid-cols-[10rem_1fr]">
      <dt className="text-ink-500">When</dt>
      <dd className="text-ink-800">{formatDateTime(event.createdAt)}</dd>
      <dt className="text-ink-500">Action key</dt>
      <dd className="font-mono text-xs text-ink-800">{event.action}</dd>
      {event.entityType && (
        <>
          <dt className="text-ink-500">Target</dt>
          <dd className="text-ink-800">
            {event.entityType} <span className="font-mono text-xs text-ink-500">{event.entityId}</span>
          </dd>
        </>
      )}
      {event.requestId && (
        <>
          <dt className="text-ink-500">Request id</dt>
          <dd className="font-mono text-xs text-ink-800">{event.requestId}</dd>
        </>
      )}
      {entries.map(([k, v]) => (
        <Fragment key={k}>
          <dt className="text-ink-500">{k}</dt>
          <dd className="break-words text-ink-800">{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function AuditScreen() {
  const trpc = useTRPC();
  const me = useMe();
  const wide = me.data?.capabilities.readWorkspace ?? false;
  const [scope, setScope] = useState<Scope>('workspace');
  const [action, setAction] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const before = cursors.at(-1);
  const effectiveScope: Scope = wide ? scope : 'project';
  const query = useQuery({
    ...trpc.audit.list.queryOptions({
      scope: effectiveScope,
      limit: PAGE_SIZE,
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(before ? { before } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const events = query.data?.events ?? [];
  const reset = () => {
    setCursors([]);
    setOpen(null);
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every sign-in, project change, sync and action taken in Keel — who did it, when, and what it touched."
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-line px-5 py-3">
          {wide && (
            <ScopeToggle
              value={scope}
              onChange={(s) => {
                setScope(s);
                reset();
              }}
            />
          )}
          <div className="relative w-full sm:ml-auto sm:w-64">
            <label htmlFor="audit-action" className="sr-only">
              Filter by action key
            </label>
            <Input
              id="audit-action"
              list="audit-actions"
              placeholder="Filter by action, e.g. auth.login"
              value={action}
              onChange={(e) => {
                setAction(e.target.value);
                reset();
              }}
              className="pr-8"
            />
            <datalist id="audit-actions">
              {[...new Set(events.map((e) => e.action))].map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            {action && (
              <button
                type="button"
                aria-label="Clear action filter"
                onClick={() => {
                  setAction('');
                  reset();
                }}
                className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-0.5 text-ink-400 hover:text-ink-700"
              >
                <X aria-hidden className="size-4" />
              </button>
            )}
          </div>
        </div>

        {query.isPending ? (
          <SkeletonRows label="Loading the audit trail" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : events.length === 0 ? (
          <EmptyState
            icon={ScrollText}
            title={action ? 'No events with this action' : 'Nothing recorded yet'}
          >
            {action
              ? 'Try another action key, or clear the filter.'
              : effectiveScope === 'project'
                ? 'Actions on the active project will appear here as your team works.'
                : 'Sign-ins, project changes and syncs will appear here as your team works.'}
          </EmptyState>
        ) : (
          <Table aria-label="Audit events" aria-busy={query.isFetching}>
            <THead>
              <tr>
                <Th className="w-40">When</Th>
                <Th>What happened</Th>
                <Th className="hidden md:table-cell">Who</Th>
                <Th className="w-24">Result</Th>
                <Th className="w-12">
                  <span className="sr-only">Details</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {events.map((e) => {
                const expanded = open === e.id;
                return (
                  <Fragment key={e.id}>
                    <tr className={cn('group', expanded && 'bg-ink-50/60')}>
                      <Td className="text-[13px] whitespace-nowrap text-ink-500">
                        <RelativeTime iso={e.createdAt} />
                      </Td>
                      <Td>
                        <div className="font-medium text-ink-900">{describeAction(e.action)}</div>
                        <div className="mt-0.5 text-xs text-ink-500 md:hidden">
                          {actorLabel(e, me.data?.user.id)}
                        </div>
                      </Td>
                      <Td className="hidden text-[13px] md:table-cell">{actorLabel(e, me.data?.user.id)}</Td>
                      <Td>
                        {e.status === 'ok' ? (
                          <Badge tone="success">Done</Badge>
                        ) : (
                          <Badge tone="danger">Failed</Badge>
                        )}
                      </Td>
                      <Td className="pr-3 text-right">
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-controls={`audit-${e.id}`}
                          aria-label={expanded ? 'Hide details' : 'Show details'}
                          onClick={() => setOpen(expanded ? null : e.id)}
                          className="rounded-md p-1.5 text-ink-400 hover:bg-ink-100 hover:text-ink-700 focus-visible:outline-2 focus-visible:outline-accent-500"
                        >
                          <ChevronDown
                            aria-hidden
                            className={cn('size-4 transition-transform', expanded && 'rotate-180')}
                          />
                        </button>
                      </Td>
                    </tr>
                    {expanded && (
                      <tr id={`audit-${e.id}`} className="bg-ink-50/60">
                        <td colSpan={5} className="px-5 pt-1 pb-4">
                          <Details event={e} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </TBody>
          </Table>
        )}

        {(cursors.length > 0 || query.data?.nextCursor) && (
          <div className="flex items-center justify-between border-t border-line px-5 py-3">
            <p className="text-[13px] text-ink-500">Page {cursors.length + 1}</p>
            <div className="flex gap-2">
              <Button
                size="sm"
                disabled={cursors.length === 0}
                onClick={() => {
                  setCursors((c) => c.slice(0, -1));
                  setOpen(null);
                }}
              >
                <ChevronLeft aria-hidden className="size-4" /> Newer
              </Button>
              <Button
                size="sm"
                disabled={!query.data?.nextCursor}
                onClick={() => {
                  const next = query.data?.nextCursor;
                  if (next) setCursors((c) => [...c, next]);
                  setOpen(null);
                }}
              >
                Older <ChevronRight aria-hidden className="size-4" />
              </Button>
            </div>
          </div>
        )}
      </Card>
    </>
  );
}
