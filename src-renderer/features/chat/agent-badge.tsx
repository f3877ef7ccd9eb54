import type { AgentRole } from '../../../src-preload/contract.js';
import './chat.css';

export const AGENT_LABELS: Record<AgentRole, string> = { manager: 'Manager', supervisor: 'Supervisor', employee: 'Employee' };
/** What each agent is doing when it speaks, for the activity line and tooltips. */
export const AGENT_DUTIES: Record<AgentRole, string> = { manager: 'plans the work', supervisor: 'reviews the work', employee: 'does the work' };

/** Coloured name tag of an agent: Manager blue, Supervisor orange, Employee green. */
export function AgentBadge({ role }: { role: AgentRole }) {
  return (
    <span className={`agent-badge agent-badge--${role}`} title={`${AGENT_LABELS[role]} — ${AGENT_DUTIES[role]}`}>
      {AGENT_LABELS[role]}
    </span>
  );
}

/** Round avatar for whoever speaks on the left side of the thread. */
export function SpeakerAvatar({ role }: { role: AgentRole | 'steward' | 'system' }) {
  const letter = role === 'steward' ? 'S' : role === 'system' ? 'i' : AGENT_LABELS[role].charAt(0);
  return (
    <span className={`avatar avatar--${role}`} aria-hidden="true">
      {letter}
    </span>
  );
}
