/**
 * SLOT for the approvals/tasks feature: `AgentActivity({ conversationId })` from
 * features/tasks (approval cards, clarifications, progress) renders here, at the end of the
 * thread above the composer. Until that component exists this renders nothing; wiring it is one
 * line: `import { AgentActivity } from '../tasks/agent-activity.js'` and return
 * `<AgentActivity conversationId={conversationId} />`.
 */
export function AgentActivitySlot({ conversationId }: { conversationId: string | null }) {
  void conversationId;
  return null;
}
