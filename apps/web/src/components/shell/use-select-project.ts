'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

const SHELL_ROUTERS = new Set(['auth', 'projects']);

/**
 * Makes a project the active one (POST /projects/:id/select) and throws away every
 * project-scoped answer, so no screen shows the previous project's rows for a moment. `keep`
 * names routers whose answers do not depend on the active project (the cross-project
 * recommendation queue): thrown away, their screen would unmount mid-click and drop the click.
 */
export function useSelectProject(options: { keep?: readonly string[] } = {}) {
  const kept = new Set([...SHELL_ROUTERS, ...(options.keep ?? [])]);
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
            return !(Array.isArray(path) && kept.has(String(path[0])));
          },
        });
      },
    }),
  );
}
