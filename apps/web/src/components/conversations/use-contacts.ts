'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/lib/trpc';
import { type ContactView, toContact } from './model';

/** The project's most recent contacts by id, to put names on conversations. */
export function useContactDirectory() {
  const trpc = useTRPC();
  const query = useQuery(trpc.data.contacts.queryOptions({ limit: 200 }));
  const byId = useMemo(() => {
    const map = new Map<number, ContactView>();
    for (const row of query.data?.items ?? []) {
      const c = toContact(row);
      if (c) map.set(c.id, c);
    }
    return map;
  }, [query.data]);
  return { byId, query };
}
