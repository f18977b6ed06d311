'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setCsrfToken } from '@/lib/csrf';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

export type Me = RouterOutputs['auth']['me'];
export type Role = Me['workspaceRole'];

const WRITERS: readonly Role[] = ['owner', 'pm'];

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

/** Whether the user may change things on the active project (the API enforces it too). */
export function canWrite(me: Me | undefined): boolean {
  return !!me?.projectRole && WRITERS.includes(me.projectRole);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  pm: 'Project manager',
  exec: 'Executive',
  viewer: 'Viewer',
};
