/**
 * Slash commands that come from what the user added: a skill (/weekly_report period="May"), an
 * MCP server's prompt (/everything.args_prompt city=Lisbon) and /schedule. Parsed by code like
 * every slash command; a skill or prompt becomes the user's request, exactly as if typed.
 */
import type { AgentNeeds } from '../agent/agent-deps.js';
import { toStewardError } from '../errors.js';
import { parseSkillArgs } from './skill-service.js';
import type { SkillToolLimit } from './skill-tool-limit.js';

/** A request from a skill carries the skill's tool limit, which the task enforces on every call. */
export type ExtensionResult = { kind: 'reply'; text: string } | { kind: 'request'; text: string; skill?: SkillToolLimit };

/** The database (for the conversation's last finished task) and what the user added beside the agent. */
type Needs = AgentNeeds<'db' | 'extensions'>;

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function runExtensionCommand(deps: Needs, input: { text: string; conversationId: string }): Promise<ExtensionResult | null> {
  const match = /^\s*\/([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)?)(?:\s+([\s\S]*))?$/.exec(input.text);
  if (!match) return null;
  const command = match[1]!;
  const rest = (match[2] ?? '').trim();
  try {
    const { skills: skillService, mcp } = deps.extensions;
    if (command === 'schedule') return scheduleCommand(deps, input.conversationId, rest);
    if (command === 'skill') return saveSkillCommand(deps, input.conversationId, rest);
    if (command === 'skills') {
      const skills = skillService?.list() ?? [];
      return { kind: 'reply', text: skills.length === 0 ? 'No skills yet. Save one from a finished task or under Skills.' : skills.map((s) => `- ${s.command} — ${s.description}${s.inputs.length ? ` (${s.inputs.map((i) => `${i.name}="…"`).join(' ')})` : ''}`).join('\n') };
    }
    const skill = skillService?.store.find(command);
    if (skill) {
      const { renderSkill } = await import('./skill-store.js');
      return { kind: 'request', text: renderSkill(skill, parseSkillArgs(rest)), skill: { skill: skill.name, allowedTools: skill.allowedTools } };
    }
    const prompt = command.includes('.') ? mcp?.findPrompt(command) : null;
    if (prompt && mcp) return { kind: 'request', text: await mcp.getPrompt(prompt.server, prompt.prompt, parseSkillArgs(rest)) };
    return null;
  } catch (err) {
    return { kind: 'reply', text: toStewardError(err).userMessage };
  }
}

/** "/skill save weekly_report [description]": the last finished task of this conversation becomes a skill. */
function saveSkillCommand(deps: Needs, conversationId: string, rest: string): ExtensionResult {
  const skills = deps.extensions.skills;
  const m = /^save\s+(\S+)(?:\s+([\s\S]+))?$/i.exec(rest);
  if (!skills || !m) return { kind: 'reply', text: 'Usage: /skill save <name> [description] — saves the last finished task of this conversation as a skill you can run as /<name>.' };
  const task = deps.db.raw.prepare("SELECT id FROM tasks WHERE conversation_id = ? AND status = 'succeeded' ORDER BY updated_at DESC LIMIT 1").get(conversationId) as { id: string } | undefined;
  if (!task) return { kind: 'reply', text: 'This conversation has no finished task to save yet. Ask Steward to do something first, then save it.' };
  const skill = skills.saveFromTask({ taskId: task.id, name: m[1]!.toLowerCase(), description: m[2] });
  return { kind: 'reply', text: `Saved the skill ${skill.command}: “${skill.prompt}”${skill.allowedTools.length ? ` (tools: ${skill.allowedTools.join(', ')})` : ''}. Run it any time with ${skill.command}; edit or share it under Skills.` };
}

function scheduleCommand(deps: Needs, conversationId: string, rest: string): ExtensionResult {
  const schedules = deps.extensions.schedules;
  if (!schedules) return { kind: 'reply', text: 'Scheduled tasks are not available right now.' };
  const pending = deps.extensions.scheduleProposals;
  if (!rest) return { kind: 'reply', text: 'Usage: /schedule every Monday at 9 send the weekly report — then /schedule yes to save it. The Schedules view lists, pauses and edits them.' };
  if (/^(yes|confirm|save)$/i.test(rest)) {
    const proposal = pending.get(conversationId);
    if (!proposal) return { kind: 'reply', text: 'There is no schedule waiting to be saved in this conversation. Start with /schedule <when> <what>.' };
    pending.delete(conversationId);
    const saved = schedules.service.create({ title: proposal.title, request: proposal.request, cron: proposal.cron, runAt: proposal.runAt, timeZone: proposal.timeZone });
    return { kind: 'reply', text: `Saved: “${saved.title}” — ${saved.words}. Next run: ${saved.nextRunAt}. Pause, edit or delete it under Schedules.` };
  }
  const proposal = schedules.service.propose(rest, localTimeZone());
  pending.set(conversationId, proposal);
  return {
    kind: 'reply',
    text: `I would run “${proposal.request}” ${proposal.words.charAt(0).toLowerCase()}${proposal.words.slice(1)}.\nNext runs: ${proposal.nextRuns.join(', ')}.\nType /schedule yes to save it.`,
  };
}
