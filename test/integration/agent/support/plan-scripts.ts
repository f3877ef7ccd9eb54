import type { ScriptRule } from '../../../../src-main/core/llm/scripted-provider.js';
import { intentResponse } from './agent-harness.js';

export interface TestStep {
  title: string;
  tool: string | null;
  expectedFiles?: string[];
  estimateSeconds?: number;
}

export function planValue(title: string, steps: TestStep[]) {
  return {
    question: null,
    title,
    summary: `Plan for ${title}`,
    steps: steps.map((s) => ({
      title: s.title,
      tool: s.tool,
      instructions: `Do: ${s.title}`,
      expectedOutput: `${s.title} done`,
      expectedFiles: s.expectedFiles ?? [],
      estimateSeconds: s.estimateSeconds ?? 20,
    })),
  };
}

export const complexIntent: ScriptRule = { match: { role: 'intent' }, response: intentResponse('complex_task', { confidence: 0.9 }) };
export const planRule = (title: string, steps: TestStep[]): ScriptRule => ({ match: { role: 'manager' }, response: { type: 'json', value: planValue(title, steps) } });
export const passReview: ScriptRule = { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['looks right'], feedback: null, question: null } } };

/** One Employee model turn, used once, in order. */
export const employeeCalls = (name: string, args: Record<string, unknown>): ScriptRule => ({
  match: { role: 'employee', call: 'chat' },
  response: { type: 'toolCalls', toolCalls: [{ name, arguments: args }] },
  times: 1,
});
export const employeeSays = (text: string): ScriptRule => ({ match: { role: 'employee', call: 'chat' }, response: { type: 'text', text }, times: 1 });

/**
 * A one-step offer-letter plan whose first draft the Supervisor sends back once ("no start date",
 * with this feedback) and whose second draft passes: the "Iteration 2/3" path.
 */
export function offerLetterRevisedOnce(feedback: string): ScriptRule[] {
  return [
    complexIntent,
    planRule('Offer letter', [{ title: 'Draft the offer letter', tool: 'write_note', expectedFiles: ['offer.txt'] }]),
    employeeCalls('write_note', { path: 'offer.txt', text: 'We offer you the job.' }),
    employeeSays('Drafted offer.txt.'),
    employeeCalls('write_note', { path: 'offer.txt', text: 'We offer you the job, starting 1 May.' }),
    employeeSays('Added the start date.'),
    { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'revise', reasons: ['no start date'], feedback, question: null } }, times: 1 },
    passReview,
  ];
}
