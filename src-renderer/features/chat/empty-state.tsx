import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { InfoIcon, StewardMark } from '../../ui/icons.js';

/** Things people ask an AI employee for; a click puts the text in the box, ready to edit. */
const SUGGESTIONS = [
  'Draft a friendly follow-up email to a client who hasn’t paid their invoice',
  'Plan next week: meetings, deadlines and what to prepare',
  'Write a short job post for a part-time bookkeeper',
  'Summarise what’s still open from my last conversations',
];

export function EmptyState({ conversationId }: { conversationId: string | null }) {
  const { composer, app } = useStores();
  const assistant = useStore(app, (s) => s.info?.assistant);
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <StewardMark size={48} />
      <h2 id="empty-state-title">Start a conversation</h2>
      <p className="empty-state__lead">
        Ask Steward to write, plan, look things up or get work done for you. It asks before anything leaves your computer or costs money.
      </p>
      <ul className="suggestions" aria-label="Suggestions">
        {SUGGESTIONS.map((text) => (
          <li key={text}>
            <button type="button" className="suggestion" onClick={() => composer.getState().setDraft(conversationId, text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
      {assistant && !assistant.configured && (
        <p className="setup-hint">
          <InfoIcon size={16} />
          <span>
            <strong>No assistant is configured yet.</strong> Your messages are saved, and Steward will answer once you install a local model (
            <code>npm run models</code>) or connect a cloud model in Settings.
          </span>
        </p>
      )}
    </section>
  );
}
