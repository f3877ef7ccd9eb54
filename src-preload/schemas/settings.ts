import { z } from 'zod';
import { IntegrationsSettingsSchema } from './integrations.js';
import { E164Schema } from './twilio-settings.js';
import { PaymentsSettingsSchema } from './payments-settings.js';
import { MemorySettingsSchema } from './memory.js';
import { HttpsUrlSchema, ServiceUrlSchema } from './safe-url.js';
import { CloudProviderIdSchema, CloudProviderSchema } from './cloud-providers.js';

/**
 * User settings. Every field has a default so an empty object is a valid settings document and
 * new fields can be added without a migration. Updates are deep-merged then validated whole.
 */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);

/** US dollars from which a payment needs the authenticator code (also the input of twoFactor.setThreshold). */
export const TwoFactorThresholdUsdSchema = z
  .number({ error: 'must be an amount in US dollars, such as 50' })
  .nonnegative('must not be negative')
  .max(1_000_000_000, 'is too large');

export const SettingsSchema = z
  .object({
    theme: ThemeSchema.default('system'),
    /** Electron accelerator for the quick-command window. */
    quickCommandShortcut: z
      .string()
      .min(1, 'must not be empty')
      .max(64, 'is too long')
      .regex(/^[A-Za-z0-9+ ]+$/, 'must be an accelerator such as CommandOrControl+Shift+Space')
      .default('CommandOrControl+Shift+Space'),
    server: z
      .object({
        port: z.number().int('must be a whole number').min(1024, 'must be 1024 or higher').max(65535, 'must be 65535 or lower').default(7420),
      })
      .strict()
      .prefault({}),
    agent: z
      .object({
        paused: z.boolean().default(false),
        maxIterations: z.number().int().min(1, 'must be at least 1').max(10, 'must be at most 10').default(3),
        approvalTimeoutSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(86_400, 'must be at most a day').default(900),
        maxConcurrentTasks: z.number().int().min(1).max(16).default(2),
      })
      .strict()
      .prefault({}),
    budgets: z
      .object({
        dailyUsd: z.number().nonnegative('must not be negative').max(1_000_000).default(5),
        perTaskUsd: z.number().nonnegative('must not be negative').max(1_000_000).default(1),
      })
      .strict()
      .prefault({}),
    approvals: z
      .object({
        /**
         * Payments (financial tools) estimated at or above this many US dollars need the code from
         * the user's authenticator app to approve; 0 means every payment does.
         */
        twoFactorThresholdUsd: TwoFactorThresholdUsdSchema.default(50),
        /** Where the code comes from: the authenticator app (TOTP) or an SMS sent with Twilio to twoFactorPhone. */
        twoFactorMethod: z.enum(['totp', 'sms'], { error: 'must be "totp" (authenticator app) or "sms"' }).default('totp'),
        twoFactorPhone: E164Schema.nullable().default(null),
      })
      .strict()
      .prefault({}),
    payments: PaymentsSettingsSchema,
    updates: z
      .object({
        channel: z.enum(['stable', 'beta']).default('stable'),
        autoDownload: z.boolean().default(true),
        /** Changed only with the owner's confirmation in the desktop app (src-main/electron/update-feed-guard.ts). */
        feedUrl: HttpsUrlSchema('https://updates.example.com/steward').nullable().default(null),
      })
      .strict()
      .prefault({}),
    notifications: z.object({ enabled: z.boolean().default(true) }).strict().prefault({}),
    /** The chat's own display options (Settings › Chat). */
    chat: z
      .object({
        /** Under each reply: time to first token and tokens per second, as measured in the core. */
        showReplySpeed: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    integrations: IntegrationsSettingsSchema,
    memory: MemorySettingsSchema.prefault({}),
    llm: z
      .object({
        /** File name in the models folder (or absolute path) of the local chat model; null until one is installed. */
        localModel: z.string().min(1).nullable().default(null),
        /** Separate embedding GGUF; null means embed with the chat model. */
        embeddingModel: z.string().min(1).nullable().default(null),
        /** Small draft model for speculative decoding; null disables it. */
        draftModel: z.string().min(1).nullable().default(null),
        /** Reranking GGUF (Qwen3-Reranker, bge-reranker) that reorders memory's best candidates; null: no reranker stage. */
        rerankerModel: z.string().min(1).nullable().default(null),
        /**
         * Tokens of context per request: 'auto' takes up to 32K where memory allows without giving up
         * parallel requests (src-main/core/llm/local/context-sizing.ts); a number asks for exactly that.
         */
        contextSize: z
          .union([z.literal('auto'), z.number().int().min(512, 'must be at least 512 tokens').max(131_072, 'must be at most 131072 tokens')], {
            error: "must be 'auto' or a number of tokens from 512 to 131072",
          })
          .default('auto'),
        gpu: z.enum(['auto', 'cuda', 'vulkan', 'metal', 'cpu']).default('auto'),
        /**
         * Which program runs the local model: node-llama-cpp (default), or llama.cpp's own llama-server
         * built from the same source (`node scripts/build-llama-cpp-tools.mjs`), used through the
         * OpenAI-compatible provider (src-main/core/llm/llama-server/).
         */
        engine: z.enum(['node-llama-cpp', 'llama-server'], { error: "must be 'node-llama-cpp' or 'llama-server'" }).default('node-llama-cpp'),
        /**
         * node-llama-cpp in its own inference process ('worker', default: crash isolation and a
         * 1-thread libuv pool) or in the main process ('in-process', kept for comparison benchmarks).
         */
        inference: z.enum(['worker', 'in-process'], { error: "must be 'worker' or 'in-process'" }).default('worker'),
        /** llama-server binary for the llama-server engine; null looks where the build script puts it. */
        llamaServerBinary: z.string().min(1, 'must be a path to the llama-server binary').nullable().default(null),
        /** Port of the llama-server engine on 127.0.0.1; null picks a free one at each start. */
        llamaServerPort: z.number().int().min(1024, 'must be 1024 or higher').max(65535, 'must be 65535 or lower').nullable().default(null),
        /**
         * Models the user marked as reading images (true) or not (false), by model name: /v1/models
         * does not say, so an unmarked model (or null) is judged by its name (src-main/core/llm/vision/vision-models.ts).
         */
        visionModels: z
          .record(z.string().min(1, 'must name a model').max(200, 'is too long (max 200 characters)'), z.boolean({ error: 'must be true, false or null' }).nullable())
          .default({}),
        /**
         * Hugging Face (or a mirror of its API, such as hf-mirror.com) searched from the Models
         * screen; null uses https://huggingface.co, or HF_ENDPOINT when that is set.
         */
        huggingFaceEndpoint: ServiceUrlSchema('https://hf-mirror.com').nullable().default(null),
        cloud: z
          .object({
            enabled: z.boolean().default(false),
            baseUrl: ServiceUrlSchema('https://api.openai.com/v1').default('https://api.openai.com/v1'),
            model: z.string().min(1, 'must name a model').default('gpt-4o-mini'),
            timeoutSeconds: z.number().int().min(1).max(600).default(60),
            /** Which of llm.cloudProviders this is (its key is that provider's); null: the key saved under Integrations › Cloud model. */
            providerId: CloudProviderIdSchema.nullable().default(null),
          })
          .strict()
          .prefault({}),
        /** OpenAI-compatible servers configured side by side (Models › Cloud providers); keys in the keychain. */
        cloudProviders: z
          .array(CloudProviderSchema)
          .max(20, 'can hold at most 20 providers')
          .default([])
          .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'must not list two providers with the same id'),
        routing: z
          .object({
            /** Requests at or above this complexity (0–1) from the Manager go to the cloud when it is enabled. */
            cloudComplexityThreshold: z.number().min(0).max(1).default(0.6),
            fallbackTimeoutSeconds: z.number().int().min(1).max(600).default(60),
            allowFallbackToCloud: z.boolean().default(true),
            allowFallbackToLocal: z.boolean().default(true),
          })
          .strict()
          .prefault({}),
        localApi: z
          .object({
            enabled: z.boolean().default(false),
            port: z.number().int().min(1024, 'must be 1024 or higher').max(65535, 'must be 65535 or lower').default(7421),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Settings = z.output<typeof SettingsSchema>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type SettingsPatch = DeepPartial<Settings>;

/** Patches are plain JSON objects; the merged result is validated against SettingsSchema. */
export const SettingsPatchSchema = z.record(z.string(), z.unknown());
