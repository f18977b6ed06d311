import type { Metadata } from 'next';
import { ConversationScreen } from '@/components/conversations/conversation-screen';
import { RequireProject } from '@/components/require-project';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Conversation #${id}` };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireProject title="Conversation">
      <ConversationScreen id={id} />
    </RequireProject>
  );
}
