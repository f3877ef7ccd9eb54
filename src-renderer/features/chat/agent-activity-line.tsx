import type { AgentActivity } from '../../state/messages-store.js';
import { AGENT_LABELS } from './agent-badge.js';
import { TypingDots } from './message-item.js';

/** The latest agent.status of the conversation, e.g. "Manager · Planning the steps…". */
export function AgentActivityLine({ activity }: { activity: AgentActivity }) {
  return (
    <div className={`agent-activity agent-activity--${activity.role}`} role="status">
      <TypingDots label={`${AGENT_LABELS[activity.role]} is working`} />
      <span className="agent-activity__who">{AGENT_LABELS[activity.role]}</span>
      <span className="agent-activity__text">{activity.text}</span>
    </div>
  );
}
