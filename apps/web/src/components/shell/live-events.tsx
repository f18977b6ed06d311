'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  getLiveState,
  KNOWN_EVENT_TYPES,
  type LiveEvent,
  parseLiveMessage,
  recordEvent,
  resetLiveProgress,
  routersToInvalidate,
  setLiveStatus,
} from '@/lib/live-events';

const STREAM_URL = '/events/stream';
/** Progress events can arrive many times a second; refetching lists that often helps nobody. */
const PROGRESS_INVALIDATE_MS = 2_000;

function routerOf(queryKey: readonly unknown[]): string | undefined {
  const path = queryKey[0];
  return Array.isArray(path) && typeof path[0] === 'string' ? path[0] : undefined;
}

/**
 * Opens the tab's one EventSource and keeps it open: the browser resumes dropped streams
 * with Last-Event-ID by itself; when the server refused the stream (EventSource gives up),
 * we reopen it with backoff, carrying the last id as a query parameter.
 */
export function LiveEvents({ projectId }: { projectId: string | null }) {
  const queryClient = useQueryClient();

  useEffect(() => {
    resetLiveProgress();
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const pending = new Set<string>();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;

    const flush = () => {
      flushTimer = undefined;
      const routers = new Set(pending);
      pending.clear();
      void queryClient.invalidateQueries({
        predicate: (q) => {
          const r = routerOf(q.queryKey);
          return r !== undefined && routers.has(r);
        },
      });
    };

    const handle = (event: LiveEvent) => {
      if (projectId && event.projectId && event.projectId !== projectId) return;
      recordEvent(event);
      const routers = routersToInvalidate(event.type);
      if (routers.length === 0) return;
      for (const r of routers) pending.add(r);
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
      for (const type of KNOWN_EVENT_TYPES) es.addEventListener(type, onMessage as EventListener);
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
  }, [queryClient, projectId]);

  return null;
}
