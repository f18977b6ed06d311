import type { Metadata } from 'next';
import { ProjectScreen } from '@/components/project/project-screen';

export const metadata: Metadata = { title: 'Project' };

/** The project in the URL, whichever was active before: the screen makes it the active one. */
export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectScreen projectId={id} />;
}
