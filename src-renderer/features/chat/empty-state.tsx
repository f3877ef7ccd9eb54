import { useStores } from '../../app/stores-context.js';
import { InfoIcon, StewardMark } from '../../ui/icons.js';
import { SuggestedAutomations } from '../quick-actions/suggested-automations.js';
import { DemoPanel } from '../demo/demo-panel.js';
import { useAssistantReady } from './use-assistant-ready.js';

/** Things people ask an AI employee for; a click puts the text in the box, ready to edit. */
const SUGGESTIONS = [
  'Draft a friendly follow-up email to a client who hasn’t paid their invoice',
  'Plan next week: meetings, deadlines and what to prepare',
  'Write a short job post for a part-time bookkeeper',
  'Summarise what’s still open from my last conversations',
];

export function EmptyState({ conversationId }: { conversationId: string | null }) {
  const { composer } = useStores();
  const noModel = !useAssistantReady();
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <StewardMark size={48} />
      <h2 id="empty-state-title">Start a conversation</h2>
      <p className="empty-state__lead">
        Ask Steward to write, plan, look things up or get work done for you. It asks before anything leaves your computer or costs money.
      </p>
      {noModel && (
        <div className="setup-hint" role="note" aria-label="No model installed">
          <InfoIcon size={16} />
          <span>
            <strong>No model installed — download the recommended one.</strong> Open the <a href="#/models">Models dashboard</a> and pick the recommended model,
            or run <code>npm run models</code>. You can also connect a cloud model under <a href="#/models">Models › Cloud providers</a>. Your messages are saved meanwhile, and Steward answers once a model
            is ready.
          </span>
        </div>
      )}
      <DemoPanel conversationId={conversationId} />
      <ul className="suggestions" aria-label="Suggestions">
        {SUGGESTIONS.map((text) => (
          <li key={text}>
            <button type="button" className="suggestion" onClick={() => composer.getState().prefill(conversationId, text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
      <SuggestedAutomations conversationId={conversationId} />
    </section>
  );
}
