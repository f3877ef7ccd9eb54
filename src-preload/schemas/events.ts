import { z } from 'zod';
import { AgentRoleSchema, ConversationSchema, IdSchema, MessageSchema, TaskSchema } from './entities.js';
import { SettingsSchema } from './settings.js';
import { LlmStatusSchema } from './llm.js';
import { ModelDownloadEventSchema } from './models.js';
import { MemoryChangedEventSchema, MemoryQuestionEventSchema } from './memory.js';

/**
 * The one event stream every host forwards (IPC, WebSocket, CLI). Events are emitted only after
 * the state they describe has been committed to the database (DESIGN §4.3).
 */
export const ApprovalSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema.nullable(),
  taskId: IdSchema.nullable(),
  tool: z.string(),
  summary: z.string(),
  args: z.record(z.string(), z.unknown()),
  risk: z.enum(['none', 'local', 'external', 'financial']),
  costEstimateUsd: z.number().nullable(),
  /** Where the proposal came from: the user's own words, or untrusted content in context. */
  provenance: z.object({ source: z.enum(['user', 'untrusted']), detail: z.string().nullable() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** A financial action at or above the two-factor threshold: approving needs the authenticator code. */
  twoFactorRequired: z.boolean(),
  /** For a payment: what moves, to or from whom, why, and what of the payment limits is left. */
  payment: z
    .object({
      amount: z.string(),
      currency: z.string(),
      payee: z.string(),
      purpose: z.string(),
      amountUsd: z.number(),
      dailyLeftUsd: z.number(),
      monthlyLeftUsd: z.number(),
      paymentsLeftToday: z.number(),
    })
    .nullable()
    .optional(),
  /** What cannot be undone once it runs ("Stripe keeps its processing fee"); shown before approving. */
  cannotUndo: z.string().nullable().optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const StewardEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.created'), message: MessageSchema }),
  z.object({ type: z.literal('message.delta'), conversationId: IdSchema, messageId: IdSchema, delta: z.string() }),
  z.object({ type: z.literal('message.completed'), message: MessageSchema }),
  z.object({ type: z.literal('conversation.updated'), conversation: ConversationSchema }),
  z.object({ type: z.literal('conversation.deleted'), conversationId: IdSchema }),
  /** A regenerate or an edit moved these messages aside (messages.replaced lists them). */
  z.object({ type: z.literal('messages.replaced'), conversationId: IdSchema, messageIds: z.array(IdSchema) }),
  z.object({
    type: z.literal('agent.status'),
    conversationId: IdSchema,
    taskId: IdSchema.nullable(),
    role: AgentRoleSchema,
    text: z.string(),
  }),
  z.object({ type: z.literal('task.updated'), task: TaskSchema }),
  z.object({
    type: z.literal('task.progress'),
    taskId: IdSchema,
    step: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    label: z.string(),
    etaSeconds: z.number().nonnegative().nullable(),
  }),
  z.object({ type: z.literal('approval.requested'), approval: ApprovalSchema }),
  z.object({
    type: z.literal('approval.resolved'),
    approvalId: IdSchema,
    outcome: z.enum(['approved', 'rejected', 'modified', 'expired']),
    decidedBy: z.string(),
  }),
  z.object({
    type: z.literal('clarification.requested'),
    id: IdSchema,
    conversationId: IdSchema,
    taskId: IdSchema.nullable(),
    role: AgentRoleSchema,
    question: z.string(),
  }),
  /** A question was answered (here or from another window) or withdrawn with its task. */
  z.object({
    type: z.literal('clarification.resolved'),
    id: IdSchema,
    conversationId: IdSchema,
    taskId: IdSchema.nullable(),
    status: z.enum(['answered', 'cancelled']),
    answer: z.string().nullable(),
  }),
  z.object({
    type: z.literal('cost.updated'),
    sessionUsd: z.number().nonnegative(),
    todayUsd: z.number().nonnegative(),
    dailyBudgetUsd: z.number().nonnegative(),
  }),
  z.object({
    type: z.literal('notification'),
    level: z.enum(['info', 'success', 'warning', 'error']),
    title: z.string(),
    body: z.string(),
  }),
  z.object({ type: z.literal('settings.changed'), settings: SettingsSchema }),
  /** The model layer changed state (a model set up or loaded, the local API started or stopped, the worker crashed): what llm.status now says. */
  z.object({ type: z.literal('llm.status'), status: LlmStatusSchema }),
  ModelDownloadEventSchema,
  MemoryQuestionEventSchema,
  MemoryChangedEventSchema,
]);

export type StewardEvent = z.infer<typeof StewardEventSchema>;
export type StewardEventType = StewardEvent['type'];
