import type { Metadata } from 'next';
import { ConnectorsScreen } from '@/components/connectors/connectors-screen';
import { RequireProject } from '@/components/require-project';

export const metadata: Metadata = { title: 'Connectors' };

export default function ConnectorsPage() {
  return (
    <RequireProject title="Connectors">
      <ConnectorsScreen />
    </RequireProject>
  );
}
