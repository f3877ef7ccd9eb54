import { z } from 'zod';
import { Empty, spec } from './method-spec.js';
import { ConversationSchema, IdSchema, MessageSchema } from './entities.js';

/**
 * Chat controls (issue 17): regenerate the last reply, edit a sent message and re-run from there,
 * a persona and sampling settings per conversation (with presets), the model that answers a
 * conversation, pinned conversations and folders, and the messages a regenerate or an edit
 * replaced (kept aside, listed on request).
 */

/** Sampling presets: what "Precise", "Balanced" and "Creative" mean in numbers. */
export const SAMPLING_PRESETS = {
  precise: { label: 'Precise', temperature: 0.2, topP: 0.8 },
  balanced: { label: 'Balanced', temperature: 0.7, topP: 0.95 },
  creative: { label: 'Creative', temperature: 1.1, topP: 1 },
} as const;
export type SamplingPresetId = keyof typeof SAMPLING_PRESETS;

export const MAX_PERSONA_CHARS = 4000;
export const MAX_REPLY_TOKENS = 32_768;

/**
 * Which model answers a conversation: the router's choice, the default local model, the cloud
 * model in use (llm.cloud), another installed local model as 'local:<model id>' (loaded on demand
 * in its place), or one configured cloud provider as 'cloud:<provider id>' (Models › Cloud
 * providers; its address, key and model, whichever provider is the app's default).
 */
export const ModelChoiceSchema = z.union(
  [
    z.enum(['auto', 'local', 'cloud']),
    z.custom<`local:${string}`>((v) => typeof v === 'string' && /^local:[^/\\]{1,200}$/.test(v)),
    // The same shape as a cloud provider's id (CloudProviderIdSchema).
    z.custom<`cloud:${string}`>((v) => typeof v === 'string' && /^cloud:[a-z0-9][a-z0-9-]{0,39}$/.test(v)),
  ],
  { error: "must be 'auto', 'local', 'cloud', 'local:<installed model id>' or 'cloud:<cloud provider id>'" },
);
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

export const ConversationSettingsSchema = z
  .object({
    /** The conversation's own instructions ("You are a terse copy editor…"), added to Steward's system prompt. */
    persona: z.string().max(MAX_PERSONA_CHARS, `is too long (max ${MAX_PERSONA_CHARS.toLocaleString('en-US')} characters)`).default(''),
    preset: z.enum(['precise', 'balanced', 'creative', 'custom'], { error: "must be 'precise', 'balanced', 'creative' or 'custom'" }).default('balanced'),
    temperature: z.number({ error: 'must be a number' }).min(0, 'must be 0 or more').max(2, 'must be 2 or less').default(SAMPLING_PRESETS.balanced.temperature),
    topP: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(1, 'must be 1 or less').default(SAMPLING_PRESETS.balanced.topP),
    /** Longest reply in tokens; null = as much as the model's context leaves room for (up to 1,024). */
    maxTokens: z.number().int('must be a whole number').min(16, 'must be at least 16').max(MAX_REPLY_TOKENS, `must be at most ${MAX_REPLY_TOKENS.toLocaleString('en-US')}`).nullable().default(null),
    model: ModelChoiceSchema.default('auto'),
  })
  .strict();
export type ConversationSettings = z.output<typeof ConversationSettingsSchema>;

export const ConversationSettingsPatchSchema = z
  .object({
    persona: z.string().max(MAX_PERSONA_CHARS, `is too long (max ${MAX_PERSONA_CHARS.toLocaleString('en-US')} characters)`).optional(),
    preset: z.enum(['precise', 'balanced', 'creative', 'custom'], { error: "must be 'precise', 'balanced', 'creative' or 'custom'" }).optional(),
    temperature: z.number({ error: 'must be a number' }).min(0, 'must be 0 or more').max(2, 'must be 2 or less').optional(),
    topP: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(1, 'must be 1 or less').optional(),
    maxTokens: z.number().int('must be a whole number').min(16, 'must be at least 16').max(MAX_REPLY_TOKENS, `must be at most ${MAX_REPLY_TOKENS.toLocaleString('en-US')}`).nullable().optional(),
    model: ModelChoiceSchema.optional(),
  })
  .strict();
export type ConversationSettingsPatch = z.infer<typeof ConversationSettingsPatchSchema>;

export const ModelOptionSchema = z.object({
  id: ModelChoiceSchema,
  label: z.string(),
  /** False when it cannot answer now; `reason` says why and where to fix it. */
  available: z.boolean(),
  reason: z.string().nullable(),
  /** Where it runs: the router's pick, a model on this computer, or a cloud model. */
  kind: z.enum(['auto', 'local', 'cloud']).optional(),
  /** The model's own id (a local model's installed id, a cloud model's name); null for 'auto'. */
  modelId: z.string().nullable().optional(),
  /** A cloud model's provider (Models › Cloud providers) by name, e.g. "OpenRouter"; null when none is named. */
  provider: z.string().nullable().optional(),
  /** What it can take besides text: images (vision). */
  capabilities: z.object({ vision: z.boolean() }).optional(),
});
export type ModelOption = z.infer<typeof ModelOptionSchema>;

export const ReplacedMessageSchema = MessageSchema.extend({ reason: z.enum(['regenerate', 'edit']), replacedAt: z.string() });
export type ReplacedMessage = z.infer<typeof ReplacedMessageSchema>;

export const FolderNameSchema = z.string().trim().min(1, 'must not be empty — leave the folder out to take the conversation out of its folder').max(60, 'is too long (max 60 characters)');

const Rerun = z.object({ conversationId: IdSchema, message: MessageSchema, replaced: z.number().int().nonnegative() });

export const CHAT_CONTROL_METHODS = {
  /** Answers the last message again; the previous answer is moved aside (messages.replaced lists it). */
  'chat.regenerate': spec(z.object({ conversationId: IdSchema }).strict(), Rerun, true),
  /** Replaces a sent message with new text and answers it; it and every later message are moved aside. */
  'chat.edit': spec(
    z
      .object({
        messageId: IdSchema,
        text: z
          .string()
          .refine((t) => t.trim().length > 0, 'is empty — type the new message first')
          .refine((t) => t.length <= 100_000, 'is too long (max 100,000 characters) — attach it as a file instead'),
      })
      .strict(),
    Rerun,
    true,
  ),
  'chat.models': spec(Empty, z.array(ModelOptionSchema)),
  /**
   * Chooses the model that answers a conversation. Another installed local model is loaded first
   * (in place of the current one, “Loading <model>…” shown in the chat); if it fails to load the
   * error says why and the conversation keeps its previous model.
   */
  'chat.useModel': spec(z.object({ conversationId: IdSchema, model: ModelChoiceSchema }).strict(), ConversationSettingsSchema, true),
  'conversations.settings.get': spec(z.object({ id: IdSchema }).strict(), ConversationSettingsSchema),
  'conversations.settings.update': spec(z.object({ id: IdSchema, patch: ConversationSettingsPatchSchema }).strict(), ConversationSettingsSchema, true),
  'conversations.pin': spec(z.object({ id: IdSchema, pinned: z.boolean() }).strict(), ConversationSchema, true),
  'conversations.setFolder': spec(z.object({ id: IdSchema, folder: FolderNameSchema.nullable() }).strict(), ConversationSchema, true),
  'messages.replaced': spec(z.object({ conversationId: IdSchema }).strict(), z.array(ReplacedMessageSchema)),
};
