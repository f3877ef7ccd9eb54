/**
 * Request handlers of the agent's contract methods. They reach the running agent through
 * HandlerDeps.agent; with none running they answer with a clear "not running" error.
 */
import type { z } from 'zod';
import type {
  ApprovalsListInputSchema,
  ApprovalsRespondInputSchema,
  ClarificationsAnswerInputSchema,
  ClarificationsListInputSchema,
  TasksCancelInputSchema,
  ToolsSetPermissionInputSchema,
} from '../../../../src-preload/schemas/agent.js';
import type { AgentControl } from '../../agent/agent-control.js';
import { StewardError } from '../../errors.js';
import { actingPersonId } from '../../people/acting-person.js';
import { handlersUsing } from '../handler.js';

const { sync, async } = handlersUsing<'agent' | 'core'>();

export class AgentNotRunningError extends StewardError {
  constructor() {
    super('conflict', 'The assistant is not running, so there are no approvals, questions or tools to manage. Set up a model on the Models screen and restart Steward.');
  }
}

function running(agent: AgentControl | null): AgentControl {
  if (!agent) throw new AgentNotRunningError();
  return agent;
}

export const agentHandlers = {
  // A signed-in person sees and decides the cards of their own chats; the owner all (another's on their behalf).
  'approvals.list': sync((input: z.output<typeof ApprovalsListInputSchema>, { agent, core }, context) => running(agent).listApprovals(input, actingPersonId(core, context))),
  // Async: remembering a grant reads the tool's credentials from the keychain to fingerprint them.
  'approvals.respond': async((input: z.output<typeof ApprovalsRespondInputSchema>, { agent, core }, context) => running(agent).respondApproval(input, context.actor, actingPersonId(core, context))),
  'clarifications.list': sync((input: z.output<typeof ClarificationsListInputSchema>, { agent }) => running(agent).listClarifications(input)),
  'clarifications.answer': async((input: z.output<typeof ClarificationsAnswerInputSchema>, { agent, core }, context) =>
    running(agent).answerClarification(input.id, input.text, context.actor, actingPersonId(core, context)),
  ),
  'tasks.cancel': async((input: z.output<typeof TasksCancelInputSchema>, { agent }) => running(agent).cancelTask(input.id)),
  'tools.list': async((_input: Record<string, never>, { agent }) => running(agent).listTools()),
  'tools.setPermission': async((input: z.output<typeof ToolsSetPermissionInputSchema>, { agent }) => running(agent).setToolPermission(input.tool, input.mode)),
};
