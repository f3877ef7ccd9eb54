/**
 * The typed API between every host (Electron IPC, local server, CLI) and the core.
 * Adding a capability = one entry here + one handler in src-main/core/api/handlers.
 * The renderer imports only types from this module; hosts and core import the schemas.
 */
import { z } from 'zod';
import { METHOD_NAMES, type MethodName } from './channels.js';
import { Empty, spec, type MethodSpec } from './schemas/method-spec.js';
import {
  AppInfoSchema,
  AuditEntrySchema,
  AuditVerificationSchema,
  ConversationSchema,
  IdSchema,
  KeychainStatusSchema,
  MessageSchema,
  TaskSchema,
  TaskStatusSchema,
} from './schemas/entities.js';
import { SettingsPatchSchema, SettingsSchema } from './schemas/settings.js';
import type { StewardEvent } from './schemas/events.js';
import { ModelMethodSchemas } from './schemas/models.js';
import { ModelHubMethodSchemas } from './schemas/model-hub.js';
import { CloudProviderMethodSchemas } from './schemas/cloud-providers.js';
import { MEMORY_METHODS } from './schemas/memory.js';
import { ARTIFACT_METHODS } from './schemas/artifacts.js';
import { INTEGRATIONS_METHODS } from './schemas/integrations-api.js';
import { PAYMENTS_METHODS } from './schemas/payments.js';
import { TWO_FACTOR_METHODS } from './schemas/two-factor.js';
import { MCP_METHODS } from './schemas/mcp.js';
import { SCHEDULE_METHODS } from './schemas/schedules.js';
import { SKILL_METHODS } from './schemas/skills.js';
import { DEMO_METHODS } from './schemas/demo.js';
import { CHAT_CONTROL_METHODS } from './schemas/chat-controls.js';
import { ATTACHMENT_METHODS } from './schemas/attachments.js';
import { PEOPLE_METHODS } from './schemas/people.js';
import { WORKFLOW_METHODS } from './schemas/workflows.js';
import { FILES_METHODS } from './schemas/files.js';
import { KNOWLEDGE_METHODS } from './schemas/knowledge.js';
import {
  ApprovalsListInputSchema,
  ApprovalsListOutputSchema,
  ApprovalsRespondInputSchema,
  ApprovalsRespondOutputSchema,
  ClarificationsAnswerInputSchema,
  ClarificationsAnswerOutputSchema,
  ClarificationsListInputSchema,
  ClarificationsListOutputSchema,
  TasksCancelInputSchema,
  ToolInfoSchema,
  ToolsListInputSchema,
  ToolsListOutputSchema,
  ToolsSetPermissionInputSchema,
} from './schemas/agent.js';
import { LlmStatusSchema, LocalApiKeySchema, RouterStatsInputSchema, RouterStatsSchema, SetCloudKeyInputSchema } from './schemas/llm.js';

export * from './schemas/entities.js';
export * from './schemas/settings.js';
export * from './schemas/events.js';
export * from './schemas/models.js';
export * from './schemas/model-hub.js';
export * from './schemas/cloud-providers.js';
export * from './schemas/llm.js';
export * from './schemas/integrations.js';
export * from './schemas/memory.js';
export * from './schemas/agent.js';
export * from './schemas/mcp.js';
export * from './schemas/schedules.js';
export * from './schemas/skills.js';
export * from './schemas/demo.js';
export * from './schemas/chat-controls.js';
export * from './schemas/attachments.js';
export * from './schemas/people.js';
export * from './schemas/workflows.js';
export * from './schemas/files.js';
export * from './schemas/knowledge.js';
export * from './schemas/method-spec.js';
export * from './schemas/artifacts.js';
export * from './schemas/integrations-api.js';
export * from './schemas/payments.js';
export * from './schemas/payments-settings.js';
export * from './schemas/two-factor.js';
export * from './schemas/google-settings.js';
export * from './schemas/twilio-settings.js';
export * from './schemas/safe-url.js';
export * from './schemas/bamboohr-settings.js';
export * from './schemas/database-settings.js';
// schedules.ts exports a looser TimeZoneSchema under the same name; import the strict one from time-zone.ts itself.
export { isIanaTimeZone, ClockTimeSchema, clockMinutes } from './schemas/time-zone.js';
export { METHOD_NAMES, methodChannel, EVENT_CHANNEL, type MethodName } from './channels.js';

