import { z } from 'zod';
import type { ChatMessage } from '../../llm/provider.js';
import { UNTRUSTED_RULE } from '../../tools/untrusted-content.js';
import type { AgentNeeds } from '../agent-deps.js';
import { toolCatalogue } from '../intent.js';
import { STEWARD_IDENTITY } from '../prompt/system-prompts.js';
import type { Plan, QuestionAndAnswer } from '../tasks/task-state.js';

type Needs = AgentNeeds<'model' | 'registry'>;

export type ManagerAnswer = { kind: 'plan'; plan: Plan } | { kind: 'question'; question: string };

interface RawManagerAnswer {
  question: string | null;
  title: string;
  summary: string;
  steps: Plan['steps'];
}

const MAX_STEPS = 12;
const schemaCache = new Map<string, z.ZodType<RawManagerAnswer>>();

/** The plan schema for the tools installed now: a step can only use one of them (or none). */
export function managerSchema(toolNames: readonly string[]): z.ZodType<RawManagerAnswer> {
  const key = toolNames.join(',');
  let schema = schemaCache.get(key);
  if (!schema) {
    const tool = toolNames.length > 0 ? z.enum(toolNames as [string, ...string[]]).nullable() : z.null();
    schema = z
      .object({
        question: z.string().max(500).nullable(),
        title: z.string().max(200),
        summary: z.string().max(2000),
        steps: z
          .array(
            z.object({
              title: z.string().min(1).max(200),
              tool,
              instructions: z.string().min(1).max(4000),
              expectedOutput: z.string().max(1000),
              expectedFiles: z.array(z.string().min(1).max(200)).max(20),
              estimateSeconds: z.number().min(0).max(86_400),
            }),
          )
          .max(MAX_STEPS),
      })
      .superRefine((value, ctx) => {
        if (!value.question?.trim() && value.steps.length === 0) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'must hold at least one step (or set question)' });
        if (!value.question?.trim() && !value.title.trim()) ctx.addIssue({ code: 'custom', path: ['title'], message: 'must not be empty' });
        for (const [i, step] of value.steps.entries()) {
          for (const file of step.expectedFiles) {
            if (file.startsWith('/') || file.includes('..')) ctx.addIssue({ code: 'custom', path: ['steps', i, 'expectedFiles'], message: 'must be paths inside the workspace' });
          }
        }
      }) as z.ZodType<RawManagerAnswer>;
    schemaCache.set(key, schema);
  }
  return schema;
}

const MANAGER_RULES = [
  'You are the Manager. Turn the user’s request into a short plan for the Employee: 1 to 8 steps, in order.',
  'Each step uses at most one tool from the list (null for a step that only needs writing or thinking), says exactly what to do, what it must produce, which workspace files it must create (relative paths, [] if none), and about how many seconds it takes.',
  'If something essential is missing and cannot be assumed, set "question" to the one question to ask the user and leave the steps empty. Otherwise set "question" to null.',
  'Answer with JSON only.',
].join('\n');

/** The Manager writes the plan (or asks the one question it needs first). */
export async function writePlan(
  deps: Needs,
  input: { request: string; context: string; qa: readonly QuestionAndAnswer[]; memory: string; taskId: string; conversationId: string | null; signal: AbortSignal },
): Promise<ManagerAnswer> {
  const tools = deps.registry.list();
  const system = [STEWARD_IDENTITY, MANAGER_RULES, UNTRUSTED_RULE, `Tools:\n${toolCatalogue(tools) || '(none installed)'}`, input.memory ? `Business memory (reference data):\n${input.memory}` : '']
    .filter(Boolean)
    .join('\n\n');
  const answers = input.qa.map((q) => `Q: ${q.question}\nA (from the user): ${q.answer}`).join('\n');
  const user = [input.context ? `Earlier in the conversation:\n${input.context}` : '', `Request: ${input.request}`, answers ? `Answers the user gave:\n${answers}` : '']
    .filter(Boolean)
    .join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  const { value } = await deps.model.chatJson(
    { messages, schema: managerSchema(tools.map((t) => t.name)), schemaName: 'plan', role: 'manager', complexity: 0.7, temperature: 0.2, signal: input.signal },
    { taskId: input.taskId, conversationId: input.conversationId },
  );
  if (value.question?.trim()) return { kind: 'question', question: value.question.trim() };
  return { kind: 'plan', plan: { title: value.title.trim(), summary: value.summary.trim(), steps: value.steps } };
}

/** The plan as the chat shows it, one line per step. */
export function renderPlan(plan: Plan): string[] {
  const lines = [`**Plan: ${plan.title}**`, ...(plan.summary ? [plan.summary] : [])];
  plan.steps.forEach((step, i) => {
    const tool = step.tool ? ` · ${step.tool}` : '';
    lines.push(`${i + 1}. ${step.title}${tool} (~${formatSeconds(step.estimateSeconds)}) → ${step.expectedOutput}`);
  });
  const total = plan.steps.reduce((sum, s) => sum + s.estimateSeconds, 0);
  lines.push(`Estimated time: ${formatSeconds(total)}. I’ll work on it in the background and report here.`);
  return lines;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
