/**
 * A skill's allowed tools, enforced while its task runs. The limit is code, not a line in the
 * prompt: the task carries it in its persisted state (so a task resumed after a restart keeps
 * it), and every tool call of that task is checked before it reaches the tool runner. A model
 * that proposes any other tool — because it misread the request, or because untrusted text told
 * it to — is refused with a message naming the skill. An empty list means the skill did not limit
 * its tools (each still asks for approval as usual).
 */
import { z } from 'zod';
import { StewardError } from '../errors.js';

export const SkillToolLimitSchema = z.object({ skill: z.string(), allowedTools: z.array(z.string()) });
export type SkillToolLimit = z.infer<typeof SkillToolLimitSchema>;

export class SkillToolNotAllowedError extends StewardError {
  constructor(limit: SkillToolLimit, tool: string) {
    super(
      'unauthorized',
      `The skill “${limit.skill}” may only use ${limit.allowedTools.map((t) => `“${t}”`).join(', ')}, so “${tool}” was not run. Nothing was changed. To let it use “${tool}”, add the tool to the skill under Skills.`,
    );
  }
}

/** The refusal for a call outside the skill's tools, or null when the call may go ahead. */
export function skillRefusal(limit: SkillToolLimit | null | undefined, tool: string): SkillToolNotAllowedError | null {
  if (!limit || limit.allowedTools.length === 0 || limit.allowedTools.includes(tool)) return null;
  return new SkillToolNotAllowedError(limit, tool);
}
