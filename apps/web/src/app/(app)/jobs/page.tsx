import type { Metadata } from 'next';
import { RequireProject } from '@/components/require-project';
import { JobsScreen } from '@/components/jobs/jobs-screen';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <RequireProject title="Jobs">
      <JobsScreen />
    </RequireProject>
  );
}
