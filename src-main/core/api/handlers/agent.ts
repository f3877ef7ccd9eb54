/**
 * Request handlers of the agent's contract methods. They are keyed by method name so the lead can
 * spread them into the handler table once the methods are in channels.ts / contract.ts:
 *   export const handlers: HandlerTable = { ...existing, ...agentHandlers };
 * Each finds the core's agent through agentFor(core) (a clear error when none is running).
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
import { agentFor } from '../../agent/agent-registry.js';
import type { CallContext } from '../../core-types.js';
import type { HandlerDeps } from '../handlers.js';

/** The agent handlers need only the core (they reach the agent through it). */
type Deps = Pick<HandlerDeps, 'core'>;

const sync = <I, O>(run: (input: I, deps: Deps, context: CallContext) => O) => ({ kind: 'sync' as const, run });
const async = <I, O>(run: (input: I, deps: Deps, context: CallContext) => Promise<O>) => ({ kind: 'async' as const, run });

export const agentHandlers = {
  'approvals.list': sync((input: z.output<typeof ApprovalsListInputSchema>, { core }) => agentFor(core).listApprovals(input)),
  // Async: remembering a grant reads the tool's credentials from the keychain to fingerprint them.
  'approvals.respond': async((input: z.output<typeof ApprovalsRespondInputSchema>, { core }, context) => agentFor(core).respondApproval(input, context.actor)),
  'clarifications.list': sync((input: z.output<typeof ClarificationsListInputSchema>, { core }) => agentFor(core).listClarifications(input)),
  'clarifications.answer': async((input: z.output<typeof ClarificationsAnswerInputSchema>, { core }, context) => agentFor(core).answerClarification(input.id, input.text, context.actor)),
  'tasks.cancel': async((input: z.output<typeof TasksCancelInputSchema>, { core }) => agentFor(core).cancelTask(input.id)),
  'tools.list': async((_input: Record<string, never>, { core }) => agentFor(core).listTools()),
  'tools.setPermission': async((input: z.output<typeof ToolsSetPermissionInputSchema>, { core }) => agentFor(core).setToolPermission(input.tool, input.mode)),
};
