'use client';

import { useSyncExternalStore } from 'react';
import { Tooltip } from '@/components/ui/tooltip';
import { cn } from '@/lib/cn';
import { getLiveState, getServerLiveState, subscribeLive } from '@/lib/live-events';

const COPY = {
  live: { label: 'Live', help: 'Syncs and jobs update this page as they happen.', dot: 'bg-emerald-500' },
  connecting: {
    label: 'Connecting',
    help: 'Opening the live update stream…',
    dot: 'bg-amber-400 animate-pulse',
  },
  offline: {
    label: 'Offline',
    help: 'Live updates are paused; Keel retries on its own. Data still loads on demand.',
    dot: 'bg-ink-300',
  },
} as const;

export function LiveIndicator() {
  const status = useSyncExternalStore(
    subscribeLive,
    () => getLiveState().status,
    () => getServerLiveState().status,
  );
  const copy = COPY[status];
  return (
    <Tooltip content={copy.help}>
      <button
        type="button"
        className="inline-flex items-center gap-1.5 rounded-full px-2 py-1 text-xs font-medium text-ink-500 focus-visible:outline-2 focus-visible:outline-accent-500"
      >
        <span aria-hidden className={cn('size-2 rounded-full', copy.dot)} />
        <span className="hidden sm:inline">{copy.label}</span>
        <span className="sr-only sm:hidden">Live updates: {copy.label}</span>
      </button>
    </Tooltip>
  );
}
