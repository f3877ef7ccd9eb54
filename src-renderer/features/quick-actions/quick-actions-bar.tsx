import { useStores } from '../../app/stores-context.js';
import { BoltIcon } from '../../ui/icons.js';
import { SkillQuickActions } from '../skills/skill-quick-actions.js';
import { QUICK_ACTIONS, type QuickAction } from './quick-actions.js';
import './quick-actions.css';

/** One-click starts above the composer: Send email, Create document, Check status, View logs, then the user's skills. */
export function QuickActionsBar({ conversationId }: { conversationId: string | null }) {
  const { composer } = useStores();
  const run = (action: QuickAction) => {
    if (action.mode === 'prefill') composer.getState().prefill(conversationId, action.text);
    else void composer.getState().sendText(conversationId, action.text);
  };
  return (
    <div className="quick-actions" role="toolbar" aria-label="Quick actions">
      {QUICK_ACTIONS.map((action) => (
        <button key={action.id} type="button" className="pill-button quick-action" title={action.hint} onClick={() => run(action)}>
          {action.mode === 'send' && <BoltIcon size={13} />}
          {action.label}
        </button>
      ))}
      <SkillQuickActions onPick={(text, mode) => (mode === 'prefill' ? composer.getState().prefill(conversationId, text) : void composer.getState().sendText(conversationId, text))} />
    </div>
  );
}
