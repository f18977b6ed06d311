'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setCsrfToken } from '@/lib/csrf';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

export type Me = RouterOutputs['auth']['me'];
export type Role = Me['workspaceRole'];

/** The signed-in user; the shell's server render has already put it in the cache. */
export function useMe() {
  const trpc = useTRPC();
  const query = useQuery(trpc.auth.me.queryOptions());
  const token = query.data?.csrfToken;
  useEffect(() => {
    if (token) setCsrfToken(token);
  }, [token]);
  return query;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  pm: 'Project manager',
  exec: 'Executive',
  viewer: 'Viewer',
};
