'use client';

import { useQuery } from '@tanstack/react-query';
import { FolderKanban } from 'lucide-react';
import type { ReactNode } from 'react';
import { useSelectProject } from '@/components/shell/use-select-project';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { InlineError } from '@/components/ui/states';
import { Spinner } from '@/components/ui/spinner';
import { messageOf } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

/**
 * Project-scoped screens render their content only with an active project; otherwise they
 * offer the user's projects to pick from, right where they are.
 */
export function RequireProject({ title, children }: { title: string; children: ReactNode }) {
  const trpc = useTRPC();
  const me = useMe();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const select = useSelectProject();
  if (me.data?.activeProjectId) return <>{children}</>;
  const list = projects.data?.projects ?? [];
  return (
    <>
      <PageHeader title={title} />
      <Card className="mx-auto max-w-xl px-6 py-10 text-center sm:px-10">
        <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600">
          <FolderKanban aria-hidden className="size-5" />
        </div>
        <h2 className="mt-4 text-base font-semibold text-ink-900">Choose a project to work on</h2>
        <p className="mt-1 text-sm text-ink-500">
          Connectors, jobs, conversations and search show one project at a time. You can switch at any moment
          from the project menu.
        </p>
        {select.isError && (
          <div className="mt-4 text-left">
            <InlineError>{messageOf(select.error)}</InlineError>
          </div>
        )}
        {list.length === 0 && projects.isSuccess ? (
          <p className="mt-6 text-sm text-ink-500">No projects are shared with you in this workspace yet.</p>
        ) : (
          <ul className="mt-6 divide-y divide-line overflow-hidden rounded-lg border border-line text-left">
            {list.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => select.mutate({ id: p.id })}
                  disabled={select.isPending}
                  className="flex w-full items-center gap-3 px-4 py-3 text-left hover:bg-ink-50 focus-visible:bg-ink-50 focus-visible:outline-none disabled:opacity-60"
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm font-medium text-ink-900">{p.name}</span>
                    <span className="block truncate text-xs text-ink-500">{p.clientName ?? 'Internal'}</span>
                  </span>
                  {select.isPending && select.variables?.id === p.id ? (
                    <Spinner label="Opening project" />
                  ) : (
                    <span className="text-xs font-medium text-accent-700">Open</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
