/**
 * The scripted model behind the agent-work e2e test (STEWARD_PROVIDER=scripted:<file>): quick
 * file actions that wait for approval, a plan whose Manager first asks a question, and a
 * three-step plan slow enough to watch its progress bar move.
 */
import { writeFileSync } from 'node:fs';
import type { ScriptInput } from '../../../src-main/core/llm/scripted-provider.js';

/** What each quick action proposes to write (files.create, set to "ask" by the test). */
export const NOTES = {
  approved: { path: 'notes/approved.md', content: 'Approved by the user' },
  rejected: { path: 'notes/rejected.md', content: 'This must never be written' },
  draft: { path: 'notes/draft.md', content: 'Original text from the agent' },
} as const;

const intent = (name: string, tool: string | null = null, parameters: Record<string, unknown> | null = null) => ({
  type: 'json' as const,
  value: { intent: name, confidence: 0.95, tool, parameters, question: null },
});

const plan = (title: string, steps: string[], stepSeconds: number) => ({
  type: 'json' as const,
  value: {
    question: null,
    title,
    summary: `${steps.length} steps`,
    steps: steps.map((step) => ({ title: step, tool: null, instructions: step, expectedOutput: `${step} done`, expectedFiles: [], estimateSeconds: stepSeconds })),
  },
  delayMs: 400,
});

export function agentWorkScript(): ScriptInput {
  return {
    rules: [
      { match: { role: 'intent', lastUser: 'approved note' }, response: intent('simple_action', 'files.create', { ...NOTES.approved }) },
      { match: { role: 'intent', lastUser: 'rejected note' }, response: intent('simple_action', 'files.create', { ...NOTES.rejected }) },
      { match: { role: 'intent', lastUser: 'draft note' }, response: intent('simple_action', 'files.create', { ...NOTES.draft }) },
      { match: { role: 'intent', lastUser: 'city guide|progress report' }, response: intent('complex_task') },
      { match: { role: 'intent' }, response: intent('conversation') },
      // The Manager asks once before planning the guide; the answer ("Lisbon") comes back in its next prompt.
      { match: { role: 'manager', lastUser: 'Lisbon' }, response: plan('Lisbon city guide', ['Write the Lisbon guide'], 5) },
      {
        match: { role: 'manager', lastUser: 'city guide' },
        response: { type: 'json', value: { question: 'Which city is the guide for?', title: '', summary: '', steps: [] }, delayMs: 300 },
        times: 1,
      },
      { match: { role: 'manager', lastUser: 'progress report' }, response: plan('Quarterly progress report', ['Gather the numbers', 'Write the report', 'Check the figures'], 40) },
      { match: { role: 'employee' }, response: { type: 'text', text: 'Step finished: the work is written up.', delayMs: 1800 } },
      { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['complete'], feedback: null, question: null }, delayMs: 900 } },
    ],
    fallback: { type: 'text', text: 'Sure — happy to help.' },
  };
}

export function writeAgentWorkScript(file: string): void {
  writeFileSync(file, JSON.stringify(agentWorkScript()));
}
