import { describe, expect, it } from 'vitest';
import { intentSchema, normaliseIntent } from '../../../src-main/core/agent/intent.js';
import { managerSchema } from '../../../src-main/core/agent/roles/manager.js';
import { ApprovalsRespondInputSchema, ClarificationsAnswerInputSchema, ToolsSetPermissionInputSchema } from '../../../src-preload/schemas/agent.js';

describe('model output schemas', () => {
  it('an intent can only name an installed tool; what a grammar cannot enforce is normalised in code', () => {
    const schema = intentSchema(['write_note', 'send_message']);
    expect(schema.safeParse({ intent: 'simple_action', confidence: 0.9, tool: 'write_note', parameters: {}, question: null }).success).toBe(true);
    expect(schema.safeParse({ intent: 'simple_action', confidence: 0.9, tool: 'delete_everything', parameters: {}, question: null }).success).toBe(false);
    expect(schema.safeParse({ intent: 'shout', confidence: 0.9, tool: null, parameters: null, question: null }).success).toBe(false);
    expect(normaliseIntent({ intent: 'simple_action', confidence: 0.9, tool: null, parameters: {}, question: null })).toMatchObject({ intent: 'conversation' });
    expect(normaliseIntent({ intent: 'clarification', confidence: 0.9, tool: null, parameters: null, question: ' ' }).question).toBe('Could you tell me a bit more about what you need?');
    expect(normaliseIntent({ intent: 'question', confidence: 7, tool: null, parameters: null, question: null }).confidence).toBe(1);
    expect(normaliseIntent({ intent: 'simple_action', confidence: -1, tool: 'write_note', parameters: {}, question: null }).confidence).toBe(0);
  });

  it('a plan step can only use an installed tool and only files inside the workspace', () => {
    const schema = managerSchema(['write_note']);
    const step = { title: 's', tool: 'write_note', instructions: 'i', expectedOutput: 'o', expectedFiles: ['a.txt'], estimateSeconds: 5 };
    expect(schema.safeParse({ question: null, title: 'T', summary: '', steps: [step] }).success).toBe(true);
    expect(schema.safeParse({ question: null, title: 'T', summary: '', steps: [{ ...step, tool: 'rm_rf' }] }).success).toBe(false);
    expect(schema.safeParse({ question: null, title: 'T', summary: '', steps: [{ ...step, expectedFiles: ['../../etc/passwd'] }] }).success).toBe(false);
    expect(schema.safeParse({ question: null, title: 'T', summary: '', steps: [] }).success).toBe(false);
    expect(schema.safeParse({ question: 'Which city?', title: '', summary: '', steps: [] }).success).toBe(true);
  });
});

describe('contract payloads of the agent methods', () => {
  it('approvals.respond: modify needs args, other decisions must not carry them', () => {
    expect(ApprovalsRespondInputSchema.safeParse({ id: 'a', decision: 'modify' }).success).toBe(false);
    expect(ApprovalsRespondInputSchema.safeParse({ id: 'a', decision: 'approve', args: {} }).success).toBe(false);
    expect(ApprovalsRespondInputSchema.safeParse({ id: 'a', decision: 'reject', remember: 'always' }).success).toBe(false);
    expect(ApprovalsRespondInputSchema.safeParse({ id: 'a', decision: 'modify', args: { to: 'x' }, remember: 'conversation' }).success).toBe(true);
  });

  it('clarifications.answer refuses an empty answer; tools.setPermission only knows the three modes', () => {
    expect(ClarificationsAnswerInputSchema.safeParse({ id: 'c', text: '  ' }).error?.issues[0]?.message).toContain('empty');
    expect(ToolsSetPermissionInputSchema.safeParse({ tool: 'x', mode: 'sometimes' }).success).toBe(false);
  });
});
