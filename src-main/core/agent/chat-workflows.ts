import type { Core } from '../core-types.js';
import type { LlmProvider } from '../llm/provider.js';
import { workflowsOf, type ExtensionServices } from './extension-services.js';
import { runWorkflowCommand } from '../workflows/workflow-command.js';
import { continueWorkflowInputs, startConfirmedWorkflow, workflowFromSentence, type ChatWorkflow, type PendingWorkflowStart } from '../workflows/workflow-from-chat.js';

/**
 * What the chat does with workflows: "/workflow …", a sentence that starts one, its inputs asked
 * for, the run started on the user's yes. createAgent binds these to the workflows installed in the
 * agent's extensions (and the core's people), so the agent's parts are given this and not the core.
 */
export interface ChatWorkflows {
  /** "/workflow" lists them; "/workflow <id> name="value" …" starts one. */
  command(rest: string, conversationId: string): string;
  /** The workflow a sentence asks for (its trigger words), with the inputs the model read from it; null when none does. */
  fromSentence(sentence: string, signal?: AbortSignal): Promise<ChatWorkflow | null>;
  continueInputs(pending: PendingWorkflowStart, answer: string, signal?: AbortSignal): Promise<ChatWorkflow>;
  startConfirmed(pending: PendingWorkflowStart): string;
}

export function chatWorkflows(core: Core, provider: LlmProvider, extensions: ExtensionServices): ChatWorkflows {
  return {
    command: (rest, conversationId) => runWorkflowCommand(core, extensions.workflows, rest, conversationId),
    fromSentence: (sentence, signal) => workflowFromSentence(extensions.workflows, provider, sentence, signal),
    continueInputs: (pending, answer, signal) => continueWorkflowInputs(workflowsOf(extensions), provider, pending, answer, signal),
    startConfirmed: (pending) => startConfirmedWorkflow(core, extensions.workflows, pending),
  };
}
