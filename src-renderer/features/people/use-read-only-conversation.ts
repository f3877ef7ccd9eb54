import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { personSignedIn } from '../sign-in/person-session.js';

/**
 * The name of the person whose conversation this is, when the owner has it open: the server
 * refuses the owner's messages, edits and regenerations there, so the chat offers none of them.
 * Null for the owner's own conversations and in a window where a person signed in (they see only theirs).
 */
export function useReadOnlyConversationOwner(conversationId: string | null): string | null {
  const { conversations } = useStores();
  const name = useStore(conversations, (s) => (conversationId ? (s.conversations.find((c) => c.id === conversationId)?.person?.name ?? null) : null));
  return name !== null && !personSignedIn() ? name : null;
}
