import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import './read-only-conversation.css';

/**
 * In place of the composer when the owner opens a conversation another person's chat started: the
 * server refuses the owner's messages there (they would be written in that person's name), so
 * there is no message box to type into, only how to write as them. Stopping a reply being written
 * stays the owner's to do (the server allows it), so Stop is kept.
 */
export function ReadOnlyConversationNote({ conversationId, personName }: { conversationId: string; personName: string }) {
  const { messages } = useStores();
  const busy = useStore(messages, (s) => s.activity[conversationId] !== undefined || (s.threads[conversationId]?.messages.some((m) => m.status === 'streaming') ?? false));
  return (
    <div className="read-only-conversation" role="note" aria-label="Read only" data-read-only-conversation>
      <p>
        This is <strong>{personName}</strong>’s conversation, so you can read it here but not write in it. Sign in as {personName} to write here: the profile
        button at the bottom of the navigation rail › Switch profile, with the password set for them in Settings › People.
      </p>
      {busy && (
        <button type="button" className="button button--small" aria-label="Stop generating" onClick={() => void messages.getState().stop(conversationId)}>
          Stop
        </button>
      )}
    </div>
  );
}
