'use client';

import { useQuery } from '@tanstack/react-query';
import { SkeletonRows } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import { ForecastPanelSlot } from './forecast-panel-slot';
import { HealthDecomposition } from './health-decomposition';
import { HealthTrend } from './health-trend';
import { ProjectHeader } from './project-header';
import { SignalTimeline } from './signal-timeline';
import { useOpenProject } from './use-open-project';

function ProjectSections({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions());
  const scores = useQuery(trpc.kag.scores.queryOptions());
  const project = projects.data?.projects.find((p) => p.id === projectId);
  const items = scores.data?.items ?? [];
  const health = items.find((s) => s.scoreType === 'health');

  return (
    <>
      <ProjectHeader project={project} scores={items} />
      {scores.isError ? (
        <ErrorState error={scores.error} onRetry={() => void scores.refetch()} />
      ) : scores.isPending ? (
        <SkeletonRows label="Loading the scores" />
      ) : (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <HealthDecomposition health={health} />
          <div className="flex min-w-0 flex-col gap-6">
            <HealthTrend />
            <ForecastPanelSlot projectId={projectId} />
          </div>
          <div className="xl:col-span-2">
            <SignalTimeline />
          </div>
        </div>
      )}
    </>
  );
}

/**
 * One project: how it stands, why, how it got here. Live through the shell's event stream:
 * `kag.refreshed` and job events make the kag queries stale (lib/event-invalidation.ts).
 */
export function ProjectScreen({ projectId }: { projectId: string }) {
  const open = useOpenProject(projectId);
  if (open.error)
    return <ErrorState title="This project could not be opened" error={open.error} onRetry={open.retry} />;
  if (!open.ready) return <SkeletonRows label="Opening the project" />;
  return <ProjectSections projectId={projectId} />;
}
