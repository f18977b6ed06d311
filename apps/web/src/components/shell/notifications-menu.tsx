'use client';

import * as Menu from '@radix-ui/react-dropdown-menu';
import { useQuery } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { RelativeTime } from '@/components/ui/relative-time';
import { useTRPC } from '@/lib/trpc';

/**
 * The bell in the top bar: reminders that came due and actions the user started that finished
 * (`GET /notifications`); `reminder.due` and `action.finished` refresh it live.
 */
export function NotificationsMenu() {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.recommendationActions.notifications.queryOptions({ limit: 10 }),
    retry: false,
  });
  const items = list.data?.items ?? [];
  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={`Notifications${items.length ? ` (${items.length})` : ''}`}
        className="relative rounded-md p-1.5 text-ink-600 hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-accent-500"
      >
        <Bell aria-hidden className="size-5" />
        {items.length > 0 && <span className="absolute top-1 right-1 size-2 rounded-full bg-accent-500" />}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-80 rounded-lg border border-line bg-white p-2 text-sm shadow-lg"
        >
          {items.length === 0 ? (
            <p className="px-2 py-3 text-ink-500">No reminders or finished actions yet.</p>
          ) : (
            <ul className="divide-y divide-line">
              {items.map((n) => (
                <Menu.Item key={n.id} className="px-2 py-2 outline-none focus:bg-ink-50" asChild>
                  <li>
                    <p className="font-medium text-ink-900">
                      {n.kind === 'reminder' ? `Reminder: ${n.title}` : n.title}
                    </p>
                    <p className="text-xs text-ink-500">
                      {n.status === 'failed' ? `Failed — ${n.error ?? 'see the run'}` : n.status}{' '}
                      <RelativeTime iso={n.at} />
                      {n.url?.startsWith('http') && (
                        <>
                          {' · '}
                          <a
                            href={n.url}
                            target="_blank"
                            rel="noreferrer"
                            className="text-accent-700 underline"
                          >
                            open
                          </a>
                        </>
                      )}
                    </p>
                  </li>
                </Menu.Item>
              ))}
            </ul>
          )}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
