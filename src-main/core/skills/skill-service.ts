/**
 * Skills for the API and the chat: save (by hand, from a finished task, from a file), share,
 * run. Running a skill sends its filled-in prompt as the user's request in a conversation, so it
 * takes the same path as anything typed: the agent, approvals, budgets and audit.
 */
import type { Skill, SkillDraft } from '../../../src-preload/schemas/skills.js';
import type { Core } from '../core-types.js';
import { StewardError } from '../errors.js';
import { SkillInvalidError } from './skill-errors.js';
import { renderSkill, SkillStore } from './skill-store.js';

export class SkillService {
  readonly store: SkillStore;

  constructor(
    private readonly core: Core,
    private readonly toolExists: (name: string) => boolean,
  ) {
    this.store = new SkillStore(core.db.raw, () => core.clock.now(), toolExists);
  }

  list(): Skill[] {
    return this.store.list();
  }

  save(draft: SkillDraft & { replace?: boolean }): Skill {
    const { replace, ...rest } = draft;
    return this.store.save(rest, 'manual', replace ?? false);
  }

  /** "Save this as a skill": the finished task's request becomes the prompt, the tools it used the allowed tools. */
  saveFromTask(input: { taskId: string; name: string; description?: string }): Skill {
    const row = this.core.db.raw.prepare('SELECT title, status, state_json FROM tasks WHERE id = ?').get(input.taskId) as { title: string; status: string; state_json: string | null } | undefined;
    if (!row) throw new StewardError('not_found', `Task "${input.taskId}" was not found. Pick a finished task from the chat or the task list.`);
    if (row.status !== 'succeeded') throw new SkillInvalidError(`Task “${row.title}” has not finished successfully (it is ${row.status}).`, 'Save a skill from a task that succeeded.');
    let request = row.title;
    try {
      const state = JSON.parse(row.state_json ?? '{}') as { request?: unknown };
      if (typeof state.request === 'string' && state.request.trim()) request = state.request;
    } catch {
      // The title is a fair prompt when the state cannot be read.
    }
    const tools = (this.core.db.raw.prepare("SELECT DISTINCT tool FROM tool_calls WHERE task_id = ? AND status = 'succeeded' ORDER BY tool").all(input.taskId) as { tool: string }[]).map((r) => r.tool);
    return this.store.save({ name: input.name, description: input.description?.trim() || row.title, prompt: request, inputs: [], allowedTools: tools.filter((t) => this.toolExists(t)) }, 'task');
  }

  /**
   * Runs a skill by sending its slash command, exactly as if typed: the chat shows what ran, the
   * agent expands it and the task keeps to the skill's tools (a regenerate runs it the same way).
   */
  run(input: { name: string; inputs: Record<string, string>; conversationId?: string }): { conversationId: string; messageId: string } {
    const skill = this.store.get(input.name);
    renderSkill(skill, input.inputs); // missing or unknown inputs: refused here, before anything is sent
    const text = [skill.command, ...Object.entries(input.inputs).map(([key, value]) => `${key}=${quoteArg(key, value)}`)].join(' ');
    const sent = this.core.conversations.send({ conversationId: input.conversationId, text });
    return { conversationId: sent.conversationId, messageId: sent.message.id };
  }
}

/** An input value as parseSkillArgs reads it back: "double" or 'single' quoted. */
function quoteArg(key: string, value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  throw new SkillInvalidError(`The input ${key} contains both " and ' quotes, which a skill command cannot carry.`, 'Remove one kind of quote and run it again.');
}

/** `name="last week" team=sales` → { name: 'last week', team: 'sales' }. */
export function parseSkillArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([a-z][a-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}
