import type { ScriptRule } from '../../../../src-main/core/llm/scripted-provider.js';
import { MESSAGE_ACCOUNT } from './test-tools.js';

export const CRASH_SECRETS = { [MESSAGE_ACCOUNT]: 'messaging-key-0123456789' };

/**
 * The same two-step plan in the child (before the kill) and the parent (after it). Step 1 writes
 * a file; step 2 does the scenario's interrupted work. The child's rules stop at the kill point;
 * the parent's rules finish the job.
 */
export function crashPlanRules(scenario: string, side: 'child' | 'parent'): ScriptRule[] {
  const secondTool = scenario === 'approval' ? 'send_message' : scenario === 'clarification' ? null : 'sync_ledger';
  const plan: ScriptRule = {
    match: { role: 'manager' },
    response: {
      type: 'json',
      value: {
        question: null,
        title: 'Close March',
        summary: '',
        steps: [
          { title: 'Write the closing note', tool: 'write_note', instructions: 'write', expectedOutput: 'note', expectedFiles: ['closing.txt'], estimateSeconds: 5 },
          { title: 'Finish the books', tool: secondTool, instructions: 'finish', expectedOutput: 'done', expectedFiles: [], estimateSeconds: 5 },
        ],
      },
    },
  };
  const pass: ScriptRule = { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['ok'], feedback: null, question: null } } };
  if (side === 'child') {
    const secondCall =
      scenario === 'approval'
        ? { name: 'send_message', arguments: { to: 'accountant@example.com', body: 'March is closed' } }
        : scenario === 'clarification'
          ? { name: 'ask_user', arguments: { question: 'Which bank account should I reconcile?' } }
          : { name: 'sync_ledger', arguments: { month: '2026-03' } };
    return [
      plan,
      { match: { role: 'employee', call: 'chat', lastUser: 'Write the closing note' }, response: { type: 'toolCalls', toolCalls: [{ name: 'write_note', arguments: { path: 'closing.txt', text: 'March closed' } }] }, times: 1 },
      { match: { role: 'employee', call: 'chat', lastUser: 'Write the closing note' }, response: { type: 'text', text: 'Note written.' }, times: 1 },
      { match: { role: 'employee', call: 'chat', lastUser: 'Finish the books' }, response: { type: 'toolCalls', toolCalls: [secondCall] }, times: 1 },
      pass,
    ];
  }
  return [plan, { match: { role: 'employee', call: 'chat' }, response: { type: 'text', text: 'Books finished.' } }, pass];
}
