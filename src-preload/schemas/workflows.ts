/**
 * Workflows (the Workflows screen): the definitions there are, runs with their steps and
 * timeline, the approvals and questions routed to the person asking, and starting, answering,
 * stopping and retrying.
 */
import { z } from 'zod';
import { IdSchema } from './entities.js';
import { Empty, spec } from './method-spec.js';

export const WorkflowInputInfoSchema = z.object({ name: z.string(), type: z.enum(['string', 'number', 'date', 'email', 'boolean']), description: z.string().optional(), required: z.boolean() });

export const WorkflowInfoSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  source: z.string(),
  shipped: z.boolean(),
  inputs: z.array(WorkflowInputInfoSchema),
  triggers: z.array(z.string()),
  /** Why it cannot start now (line and reason), empty when it can. */
  problems: z.array(z.object({ line: z.number().nullable(), reason: z.string() })),
});
export type WorkflowInfo = z.infer<typeof WorkflowInfoSchema>;

const RunStatus = z.enum(['running', 'waiting', 'succeeded', 'failed', 'cancelled']);

export const WorkflowRunSummarySchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  version: z.number(),
  title: z.string(),
  status: RunStatus,
  detail: z.string().nullable(),
  startedBy: z.string().nullable(),
  startedVia: z.enum(['ui', 'chat', 'schedule', 'api']),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type WorkflowRunSummary = z.infer<typeof WorkflowRunSummarySchema>;

export const WorkflowRequestSchema = z.object({
  id: z.string(),
  runId: z.string(),
  stepId: z.string(),
  kind: z.enum(['approval', 'question']),
  text: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'answered', 'cancelled']),
  /** "Director (Priya Shah)": who it is routed to. */
  routedTo: z.string(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  answer: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  runTitle: z.string(),
});
export type WorkflowRequestInfo = z.infer<typeof WorkflowRequestSchema>;

export const WorkflowRunDetailSchema = z.object({
  run: WorkflowRunSummarySchema.extend({ inputs: z.record(z.string(), z.unknown()) }),
  steps: z.array(
    z.object({
      stepId: z.string(),
      title: z.string(),
      kind: z.enum(['tool', 'approval', 'ask', 'wait']),
      status: z.enum(['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'interrupted', 'compensated']),
      attempt: z.number(),
      summary: z.string().nullable(),
      error: z.string().nullable(),
      waitingFor: z.string().nullable(),
      decidedBy: z.string().nullable(),
      comment: z.string().nullable(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
  ),
  requests: z.array(WorkflowRequestSchema),
  timeline: z.array(z.object({ seq: z.number(), at: z.string(), stepId: z.string().nullable(), actor: z.string(), what: z.string(), comment: z.string().nullable() })),
  waitingFor: z.string().nullable(),
});
export type WorkflowRunDetail = z.infer<typeof WorkflowRunDetailSchema>;

export const WORKFLOW_METHODS = {
  'workflows.list': spec(Empty, z.array(WorkflowInfoSchema)),
  /** Checks a YAML or JSON definition and keeps it; refused with every problem's line and reason. */
  'workflows.add': spec(z.object({ text: z.string().min(1, 'is empty').max(200_000, 'is too long (max 200,000 characters)'), source: z.string().trim().min(1).max(200).default('workflow.yaml') }).strict(), WorkflowInfoSchema, true),
  'workflows.start': spec(z.object({ workflowId: z.string().min(1).max(64), inputs: z.record(z.string(), z.unknown()).default({}) }).strict(), WorkflowRunDetailSchema, true),
  'workflows.runs': spec(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), z.array(WorkflowRunSummarySchema)),
  'workflows.run': spec(z.object({ id: IdSchema }).strict(), WorkflowRunDetailSchema),
  /** Approvals and questions routed to the person asking (all open ones for the owner). */
  'workflows.inbox': spec(Empty, z.array(WorkflowRequestSchema)),
  'workflows.respond': spec(
    z.object({ requestId: IdSchema, decision: z.enum(['approve', 'reject', 'answer']), comment: z.string().max(2000).optional(), answer: z.string().max(4000).optional() }).strict(),
    WorkflowRunDetailSchema,
    true,
  ),
  'workflows.cancel': spec(z.object({ id: IdSchema }).strict(), WorkflowRunDetailSchema, true),
  'workflows.retryStep': spec(z.object({ id: IdSchema, stepId: z.string().min(1).max(64) }).strict(), WorkflowRunDetailSchema, true),
};
