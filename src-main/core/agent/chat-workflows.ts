import type { Core } from '../core-types.js';
import type { LlmProvider } from '../llm/provider.js';
import { runWorkflowCommand } from '../workflows/workflow-command.js';
import { continueWorkflowInputs, startConfirmedWorkflow, workflowFromSentence, type ChatWorkflow, type PendingWorkflowStart } from '../workflows/workflow-from-chat.js';

/**
 * What the chat does with workflows: "/workflow …", a sentence that starts one, its inputs asked
 * for, the run started on the user's yes. createAgent binds these to the core's workflows, so the
 * agent's parts are given this and not the core.
 */
export interface ChatWorkflows {
  /** "/workflow" lists them; "/workflow <id> name="value" …" starts one. */
  command(rest: string, conversationId: string): string;
  /** The workflow a sentence asks for (its trigger words), with the inputs the model read from it; null when none does. */
  fromSentence(sentence: string, signal?: AbortSignal): Promise<ChatWorkflow | null>;
  continueInputs(pending: PendingWorkflowStart, answer: string, signal?: AbortSignal): Promise<ChatWorkflow>;
  startConfirmed(pending: PendingWorkflowStart): string;
}

export function chatWorkflows(core: Core, provider: LlmProvider): ChatWorkflows {
  return {
    command: (rest, conversationId) => runWorkflowCommand(core, rest, conversationId),
    fromSentence: (sentence, signal) => workflowFromSentence(core, provider, sentence, signal),
    continueInputs: (pending, answer, signal) => continueWorkflowInputs(core, provider, pending, answer, signal),
    startConfirmed: (pending) => startConfirmedWorkflow(core, pending),
  };
}
