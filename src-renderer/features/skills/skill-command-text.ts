import type { Skill } from '../../../src-preload/contract.js';

/**
 * What choosing a skill as a quick action types: its slash command, with an empty value for each
 * input ("/weekly_report period=\"\"") for the user to complete, or the bare command when it has
 * no inputs (sent at once).
 */
export function skillCommandText(skill: Skill): { text: string; mode: 'prefill' | 'send' } {
  if (skill.inputs.length === 0) return { text: skill.command, mode: 'send' };
  return { text: `${skill.command} ${skill.inputs.map((input) => `${input.name}=""`).join(' ')}`, mode: 'prefill' };
}
