import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { BoltIcon } from '../../ui/icons.js';
import { suggestedAutomations } from './quick-actions.js';
import './quick-actions.css';

/** Workflows Steward learned from past work, offered as "run it again" buttons. */
export function SuggestedAutomations({ conversationId }: { conversationId: string | null }) {
  const { workflows, composer } = useStores();
  const list = useStore(workflows, (s) => s.workflows);
  const suggestions = useMemo(() => suggestedAutomations(list), [list]);
  if (suggestions.length === 0) return null;
  return (
    <section className="automations" aria-labelledby="automations-title">
      <h3 id="automations-title">Suggested automations</h3>
      <ul>
        {suggestions.map((s) => (
          <li key={s.id}>
            <button type="button" className="automation" onClick={() => composer.getState().prefill(conversationId, s.text)}>
              <BoltIcon size={15} />
              <span className="automation__text">
                <strong>{s.label}</strong>
                <span>{s.detail}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
