import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import type { AgentControl } from './agent-control.js';

/**
 * Which agent serves a core, for the request handlers (HandlerDeps has no agent yet). A core
 * without one answers agent requests with a clear "not running" error.
 */
const agents = new WeakMap<Core, AgentControl>();

export function registerAgent(core: Core, agent: AgentControl): () => void {
  agents.set(core, agent);
  return () => {
    if (agents.get(core) === agent) agents.delete(core);
  };
}

export class AgentNotRunningError extends StewardError {
  constructor() {
    super('conflict', 'The assistant is not running, so there are no approvals, questions or tools to manage. Set up a model on the Models screen and restart Steward.');
  }
}

export function agentFor(core: Core): AgentControl {
  const agent = agents.get(core);
  if (!agent) throw new AgentNotRunningError();
  return agent;
}
