'use client';

import * as Menu from '@radix-ui/react-dropdown-menu';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { setCsrfToken } from '@/lib/csrf';
import { initials } from '@/lib/format';
import { ROLE_LABELS, useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

export function UserMenu() {
  const trpc = useTRPC();
  const me = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        setCsrfToken(null);
        queryClient.clear();
        router.replace('/sign-in');
        router.refresh();
      },
    }),
  );
  const user = me.data?.user;
  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={user ? `Account: ${user.name}` : 'Account'}
        className="flex size-9 items-center justify-center rounded-full bg-accent-600 text-[13px] font-semibold text-white hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
      >
        {initials(user?.name ?? '')}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={8}
          className="z-50 w-64 rounded-lg border border-line bg-white p-1 shadow-lg"
        >
          <div className="px-3 py-2.5">
            <p className="truncate text-sm font-medium text-ink-900">{user?.name}</p>
            <p className="truncate text-[13px] text-ink-500">{user?.email}</p>
            {me.data && (
              <p className="mt-1.5 text-xs text-ink-500">
                Workspace role:{' '}
                <span className="font-medium text-ink-700">{ROLE_LABELS[me.data.workspaceRole]}</span>
                {me.data.projectRole && (
                  <>
                    {' · '}Project role:{' '}
                    <span className="font-medium text-ink-700">{ROLE_LABELS[me.data.projectRole]}</span>
                  </>
                )}
              </p>
            )}
          </div>
          <Menu.Separator className="my-1 h-px bg-line" />
          <Menu.Item
            onSelect={() => logout.mutate()}
            className="flex cursor-default items-center gap-2 rounded-md px-3 py-2 text-sm text-ink-700 outline-none select-none data-[highlighted]:bg-ink-100"
          >
            <LogOut aria-hidden className="size-4 text-ink-400" />
            Sign out
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
