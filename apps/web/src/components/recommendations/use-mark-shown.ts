'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '@/lib/trpc';

/** A card counts as seen when at least half of it has been on screen for this long. */
const SEEN_AFTER_MS = 1_000;
const BATCH_MS = 1_500;

/**
 * Marks cards shown when they are actually seen (IntersectionObserver), batched into one
 * POST /kag/v2/recommendations/shown. Only cards the caller may act on and that are still new
 * are observed; the server ignores repeats.
 */
export function useMarkShown(enabled: boolean) {
  const trpc = useTRPC();
  const shown = useMutation(trpc.recommendations.shown.mutationOptions());
  const pending = useRef(new Set<string>());
  const sent = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const observer = useRef<IntersectionObserver | null>(null);
  const elements = useRef(new Set<HTMLElement>());
  const mutate = shown.mutate;

  const flush = useCallback(() => {
    flushTimer.current = null;
    const ids = [...pending.current];
    pending.current.clear();
    if (ids.length > 0) mutate({ ids });
  }, [mutate]);

  useEffect(() => {
    if (!enabled || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.recommendationId;
          if (!id || sent.current.has(id)) continue;
          if (entry.isIntersecting) {
            if (!timers.current.has(id))
              timers.current.set(
                id,
                setTimeout(() => {
                  timers.current.delete(id);
                  sent.current.add(id);
                  pending.current.add(id);
                  flushTimer.current ??= setTimeout(flush, BATCH_MS);
                }, SEEN_AFTER_MS),
              );
          } else {
            const t = timers.current.get(id);
            if (t) clearTimeout(t);
            timers.current.delete(id);
          }
        }
      },
      { threshold: 0.5 },
    );
    observer.current = io;
    for (const el of elements.current) io.observe(el);
    const pendingTimers = timers.current;
    return () => {
      io.disconnect();
      observer.current = null;
      for (const t of pendingTimers.values()) clearTimeout(t);
      pendingTimers.clear();
    };
  }, [enabled, flush]);

  /** Ref callback for a card: observe it while it is new. */
  return useCallback((el: HTMLElement | null) => {
    if (!el) return;
    elements.current.add(el);
    observer.current?.observe(el);
  }, []);
}
