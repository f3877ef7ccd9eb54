/**
 * The persisted state of a task (tasks.state_json) and of each plan step (task_steps.state_json).
 * Everything a task needs to continue after a restart lives here, validated on every load: a
 * damaged state fails the task with a clear message instead of running on guesses.
 */
import { z } from 'zod';
import { SkillToolLimitSchema } from '../../skills/skill-tool-limit.js';

const ProvenanceSchema = z.object({ source: z.enum(['user', 'untrusted']), detail: z.string().nullable() });

const QaSchema = z.object({ question: z.string(), answer: z.string() });
export type QuestionAndAnswer = z.infer<typeof QaSchema>;

export const PlanStepSchema = z.object({
  title: z.string().min(1).max(200),
  tool: z.string().nullable(),
  instructions: z.string().min(1).max(4000),
  expectedOutput: z.string().max(1000),
  /** Workspace-relative files the step must leave behind (checked before any model review). */
  expectedFiles: z.array(z.string().min(1).max(200)).max(20),
  estimateSeconds: z.number().min(0).max(86_400),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

export const PlanSchema = z.object({
  title: z.string().min(1).max(200),
  summary: z.string().max(2000),
  steps: z.array(PlanStepSchema).min(1).max(12),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A knowledge passage given to the task as [n] (knowledge/citations.ts): what its result cites and lists. */
export const TaskCitationSchema = z.object({ n: z.number().int().positive(), passageId: z.number().int().positive(), label: z.string() });

export const PendingQuestionSchema = z.object({ key: z.string(), clarificationId: z.string() });

export const TaskStateSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['action', 'plan']),
  /** The user's words that started the task (trusted). */
  request: z.string(),
  /** Conversation context the Manager planned from (recent turns, possibly wrapped untrusted text). */
  context: z.string().default(''),
  provenance: ProvenanceSchema,
  phase: z.enum(['planning', 'executing', 'done']),
  action: z
    .object({
      tool: z.string(),
      params: z.record(z.string(), z.unknown()),
      extracted: z.boolean(),
      rounds: z.number().int().min(0),
    })
    .nullable(),
  plan: PlanSchema.nullable(),
  qa: z.array(QaSchema),
  pending: PendingQuestionSchema.nullable(),
  /** Set when the turn that started the task stopped watching; later messages go to the background. */
  announced: z.boolean().default(false),
  /** The skill this task runs, whose allowed tools are the only ones its calls may use. */
  skill: SkillToolLimitSchema.nullable().default(null),
  /** The person whose chat started the task (people/); each tool call is checked against their role at the time it runs. Null: the owner. */
  personId: z.string().nullable().default(null),
  /** Knowledge passages recalled when the task was planned: the Employee is given them, numbered, and the result cites them. */
  knowledge: z.object({ passages: z.string(), citations: z.array(TaskCitationSchema) }).nullable().default(null),
  /** The passages the finished result lists under Sources (set when the task finishes). */
  sources: z.array(TaskCitationSchema).default([]),
});
export type TaskState = z.infer<typeof TaskStateSchema>;

const ToolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()) });
/** ChatMessage (llm/provider.ts) as stored in a step transcript. */
export const ChatMessageSchema = z.union([
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string(), toolCalls: z.array(ToolCallSchema).optional() }),
  z.object({ role: z.literal('tool'), content: z.string(), toolCallId: z.string(), name: z.string() }),
]);

export const ReviewRecordSchema = z.object({
  iteration: z.number().int(),
  verdict: z.enum(['pass', 'revise', 'fail']),
  reasons: z.array(z.string()),
  deterministic: z.boolean(),
});

export const StepStateSchema = z.object({
  transcript: z.array(ChatMessageSchema).default([]),
  /** Untrusted sources that entered this step's context (provenance of what it proposes). */
  taint: z.array(z.string()).default([]),
  qa: z.array(QaSchema).default([]),
  feedback: z.array(z.string()).default([]),
  output: z.string().nullable().default(null),
  reviews: z.array(ReviewRecordSchema).default([]),
  pending: PendingQuestionSchema.nullable().default(null),
  /** Iteration whose "refining" notice was already posted (so a resume does not repeat it). */
  announcedIteration: z.number().int().default(0),
});
export type StepState = z.infer<typeof StepStateSchema>;

export function newTaskState(input: Pick<TaskState, 'kind' | 'request' | 'provenance'> & Partial<Pick<TaskState, 'context' | 'action' | 'skill' | 'personId'>>): TaskState {
  return {
    version: 1,
    kind: input.kind,
    request: input.request,
    context: input.context ?? '',
    provenance: input.provenance,
    phase: input.kind === 'plan' ? 'planning' : 'executing',
    action: input.action ?? null,
    plan: null,
    qa: [],
    pending: null,
    announced: false,
    skill: input.skill ?? null,
    personId: input.personId ?? null,
    knowledge: null,
    sources: [],
  };
}
