import { UnknownToolError } from '../../tools/framework-errors.js';
import { toolTitle } from '../../tools/tool-title.js';
import { artifactLines } from './artifact-lines.js';
import { ApprovalRejectedError } from '../../tools/framework-errors.js';
import { zodIssues } from '../../validation.js';
import { originsOf, resultOriginOf } from '../../tools/provenance.js';
import { answerFromResult } from './read-answer.js';
import type { AgentNeeds } from '../agent-deps.js';
import { extractParameters, questionFromIssues } from '../roles/param-extractor.js';
import type { TaskEnd } from './task-end.js';
import type { TaskRun } from './task-run.js';

type Needs = AgentNeeds<'broker' | 'model' | 'provenance' | 'registry' | 'secrets' | 'settings'>;

/** Questions about missing arguments before giving up (the user can always restate the request). */
export const MAX_PARAMETER_QUESTIONS = 3;

/**
 * A simple action: one tool call. Arguments are validated with the tool's schema; whatever is
 * missing or wrong is asked for (the tool never runs on invalid arguments); then the call goes
 * through policy, budget and approval in the ToolRunner, and the result is told in the chat.
 */
// eslint-disable-next-line max-lines-per-function -- a simple action's steps (approval, run, report) in the order they happen; not split yet (issue 13)
export async function runAction(deps: Needs, run: TaskRun): Promise<TaskEnd> {
  const action = run.state.action;
  if (!action) throw new Error('action task without an action');
  const tool = deps.registry.find(action.tool);
  if (!tool) {
    const message = new UnknownToolError(action.tool).userMessage;
    run.channel.say(message, { agent: 'employee' });
    return { status: 'failed', summary: message };
  }
  const configured = await deps.registry.configured(tool, { secrets: deps.secrets, settings: deps.settings.get() });
  if (!configured.ok) {
    const message = `I can’t use ${tool.name} yet: ${configured.reason}`;
    run.channel.say(message, { agent: 'employee' });
    return { status: 'failed', summary: message };
  }

  const slot = {
    get pending() {
      return run.state.pending;
    },
    save: (pending: typeof run.state.pending) => {
      run.state.pending = pending;
      run.saveState();
    },
  };
  let modelQuestion: string | null = null;
  for (;;) {
    const parsed = tool.parameters.safeParse(action.params);
    if (parsed.success) break;
    const issues = zodIssues(parsed.error);
    if (!action.extracted && !run.state.pending) {
      run.status('employee', `Working out the details for ${tool.name}`);
      const extraction = await extractParameters(deps, { tool, request: run.state.request, current: action.params, qa: run.state.qa, issues, taskId: run.taskId, conversationId: run.conversationId, signal: run.signal });
      action.params = { ...action.params, ...extraction.parameters };
      action.extracted = true;
      modelQuestion = extraction.question;
      run.saveState();
      continue;
    }
    if (action.rounds >= MAX_PARAMETER_QUESTIONS && !run.state.pending) {
      const message = `I still don’t have valid details for ${tool.name} (${issues.map((i) => `${i.path || 'arguments'}: ${i.message}`).join('; ')}), so nothing was run. Please ask again with all the details in one message.`;
      run.channel.say(message, { agent: 'employee' });
      return { status: 'failed', summary: message };
    }
    const key = `action.q${action.rounds}`;
    const question = modelQuestion?.trim() || questionFromIssues(tool, issues);
    const asked = run.state.pending?.key === key ? (deps.broker.find(run.state.pending.clarificationId)?.question ?? question) : question;
    const answer = await run.askUser('employee', asked, key, slot);
    run.state.qa.push({ question: asked, answer });
    action.rounds += 1;
    run.saveState();
    const extraction = await extractParameters(deps, { tool, request: run.state.request, current: action.params, qa: run.state.qa, issues, taskId: run.taskId, conversationId: run.conversationId, signal: run.signal });
    action.params = { ...action.params, ...extraction.parameters };
    action.extracted = true;
    modelQuestion = extraction.question;
    run.saveState();
  }

  // Said before the call: if it needs approval, the card says so; the status names the action, not the tool id.
  run.status('employee', toolTitle(tool));
  const outcome = await run.callTool({ callKey: 'action', tool: tool.name, args: action.params, provenance: run.state.provenance, actor: 'agent' }, 'interactive');
  switch (outcome.status) {
    case 'succeeded': {
      const parsed = tool.parameters.safeParse(outcome.call.args);
      const origin = resultOriginOf(tool, parsed.success ? parsed.data : outcome.call.args, outcome.result.output);
      // A read answers the request from what it read; anything else reports what it did.
      const answer = tool.sideEffect === 'none' && origin ? await answerFromResult(deps, run, { result: outcome.result, origin }) : null;
      const files = artifactLines(outcome.result.artifacts, run.workspaceDir);
      const text = answer ?? [`Done: ${outcome.result.summary}`, ...(files.length ? ['Files:', ...files] : [])].join('\n');
      const message = run.channel.say(text, { agent: 'employee' });
      // Written from the result: later prompts see it as data from that item, with its origin.
      deps.provenance.markOrigins(message.id, [...originsOf(run.state.provenance), ...(origin ? [origin] : [])]);
      return { status: 'succeeded', summary: outcome.result.summary };
    }
    case 'rejected': {
      run.channel.say(`Not done: ${outcome.error.userMessage}`, { agent: 'employee' });
      return { status: outcome.error instanceof ApprovalRejectedError ? 'cancelled' : 'failed', summary: outcome.error.userMessage };
    }
    case 'invalid':
    case 'failed': {
      run.channel.say(`That didn’t work: ${outcome.error.userMessage}`, { agent: 'employee' });
      return { status: 'failed', summary: outcome.error.userMessage };
    }
    case 'interrupted': {
      const message = `Steward stopped while “${tool.name}” was running, so it may or may not have happened. It was not run again: check, then ask again if it is still needed.`;
      run.channel.say(message, { agent: 'employee', role: 'system' });
      return { status: 'interrupted', summary: message };
    }
  }
}