/** Longest chat message we accept; larger input is rejected with a clear reason, never truncated silently. */
export const MAX_MESSAGE_CHARS = 100_000;

export const methods = {
  'app.info': spec(Empty, AppInfoSchema),
  'conversations.list': spec(
    z
      .object({
        query: z.string().max(200).optional(),
        /** Page size (default 200): newest first. */
        limit: z.number().int().min(1).max(1000).optional(),
        /** Id of the last conversation of the previous page; the next page starts after it. */
        before: IdSchema.optional(),
        /** Only pinned (true) or only unpinned (false) conversations. */
        pinned: z.boolean().optional(),
      })
      .strict(),
    z.array(ConversationSchema),
  ),
  'conversations.create': spec(z.object({ title: z.string().trim().max(200).optional() }).strict(), ConversationSchema, true),
  'conversations.rename': spec(
    z.object({ id: IdSchema, title: z.string().trim().min(1, 'must not be empty').max(200, 'is too long (max 200 characters)') }).strict(),
    ConversationSchema,
    true,
  ),
  'conversations.delete': spec(z.object({ id: IdSchema }).strict(), z.object({ deleted: z.boolean() }), true),
  'messages.list': spec(
    z
      .object({
        conversationId: IdSchema,
        limit: z.number().int().min(1).max(1000).optional(),
        /** Id of the oldest message already loaded: returns the messages just before it. */
        beforeId: IdSchema.optional(),
      })
      .strict(),
    z.array(MessageSchema),
  ),
  'chat.send': spec(
    z
      .object({
        conversationId: IdSchema.optional(),
        text: z
          .string()
          .refine((t) => t.trim().length > 0, 'is empty — type a message first')
          .refine((t) => t.length <= MAX_MESSAGE_CHARS, `is too long (max ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters) — attach it as a file instead`),
      })
      .strict(),
    z.object({ conversationId: IdSchema, message: MessageSchema }),
    true,
  ),
  /** Stops the reply being written in a conversation; what was written so far is kept. */
  'chat.stop': spec(z.object({ conversationId: IdSchema }).strict(), z.object({ stopped: z.boolean() }), true),
  'tasks.list': spec(z.object({ status: TaskStatusSchema.optional(), conversationId: IdSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(), z.array(TaskSchema)),
  'tasks.get': spec(z.object({ id: IdSchema }).strict(), TaskSchema),
  'settings.get': spec(Empty, SettingsSchema),
  'settings.update': spec(z.object({ patch: SettingsPatchSchema }).strict(), SettingsSchema, true),
  'audit.list': spec(
    z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().positive().optional() }).strict(),
    z.array(AuditEntrySchema),
  ),
  'audit.verify': spec(Empty, AuditVerificationSchema),
  'secrets.status': spec(Empty, KeychainStatusSchema),
  'models.catalog': spec(ModelMethodSchemas['models.catalog'].input, ModelMethodSchemas['models.catalog'].output),
  'models.list': spec(ModelMethodSchemas['models.list'].input, ModelMethodSchemas['models.list'].output),
  'models.recommend': spec(ModelMethodSchemas['models.recommend'].input, ModelMethodSchemas['models.recommend'].output),
  'models.pull': spec(ModelMethodSchemas['models.pull'].input, ModelMethodSchemas['models.pull'].output, true),
  'models.cancel': spec(ModelMethodSchemas['models.cancel'].input, ModelMethodSchemas['models.cancel'].output, true),
  'models.import': spec(ModelMethodSchemas['models.import'].input, ModelMethodSchemas['models.import'].output, true),
  'models.delete': spec(ModelMethodSchemas['models.delete'].input, ModelMethodSchemas['models.delete'].output, true),
  'models.setDefault': spec(ModelMethodSchemas['models.setDefault'].input, ModelMethodSchemas['models.setDefault'].output, true),
  /** Hugging Face's GGUF repositories matching a search, most downloaded first. */
  'models.hubSearch': spec(ModelHubMethodSchemas['models.hubSearch'].input, ModelHubMethodSchemas['models.hubSearch'].output),
  /** One repository's GGUF files with size, quantisation, fit and estimated speed on this computer. */
  'models.hubFiles': spec(ModelHubMethodSchemas['models.hubFiles'].input, ModelHubMethodSchemas['models.hubFiles'].output),
  /** Downloads one of them (progress as model.download events), checked against the size and SHA-256 the repository lists. */
  'models.hubPull': spec(ModelHubMethodSchemas['models.hubPull'].input, ModelHubMethodSchemas['models.hubPull'].output, true),
  /** OpenAI-compatible providers side by side: presets, the configured ones (keys in the keychain), their models, a test, and which one answers as the cloud model. */
  'cloudProviders.list': spec(CloudProviderMethodSchemas['cloudProviders.list'].input, CloudProviderMethodSchemas['cloudProviders.list'].output),
  'cloudProviders.save': spec(CloudProviderMethodSchemas['cloudProviders.save'].input, CloudProviderMethodSchemas['cloudProviders.save'].output, true),
  'cloudProviders.remove': spec(CloudProviderMethodSchemas['cloudProviders.remove'].input, CloudProviderMethodSchemas['cloudProviders.remove'].output, true),
  'cloudProviders.models': spec(CloudProviderMethodSchemas['cloudProviders.models'].input, CloudProviderMethodSchemas['cloudProviders.models'].output),
  'cloudProviders.test': spec(CloudProviderMethodSchemas['cloudProviders.test'].input, CloudProviderMethodSchemas['cloudProviders.test'].output),
  'cloudProviders.use': spec(CloudProviderMethodSchemas['cloudProviders.use'].input, CloudProviderMethodSchemas['cloudProviders.use'].output, true),
  'llm.status': spec(Empty, LlmStatusSchema),
  'llm.setCloudKey': spec(SetCloudKeyInputSchema, z.object({ stored: z.boolean() }), true),
  /** The local API's key, shown (masked until asked) where the API is switched on, for the user to copy into another program. */
  'llm.localApiKey': spec(Empty, LocalApiKeySchema),
  /** A new local API key; the old one stops working at once. */
  'llm.regenerateLocalApiKey': spec(Empty, LocalApiKeySchema, true),
  'router.stats': spec(RouterStatsInputSchema, RouterStatsSchema),
  ...MEMORY_METHODS,
  'approvals.list': spec(ApprovalsListInputSchema, ApprovalsListOutputSchema),
  'approvals.respond': spec(ApprovalsRespondInputSchema, ApprovalsRespondOutputSchema, true),
  'clarifications.list': spec(ClarificationsListInputSchema, ClarificationsListOutputSchema),
  'clarifications.answer': spec(ClarificationsAnswerInputSchema, ClarificationsAnswerOutputSchema, true),
  'tasks.cancel': spec(TasksCancelInputSchema, TaskSchema, true),
  'tools.list': spec(ToolsListInputSchema, ToolsListOutputSchema),
  'tools.setPermission': spec(ToolsSetPermissionInputSchema, ToolInfoSchema, true),
  ...ARTIFACT_METHODS,
  ...INTEGRATIONS_METHODS,
  ...PAYMENTS_METHODS,
  ...TWO_FACTOR_METHODS,
  ...MCP_METHODS,
  ...SCHEDULE_METHODS,
  ...SKILL_METHODS,
  ...DEMO_METHODS,
  ...CHAT_CONTROL_METHODS,
  ...ATTACHMENT_METHODS,
  ...PEOPLE_METHODS,
  ...WORKFLOW_METHODS,
  ...FILES_METHODS,
  ...KNOWLEDGE_METHODS,
} satisfies Record<MethodName, MethodSpec<z.ZodType, z.ZodType>>;

// Compile-time guard: channels.ts and the schema map must name exactly the same methods.
type _SameMethods = [keyof typeof methods] extends [MethodName] ? ([MethodName] extends [keyof typeof methods] ? true : never) : never;
const _sameMethods: _SameMethods = true;
void _sameMethods;
void METHOD_NAMES;

export type Methods = typeof methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type EventListener = (event: StewardEvent) => void;

/** Connection state of a transport; Electron IPC is always 'open'. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What the renderer (and any script) talks to. Electron IPC, WebSocket/HTTP and direct calls implement it. */
export interface StewardApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  onEvent(listener: EventListener): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** Shape of `window.steward` exposed by the Electron preload: one function per method plus event subscription. */
export type PreloadBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<BridgeResult<MethodOutput<M>>>;
} & {
  onEvent(listener: EventListener): () => void;
};

/** IPC results carry errors as data so the user-facing message survives Electron's error serialisation. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } };
