'use client';

import * as Menu from '@radix-ui/react-dropdown-menu';
import { useQuery } from '@tanstack/react-query';
import { Check, ChevronsUpDown, FolderKanban, Gauge } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { ROLE_LABELS, useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { useSelectProject } from './use-select-project';

export function ProjectSwitcher({ className }: { className?: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const select = useSelectProject();
  const list = projects.data?.projects ?? [];
  const activeId = me.data?.activeProjectId ?? projects.data?.activeProjectId ?? null;
  const active = list.find((p) => p.id === activeId);
  const router = useRouter();
  // On a project page the URL names the project: switching opens the chosen project's page.
  const onProjectPage = usePathname().startsWith('/projects/');

  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={active ? `Active project: ${active.name}. Switch project` : 'Choose a project'}
        className={cn(
          'group flex h-10 min-w-0 items-center gap-2.5 rounded-lg border border-line bg-white px-2.5 text-left shadow-xs',
          'hover:border-ink-300 focus-visible:outline-2 focus-visible:outline-accent-500 data-[state=open]:border-ink-300',
          className,
        )}
      >
        <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-ink-100 text-ink-600">
          {select.isPending ? (
            <Spinner className="size-3.5" />
          ) : (
            <FolderKanban aria-hidden className="size-3.5" />
          )}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm leading-tight font-medium text-ink-900">
            {active?.name ?? 'Choose a project'}
          </span>
          <span className="block truncate text-xs leading-tight text-ink-500">
            {active ? (active.clientName ?? 'Internal') : `${list.length} available`}
          </span>
        </span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-ink-400" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="start"
          sideOffset={6}
          className="z-50 max-h-[70vh] w-[min(20rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-line bg-white p-1 shadow-lg"
        >
          <Menu.Label className="px-2.5 pt-2 pb-1 text-[11px] font-semibold tracking-wider text-ink-400 uppercase">
            Workspace
          </Menu.Label>
          <div className="px-2.5 pb-2 text-[13px] text-ink-600">
            Signed in as {me.data ? ROLE_LABELS[me.data.workspaceRole].toLowerCase() : '…'}
          </div>
          <Menu.Separator className="my-1 h-px bg-line" />
          <Menu.Label className="px-2.5 pt-2 pb-1 text-[11px] font-semibold tracking-wider text-ink-400 uppercase">
            Projects
          </Menu.Label>
          {projects.isError && (
            <p className="px-2.5 py-2 text-[13px] text-rose-600">Projects could not be loaded.</p>
          )}
          {list.length === 0 && projects.isSuccess && (
            <p className="px-2.5 py-2 text-[13px] text-ink-500">
              You have no projects in this workspace yet.
            </p>
          )}
          <Menu.RadioGroup
            value={activeId ?? ''}
            onValueChange={(id) => {
              if (!id || id === activeId) return;
              if (onProjectPage) router.push(`/projects/${id}`);
              else select.mutate({ id });
            }}
          >
            {list.map((p) => (
              <Menu.RadioItem
                key={p.id}
                value={p.id}
                className="flex cursor-default items-center gap-2.5 rounded-md px-2.5 py-2 outline-none select-none data-[highlighted]:bg-ink-100"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-ink-900">{p.name}</span>
                  <span className="block truncate text-xs text-ink-500">
                    {p.clientName ?? 'Internal'} · {ROLE_LABELS[p.role]}
                  </span>
                </span>
                <Menu.ItemIndicator>
                  <Check aria-hidden className="size-4 text-accent-600" />
                </Menu.ItemIndicator>
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
          {active && (
            <>
              <Menu.Separator className="my-1 h-px bg-line" />
              <Menu.Item asChild>
                <Link
                  href={`/projects/${active.id}`}
                  className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-ink-700 outline-none select-none data-[highlighted]:bg-ink-100"
                >
                  <Gauge aria-hidden className="size-4 text-ink-400" />
                  Open the project page
                </Link>
              </Menu.Item>
            </>
          )}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
