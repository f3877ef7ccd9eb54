import { describe, expect, it } from 'vitest';
import type { Skill } from '../../../src-preload/contract.js';
import { skillCommandText } from '../../../src-renderer/features/skills/skill-command-text.js';

const skill = (name: string, inputs: Skill['inputs']): Skill => ({
  id: `id-${name}`,
  name,
  description: `${name} description`,
  prompt: 'p',
  inputs,
  allowedTools: [],
  source: 'manual',
  command: `/${name}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('skills as quick actions', () => {
  it('a skill without inputs runs at once as its slash command', () => {
    expect(skillCommandText(skill('site_check', []))).toEqual({ text: '/site_check', mode: 'send' });
  });

  it('a skill with inputs fills the box with its command and an empty value per input, for the user to complete', () => {
    const weekly = skill('weekly_report', [
      { name: 'period', description: 'which week', required: true },
      { name: 'team', description: 'who gets it', required: false },
    ]);
    expect(skillCommandText(weekly)).toEqual({ text: '/weekly_report period="" team=""', mode: 'prefill' });
  });
});
