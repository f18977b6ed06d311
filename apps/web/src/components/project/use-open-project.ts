'use client';

import { useEffect, useRef } from 'react';
import { useSelectProject } from '@/components/shell/use-select-project';
import { useMe } from '@/lib/session';

/**
 * The project page shows the project in its URL. Every project-scoped procedure, the shell's
 * switcher and the live event stream follow the session's active project, so the page makes
 * its project the active one (once per visit) instead of sending a second scope per request:
 * a shared link or a reload then opens the same project everywhere. Until the switch lands the
 * page renders nothing project-scoped, so no section shows the previous project's rows.
 */
export function useOpenProject(projectId: string) {
  const me = useMe();
  const { mutate, error } = useSelectProject();
  const asked = useRef<string | null>(null);
  const activeId = me.data?.activeProjectId ?? null;
  const needsSwitch = me.isSuccess && activeId !== projectId;

  useEffect(() => {
    if (!needsSwitch || asked.current === projectId) return;
    asked.current = projectId;
    mutate({ id: projectId });
  }, [needsSwitch, projectId, mutate]);

  return {
    ready: me.isSuccess && activeId === projectId,
    error,
    retry: () => mutate({ id: projectId }),
  };
}
