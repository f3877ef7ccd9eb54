import type { AgentActivity } from '../../state/messages-store.js';
import { typingPhrase } from './agent-activity-text.js';
import { SpeakerAvatar } from './agent-badge.js';
import { TypingDots } from './message-item.js';

/**
 * The typing indicator under the thread: who is working and on what ("Manager is planning…",
 * then the status text), plus the iteration counter while the Supervisor sends work back.
 */
export function AgentActivityLine({ activity }: { activity: AgentActivity }) {
  const phrase = typingPhrase(activity.role, activity.text);
  const { iteration } = activity;
  return (
    <div className={`agent-activity agent-activity--${activity.role}`} role="status" aria-live="polite" data-agent={activity.role}>
      <SpeakerAvatar role={activity.role} />
      <div className="agent-activity__body">
        <span className="agent-activity__who">
          {phrase}
          <TypingDots />
        </span>
        <span className="agent-activity__text">{activity.text}</span>
      </div>
      {iteration && (
        <span className="supervisor-pill iteration-pill" title={iteration.detail ?? undefined}>
          Iteration {iteration.current}/{iteration.total}
          {iteration.detail ? `: ${iteration.detail}` : ''}
        </span>
      )}
    </div>
  );
}
