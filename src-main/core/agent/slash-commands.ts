import { toStewardError } from '../errors.js';
import { PERSON_WORKFLOW_NOTE } from '../people/chat-person.js';
import type { AgentControl } from './agent-control.js';
import type { AgentNeeds } from './agent-deps.js';
import { runExtensionCommand } from '../skills/extension-commands.js';
import type { SkillToolLimit } from '../skills/skill-tool-limit.js';

type Needs = AgentNeeds<'db' | 'extensions' | 'tasks' | 'workflows'>;

export const AGENT_COMMANDS_HELP = [
  'Commands:',
  '  /tools                         the installed tools, their permission and setup',
  '  /tasks                         tasks still running or waiting',
  '  /cancel <task id>              cancel a task',
  '  /approve <id> [conversation|always] [code]   approve a pending action (optionally remember it; a payment over the two-factor threshold needs the 6-digit code)',
  '  (ids can be shortened to their first 6 or more characters)',
  '  /reject <id>                   reject a pending action',
  '  /answer <question id> <text>   answer one of several open questions',
  '  /remember <fact>  /forget <fact>   business memory',
  '  /schedule <when> <what>        e.g. /schedule every Monday at 9 send the weekly report (then /schedule yes)',
  '  /skills                        your skills; run one with /<skill name> input="…"; an MCP prompt with /<server>.<prompt>',
  '  /skill save <name> [description]   save the last finished task of this conversation as a skill',
  '  /workflow [<id> name="value" …]   list the workflows, or start one with its inputs (also as a schedule’s request)',
].join('\n');

export type SlashResult = { kind: 'reply'; text: string } | { kind: 'answer'; clarificationId: string; text: string } | { kind: 'request'; text: string; skill?: SkillToolLimit };

/**
 * Slash commands typed in the chat. They are the user's own input, parsed by code — never by the
 * model — so /approve here is as trustworthy as the Approve button. Returns null for text that is
 * not one of these commands.
 */
export async function runSlashCommand(control: AgentControl, deps: Needs, input: { text: string; conversationId: string; personId?: string | null }): Promise<SlashResult | null> {
  const reply = (text: string): SlashResult => ({ kind: 'reply', text });
  // What the user added — skills, MCP servers' prompts, /schedule — is looked up first (skill names cannot take built-in ones).
  const extended = await runExtensionCommand(deps, input);
  if (extended) return extended;
  const match = /^\s*\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(input.text);
  if (!match) return null;
  const command = match[1]!.toLowerCase();
  const rest = (match[2] ?? '').trim();
  const [first = '', ...others] = rest.split(/\s+/);
  try {
    switch (command) {
      case 'help':
        return reply(AGENT_COMMANDS_HELP);
      case 'workflow':
        if (input.personId) return reply(PERSON_WORKFLOW_NOTE);
        return reply(deps.workflows.command(rest, input.conversationId));
      case 'tools': {
        const tools = await control.listTools();
        if (tools.length === 0) return reply('No tools are installed.');
        return reply(
          tools.map((t) => `- ${t.name} [${t.sideEffect}, ${t.permission}]${t.configured ? '' : ` — not set up: ${t.configurationProblem ?? 'needs setup'}`}`).join('\n'),
        );
      }
      case 'tasks': {
        const tasks = deps.tasks.active();
        if (tasks.length === 0) return reply('No tasks are running or waiting.');
        return reply(tasks.map((t) => `- ${t.id} · ${t.status} · step ${t.step}/${t.totalSteps} · ${t.title}`).join('\n'));
      }
      case 'cancel': {
        if (!first) return reply('Usage: /cancel <task id> (see /tasks)');
        const task = await control.cancelTask(resolveId(first, deps.tasks.active().map((t) => t.id)));
        return reply(`Task “${task.title}” is now ${task.status}.`);
      }
      case 'approve':
      case 'reject': {
        if (!first) return reply(`Usage: /${command} <approval id>`);
        const remember = others.find((word): word is 'conversation' | 'always' => word === 'conversation' || word === 'always');
        // A used authenticator code is worthless (replay-protected), so it may sit in the chat history.
        const code = others.find((word) => /^\d{6}$/.test(word));
        // A signed-in person decides only the cards of their own chats, as with the buttons.
        const id = resolveId(first, control.listApprovals({ status: 'pending', limit: 500 }, input.personId).map((a) => a.id));
        const result = await control.respondApproval(
          { id, decision: command === 'approve' ? 'approve' : 'reject', ...(command === 'approve' && remember ? { remember } : {}), ...(command === 'approve' && code ? { code } : {}) },
          'chat',
          input.personId,
        );
        if (!result.applied) return reply(result.notice ?? 'Nothing changed.');
        return reply(`${command === 'approve' ? 'Approved' : 'Rejected'}: ${result.approval.summary}${result.notice ? `\n${result.notice}` : ''}`);
      }
      case 'answer': {
        const text = others.join(' ').trim();
        if (!first || !text) return reply('Usage: /answer <question id> <your answer>');
        return { kind: 'answer', clarificationId: resolveId(first, control.listClarifications({ conversationId: input.conversationId, status: 'pending' }).map((c) => c.id)), text };
      }
      case 'remember':
      case 'forget':
        // Memory commands: handled next by the memory command path.
        return null;
      default:
        // A typo'd command must not reach the model as a request.
        return reply(`Unknown command /${command}.\n${AGENT_COMMANDS_HELP}`);
    }
  } catch (err) {
    return reply(toStewardError(err).userMessage);
  }
}

/** Ids are long: a unique prefix of at least 6 characters of an open item is enough in the chat. */
export function resolveId(given: string, open: readonly string[]): string {
  if (given.length < 6 || open.includes(given)) return given;
  const matches = open.filter((id) => id.startsWith(given));
  return matches.length === 1 ? matches[0]! : given;
}
