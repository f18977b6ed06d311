'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

const SHELL_ROUTERS = new Set(['auth', 'projects']);

/**
 * Makes a project the active one (POST /projects/:id/select) and throws away every
 * project-scoped answer, so no screen shows the previous project's rows for a moment.
 */
export function useSelectProject() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.projects.select.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          predicate: (q) => {
            const path = q.queryKey[0];
            return Array.isArray(path) && SHELL_ROUTERS.has(String(path[0]));
          },
        });
        await queryClient.resetQueries({
          predicate: (q) => {
            const path = q.queryKey[0];
            return !(Array.isArray(path) && SHELL_ROUTERS.has(String(path[0])));
          },
        });
      },
    }),
  );
}
