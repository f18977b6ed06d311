import { router } from '../../trpc.ts';
import { contactsProcedure } from './contacts.ts';
import { conversationsProcedure } from './conversations.ts';
import { messagesProcedure } from './messages.ts';

export const dataRouter = router({
  contacts: contactsProcedure,
  conversations: conversationsProcedure,
  messages: messagesProcedure,
});
