import { z } from 'zod';
import { TASK_STATUSES, TERMINAL_TASK_STATUSES } from '../task-statuses.js';

export const IdSchema = z.string().min(1, 'must not be empty').max(64, 'is too long (max 64 characters)');
export const IsoDateSchema = z.string();

export const AgentRoleSchema = z.enum(['manager', 'supervisor', 'employee']);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

export const MessageRoleSchema = z.enum(['user', 'assistant', 'system']);

export const MessageSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema,
  role: MessageRoleSchema,
  /** Which agent spoke, for assistant messages; null for the user, system notices and plain chat. */
  agent: AgentRoleSchema.nullable(),
  text: z.string(),
  status: z.enum(['complete', 'streaming', 'error']),
  createdAt: IsoDateSchema,
  /**
   * How fast a streamed reply came, measured in the core (shown under it when Settings › Chat asks),
   * and which model answered it (`model`, with where it ran: always shown under the reply).
   */
  metrics: z
    .object({
      timeToFirstTokenMs: z.number().nonnegative(),
      tokensPerSecond: z.number().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
      model: z.string(),
      /** Where `model` ran: on this computer or at a cloud provider (absent on replies stored before it was recorded). */
      location: z.enum(['local', 'cloud']).optional(),
      /** The cloud provider's name (Models › Cloud providers), e.g. "OpenRouter"; null when it has none. */
      provider: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type Message = z.infer<typeof MessageSchema>;
export type MessageMetrics = NonNullable<Message['metrics']>;

export const ConversationSchema = z.object({
  id: IdSchema,
  title: z.string(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  messageCount: z.number().int().nonnegative(),
  lastMessagePreview: z.string().nullable(),
  /** Pinned conversations stay at the top of the sidebar. */
  pinned: z.boolean().optional(),
  /** The sidebar folder it is filed in; null when in none. */
  folder: z.string().nullable().optional(),
  /** Whose it is when a signed-in person's chat started it; absent for the owner's own. */
  person: z.object({ id: IdSchema, name: z.string() }).optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
/** The statuses a task never leaves: one list in plain data that the renderer imports as well. */
export { TERMINAL_TASK_STATUSES };

export const TaskSchema = z.object({
  id: IdSchema,
  conversationId: IdSchema.nullable(),
  title: z.string(),
  status: TaskStatusSchema,
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  summary: z.string().nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: IsoDateSchema,
  actor: z.string(),
  action: z.string(),
  args: z.unknown(),
  approver: z.string().nullable(),
  costUsd: z.number().nullable(),
  result: z.enum(['ok', 'error', 'rejected']),
  detail: z.string().nullable(),
  rollback: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  /** The first row whose content, position or link does not match the chain. */
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

export const KeychainStatusSchema = z.object({
  backend: z.enum(['keytar', 'electron-safe-storage', 'memory']),
  available: z.boolean(),
  message: z.string().nullable(),
});
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

export const AppInfoSchema = z.object({
  name: z.literal('Steward'),
  version: z.string(),
  profile: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  /** The log file (rotated beside it): where "details were written to the log" points. */
  logFile: z.string(),
  host: z.enum(['electron', 'server', 'cli', 'test']),
  keychain: KeychainStatusSchema,
  assistant: z.object({ configured: z.boolean(), description: z.string() }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
