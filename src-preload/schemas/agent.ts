import { z } from 'zod';
import { AgentRoleSchema, IdSchema } from './entities.js';
import { ApprovalSchema } from './events.js';

/**
 * Payloads of the agent's requests: approvals, clarifications, task cancel and tool permissions.
 * The user's decisions enter the core only through these (DESIGN §4.1: the model proposes, code
 * disposes) — nothing a model or a document writes can reach them.
 */

export const PermissionModeSchema = z.enum(['always', 'ask', 'never']);
export type PermissionModeValue = z.infer<typeof PermissionModeSchema>;

export const SideEffectSchema = z.enum(['none', 'local', 'external', 'financial']);

export const ApprovalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'modified', 'expired']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

/** An approval request with its resolution, as listed in the approvals panel. */
export const ApprovalRecordSchema = ApprovalSchema.extend({
  status: ApprovalStatusSchema,
  /** The arguments that ran (differs from `args` when the user modified them). */
  finalArgs: z.record(z.string(), z.unknown()).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

export const ApprovalsListInputSchema = z
  .object({
    status: z.enum(['pending', 'resolved', 'all']).optional(),
    conversationId: IdSchema.optional(),
    taskId: IdSchema.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export const ApprovalsListOutputSchema = z.array(ApprovalRecordSchema);

export const ApprovalDecisionSchema = z.enum(['approve', 'reject', 'modify']);

export const ApprovalsRespondInputSchema = z
  .object({
    id: IdSchema,
    decision: ApprovalDecisionSchema,
    /** The edited arguments, for decision "modify" only; validated against the tool's own schema. */
    args: z.record(z.string(), z.unknown()).optional(),
    /** Also allow later calls with the same scope: in this conversation, or always. Never for financial tools. */
    remember: z.enum(['conversation', 'always']).optional(),
    /** The current code from the user's authenticator app, when the approval requires two-factor. */
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app')
      .optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.decision === 'modify' && !input.args) ctx.addIssue({ code: 'custom', path: ['args'], message: 'is required when the decision is "modify"' });
    if (input.decision !== 'modify' && input.args) ctx.addIssue({ code: 'custom', path: ['args'], message: 'is only allowed with the decision "modify"' });
    if (input.decision === 'reject' && input.remember) ctx.addIssue({ code: 'custom', path: ['remember'], message: 'cannot be used with "reject"' });
  });

export const ApprovalsRespondOutputSchema = z.object({
  /** False when the approval was already resolved or had expired: nothing changed. */
  applied: z.boolean(),
  approval: ApprovalRecordSchema,
  /** Why nothing changed, in words for the user; null when applied. */
  notice: z.string().nullable(),
});

export const ClarificationStatusSchema = z.enum(['pending', 'answered', 'cancelled']);

export const ClarificationSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema,
  taskId: IdSchema.nullable(),
  role: AgentRoleSchema,
  question: z.string(),
  status: ClarificationStatusSchema,
  answer: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type Clarification = z.infer<typeof ClarificationSchema>;

export const ClarificationsListInputSchema = z
  .object({ conversationId: IdSchema.optional(), status: z.enum(['pending', 'all']).optional() })
  .strict();
export const ClarificationsListOutputSchema = z.array(ClarificationSchema);

export const ClarificationsAnswerInputSchema = z
  .object({
    id: IdSchema,
    text: z
      .string()
      .refine((t) => t.trim().length > 0, 'is empty — type an answer first')
      .refine((t) => t.length <= 20_000, 'is too long (max 20,000 characters)'),
  })
  .strict();
export const ClarificationsAnswerOutputSchema = z.object({
  applied: z.boolean(),
  clarification: ClarificationSchema,
  notice: z.string().nullable(),
});

export const TasksCancelInputSchema = z.object({ id: IdSchema }).strict();

export const ToolInfoSchema = z.object({
  name: z.string(),
  /** Written for the model; people see `title` and `userDescription`. */
  description: z.string(),
  /** The tool's name for people ("Create a file"). */
  title: z.string(),
  /** One line for people about what it does. */
  userDescription: z.string(),
  sideEffect: SideEffectSchema,
  permission: PermissionModeSchema,
  defaultPermission: PermissionModeSchema,
  /** False for financial tools: they always ask (DESIGN §4.1). */
  canAlwaysAllow: z.boolean(),
  idempotent: z.boolean(),
  configured: z.boolean(),
  /** What to do to make the tool usable, when it is not configured. */
  configurationProblem: z.string().nullable(),
  /** JSON Schema of the tool's arguments. */
  parameters: z.record(z.string(), z.unknown()),
  /** Active remembered approvals for this tool. */
  grants: z.number().int().nonnegative(),
});
export type ToolInfo = z.infer<typeof ToolInfoSchema>;

export const ToolsListInputSchema = z.object({}).strict();
export const ToolsListOutputSchema = z.array(ToolInfoSchema);

export const ToolsSetPermissionInputSchema = z
  .object({ tool: z.string().min(1, 'must name a tool').max(64), mode: PermissionModeSchema })
  .strict();
