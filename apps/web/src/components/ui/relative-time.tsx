'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime, formatRelative } from '@/lib/format';

/** One shared clock for every relative time on the page, ticking every 15 s. */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  // The clock stood still while nothing on the page showed a relative time: catch up first, or a
  // time written just now reads "in 2 minutes" until the next tick. React re-reads the snapshot
  // after subscribing, so the first render already uses it.
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 15_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): Date {
  const value = useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
  return new Date(value);
}

export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const current = useNow();
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className} suppressHydrationWarning>
      {formatRelative(iso, current)}
    </time>
  );
}
