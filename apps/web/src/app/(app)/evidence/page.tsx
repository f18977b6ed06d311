import type { Metadata } from 'next';
import { EvidenceScreen } from '@/components/evidence/evidence-screen';
import { RequireProject } from '@/components/require-project';

export const metadata: Metadata = { title: 'Evidence' };

export default function EvidencePage() {
  return (
    <RequireProject title="Evidence">
      <EvidenceScreen />
    </RequireProject>
  );
}
