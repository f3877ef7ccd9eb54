/**
 * The shape of a workflow definition, as written in YAML or JSON: inputs, then steps. A step does
 * one thing — calls a tool, asks a person for an approval or an answer, or waits until a date —
 * and runs once every step it comes `after` has finished (default: the step above it), so steps
 * that name the same predecessor run in parallel. `when` skips a step whose condition is false;
 * `onFailure` says what a failed step does to the run. Validated with zod at the boundary; the
 * graph checks (cycles, unknown tools, missing outputs, routing) are in workflow-loader.ts.
 */
import { z } from 'zod';

export const ROLE_NAMES = ['owner', 'director', 'manager', 'employee'] as const;
export const DEPARTMENT_NAMES = ['hr', 'finance', 'engineering', 'operations'] as const;

const identifier = z
  .string({ error: 'must be a name' })
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must start with a letter and use only letters, digits and "_" (at most 64)');

export const WorkflowInputSchema = z
  .object({
    name: identifier,
    type: z.enum(['string', 'number', 'date', 'email', 'boolean'], { error: 'must be one of string, number, date, email, boolean' }).default('string'),
    description: z.string().max(300).optional(),
    required: z.boolean().default(true),
  })
  .strict();

/** Who an approval or a question goes to: a role (optionally within a department) or a named person (email or name). */
export const RouteSchema = z.union(
  [
    z.object({ role: z.enum(ROLE_NAMES, { error: `must be one of ${ROLE_NAMES.join(', ')}` }), department: z.enum(DEPARTMENT_NAMES, { error: `must be one of ${DEPARTMENT_NAMES.join(', ')}` }).optional() }).strict(),
    z.object({ person: z.string().min(1, 'must name a person (their email or name)').max(200) }).strict(),
  ],
  { error: 'must be { role: director } (optionally with department) or { person: priya@example.com }' },
);
export type Route = z.output<typeof RouteSchema>;

const FailurePolicySchema = z
  .object({
    retry: z.number().int().min(0).max(5, 'must be at most 5 retries').default(0),
    then: z.enum(['stop', 'compensate', 'continue'], { error: 'must be stop, compensate or continue' }).default('stop'),
  })
  .strict();

const CompensationSchema = z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }).strict();

const stepCommon = {
  id: identifier,
  title: z.string().min(1).max(200).optional(),
  after: z.array(identifier).max(20).optional(),
  when: z.string().min(1).max(500).optional(),
  onFailure: FailurePolicySchema.optional(),
};

const ToolStepSchema = z.object({ ...stepCommon, tool: z.string().min(1).max(120), args: z.record(z.string(), z.unknown()).default({}), compensate: CompensationSchema.optional() }).strict();
const ApprovalStepSchema = z
  .object({ ...stepCommon, approval: z.object({ to: RouteSchema, request: z.string().min(1).max(1000) }).strict() })
  .strict();
const AskStepSchema = z
  .object({ ...stepCommon, ask: z.object({ to: RouteSchema, question: z.string().min(1).max(1000) }).strict() })
  .strict();
const WaitStepSchema = z.object({ ...stepCommon, wait: z.object({ until: z.string().min(1).max(200) }).strict() }).strict();

export const WorkflowStepSchema = z.union([ToolStepSchema, ApprovalStepSchema, AskStepSchema, WaitStepSchema], {
  error: 'must be a step with one of: tool (with args), approval (to, request), ask (to, question) or wait (until)',
});

export const WorkflowDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and "-"'),
    version: z.number({ error: 'must be a whole number' }).int().min(1),
    title: z.string().min(1).max(200),
    description: z.string().max(2000).default(''),
    /** Sentences that start this workflow from the chat ("onboard", "new hire"). */
    triggers: z.array(z.string().min(2).max(100)).max(20).default([]),
    /** Roles that may start a run (default: anyone with a profile). */
    startRoles: z.array(z.enum(ROLE_NAMES)).optional(),
    inputs: z.array(WorkflowInputSchema).max(40).default([]),
    steps: z.array(WorkflowStepSchema).min(1, 'must have at least one step').max(100),
  })
  .strict();

export type WorkflowDefinition = z.output<typeof WorkflowDefinitionSchema>;
export type WorkflowStep = z.output<typeof WorkflowStepSchema>;
export type WorkflowInput = z.output<typeof WorkflowInputSchema>;
export type StepKind = 'tool' | 'approval' | 'ask' | 'wait';

export function stepKind(step: WorkflowStep): StepKind {
  if ('tool' in step) return 'tool';
  if ('approval' in step) return 'approval';
  if ('ask' in step) return 'ask';
  return 'wait';
}

/** The steps each step waits for: its `after`, or the step written above it. */
export function predecessorsOf(definition: Pick<WorkflowDefinition, 'steps'>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  definition.steps.forEach((step, index) => {
    map.set(step.id, step.after ?? (index === 0 ? [] : [definition.steps[index - 1]!.id]));
  });
  return map;
}
