'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { Menu as MenuIcon, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { Logo } from '@/components/logo';
import { useMe } from '@/lib/session';
import { LiveEvents } from './live-events';
import { LiveIndicator } from './live-indicator';
import { NotificationsMenu } from './notifications-menu';
import { ProjectSwitcher } from './project-switcher';
import { SidebarNav } from './sidebar-nav';
import { UserMenu } from './user-menu';

function MobileNav() {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger
        aria-label="Open navigation"
        className="-ml-1.5 rounded-md p-1.5 text-ink-600 hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-accent-500 lg:hidden"
      >
        <MenuIcon aria-hidden className="size-5" />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-ink-950/40 lg:hidden" />
        <RadixDialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 bg-white p-4 shadow-xl focus:outline-none lg:hidden">
          <div className="flex items-center justify-between">
            <Logo />
            <RadixDialog.Close
              aria-label="Close navigation"
              className="rounded-md p-1.5 text-ink-500 hover:bg-ink-100 focus-visible:outline-2 focus-visible:outline-accent-500"
            >
              <X aria-hidden className="size-5" />
            </RadixDialog.Close>
          </div>
          <RadixDialog.Title className="sr-only">Navigation</RadixDialog.Title>
          <RadixDialog.Description className="sr-only">Pages of the Keel workspace</RadixDialog.Description>
          <ProjectSwitcher className="w-full" />
          <SidebarNav onNavigate={() => setOpen(false)} />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** The frame around every signed-in screen: sidebar, top bar, live connection. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const projectId = me.data?.activeProjectId ?? null;
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15.5rem_1fr]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r border-line bg-white px-3 py-5 lg:flex">
        <Logo className="px-2.5" />
        <ProjectSwitcher className="w-full" />
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-line bg-white/90 px-4 backdrop-blur sm:px-6 lg:px-8">
          <MobileNav />
          <Logo className="lg:hidden" />
          <div className="ml-auto flex items-center gap-2">
            <LiveIndicator />
            {projectId && <NotificationsMenu />}
            <UserMenu />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-[1200px] flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
      <LiveEvents projectId={projectId} />
    </div>
  );
}
