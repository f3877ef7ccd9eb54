import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Artifact } from '../../tools/tool.js';
import { UNTRUSTED_RULE, wrapUntrusted } from '../../tools/untrusted-content.js';
import type { AgentNeeds } from '../agent-deps.js';
import { excerpt } from '../prompt/token-estimate.js';
import type { PlanStep } from '../tasks/task-state.js';

type Needs = AgentNeeds<'model'>;

export interface StepCallSummary {
  tool: string;
  status: 'succeeded' | 'invalid';
  summary: string;
  artifacts: Artifact[];
}

export interface StepWork {
  /** The Employee's report; null when it ran out of rounds without one. */
  output: string | null;
  calls: StepCallSummary[];
}

export const ReviewSchema = z.object({
  verdict: z.enum(['pass', 'revise', 'fail']),
  reasons: z.array(z.string().max(500)).max(10),
  /** What to change, for "revise". */
  feedback: z.string().max(2000).nullable(),
  /** A question only the user can answer, when the review depends on it. */
  question: z.string().max(500).nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;

/**
 * Checks that need no model, run first: the step's tool really ran, every expected file exists
 * and is not empty, JSON files parse, and reported artifacts exist. Any problem is a "revise"
 * with the problems as feedback.
 */
export function deterministicChecks(step: PlanStep, work: StepWork, workspaceDir: string): string[] {
  const problems: string[] = [];
  if (work.output === null) problems.push('The step did not finish: no report was written after the tool calls.');
  if (step.tool && !work.calls.some((c) => c.tool === step.tool && c.status === 'succeeded')) {
    problems.push(`The step must use the tool "${step.tool}", but no call of it succeeded.`);
  }
  for (const file of step.expectedFiles) {
    const full = path.resolve(workspaceDir, file);
    if (!full.startsWith(path.resolve(workspaceDir) + path.sep)) {
      problems.push(`Expected file "${file}" is outside the workspace.`);
      continue;
    }
    let size = -1;
    try {
      size = statSync(full).isFile() ? statSync(full).size : -1;
    } catch {
      size = -1;
    }
    if (size < 0) problems.push(`Expected file "${file}" was not created.`);
    else if (size === 0) problems.push(`Expected file "${file}" is empty.`);
    else if (file.toLowerCase().endsWith('.json')) {
      try {
        JSON.parse(readFileSync(full, 'utf8'));
      } catch {
        problems.push(`Expected file "${file}" is not valid JSON.`);
      }
    }
  }
  for (const artifact of work.calls.flatMap((c) => c.artifacts)) {
    const full = path.isAbsolute(artifact.path) ? artifact.path : path.resolve(workspaceDir, artifact.path);
    try {
      statSync(full);
    } catch {
      problems.push(`The tool reported "${artifact.title}" at ${artifact.path}, but that file does not exist.`);
    }
  }
  return problems;
}

const SUPERVISOR_RULES = [
  'You are the Supervisor. Review one step the Employee just did against what the step had to produce.',
  'verdict "pass" when the expected output is there; "revise" with concrete feedback when another attempt can fix it; "fail" when the step cannot be done.',
  'Give short reasons. Set question only if the verdict depends on something only the user knows. Answer with JSON only.',
].join('\n');

export async function reviewStep(
  deps: Needs,
  input: { request: string; step: PlanStep; index: number; total: number; work: StepWork; taskId: string; conversationId: string | null; signal: AbortSignal },
): Promise<Review> {
  const calls = input.work.calls.map((c) => `- ${c.tool}: ${c.status === 'succeeded' ? c.summary : 'invalid arguments'}`).join('\n') || '(no tool calls)';
  const report = wrapUntrusted(excerpt(input.work.output ?? '', 1500), { kind: 'report', detail: 'Employee report (written after reading tool results)' });
  const user = [
    `Request: ${input.request}`,
    `Step ${input.index + 1}/${input.total}: ${input.step.title}`,
    `Instructions: ${input.step.instructions}`,
    `Expected output: ${input.step.expectedOutput}`,
    input.step.expectedFiles.length ? `Expected files (all present): ${input.step.expectedFiles.join(', ')}` : '',
    `Tool calls:\n${wrapUntrusted(calls, { kind: 'tool', detail: 'summaries of this step’s tool calls' })}`,
    `Employee report:\n${report}`,
  ]
    .filter(Boolean)
    .join('\n');
  const { value } = await deps.model.chatJson(
    {
      messages: [
        { role: 'system', content: `${SUPERVISOR_RULES}\n\n${UNTRUSTED_RULE}` },
        { role: 'user', content: user },
      ],
      schema: ReviewSchema,
      schemaName: 'review',
      role: 'supervisor',
      temperature: 0,
      maxTokens: 500,
      signal: input.signal,
    },
    { taskId: input.taskId, conversationId: input.conversationId },
  );
  return value;
}
