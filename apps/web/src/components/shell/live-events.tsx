'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  EVENT_INVALIDATIONS,
  isListened,
  LISTENED_EVENT_TYPES,
  type ListenedEventType,
} from '@/lib/event-invalidation';
import {
  getLiveState,
  type LiveEvent,
  parseLiveMessage,
  recordEvent,
  resetLiveProgress,
  setLiveStatus,
} from '@/lib/live-events';
import { useTRPC } from '@/lib/trpc';

const STREAM_URL = '/events/stream';
/** Progress events can arrive many times a second; refetching lists that often helps nobody. */
const PROGRESS_INVALIDATE_MS = 2_000;

/**
 * Opens the tab's one EventSource and keeps it open: the browser resumes dropped streams
 * with Last-Event-ID by itself; when the server refused the stream (EventSource gives up),
 * we reopen it with backoff, carrying the last id as a query parameter.
 */
export function LiveEvents({ projectId }: { projectId: string | null }) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  useEffect(() => {
    resetLiveProgress();
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const pending = new Set<ListenedEventType>();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;

    const flush = () => {
      flushTimer = undefined;
      const types = [...pending];
      pending.clear();
      for (const type of types)
        for (const filter of EVENT_INVALIDATIONS[type](trpc)) void queryClient.invalidateQueries(filter);
    };

    const handle = (event: LiveEvent) => {
      if (projectId && event.projectId && event.projectId !== projectId) return;
      recordEvent(event);
      if (!isListened(event.type)) return;
      pending.add(event.type);
      const urgent = !event.type.endsWith('.progress');
      if (urgent) {
        if (flushTimer) clearTimeout(flushTimer);
        flush();
      } else {
        flushTimer ??= setTimeout(flush, PROGRESS_INVALIDATE_MS);
      }
    };

    const onMessage = (message: MessageEvent<string>) => {
      const parsed = parseLiveMessage(message.data, message.type, message.lastEventId || null);
      if (parsed) handle(parsed);
    };

    const open = () => {
      if (stopped) return;
      setLiveStatus('connecting');
      const last = getLiveState().lastEventId;
      const url = last ? `${STREAM_URL}?lastEventId=${encodeURIComponent(last)}` : STREAM_URL;
      const es = new EventSource(url, { withCredentials: true });
      source = es;
      es.onopen = () => {
        attempt = 0;
        setLiveStatus('live');
      };
      es.onmessage = onMessage;
      for (const type of LISTENED_EVENT_TYPES) es.addEventListener(type, onMessage as EventListener);
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          setLiveStatus('offline');
          es.close();
          attempt += 1;
          const delay = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
          retryTimer = setTimeout(open, delay);
        } else {
          setLiveStatus('connecting');
        }
      };
    };

    open();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      source?.close();
    };
  }, [queryClient, trpc, projectId]);

  return null;
}
