import type { Metadata } from 'next';
import { ConversationsScreen } from '@/components/conversations/conversations-screen';
import { RequireProject } from '@/components/require-project';

export const metadata: Metadata = { title: 'Conversations' };

export default function ConversationsPage() {
  return (
    <RequireProject title="Conversations">
      <ConversationsScreen />
    </RequireProject>
  );
}
