import { z } from 'zod';

/** The model layer's part of the contract: status of the local/cloud models and the router dashboard. */
export const LlmStatusSchema = z.object({
  local: z.object({
    configured: z.boolean(),
    model: z.string().nullable(),
    detail: z.string(),
    /** Why the chosen local model file cannot be used (not a GGUF, truncated …), found before loading; null when it looks usable. */
    problem: z.string().nullable().optional(),
    /** "needs ~6.1 GB, 3.2 GB free …" when the model may not fit this machine; shown before it loads. */
    fitWarning: z.string().nullable(),
    /** The backend actually in use once loaded (cuda, vulkan, metal, cpu) and why, including any fallback. */
    backend: z.string().nullable(),
    backendNote: z.string().nullable(),
    /** Once loaded: node-llama-cpp's prebuilt llama.cpp binary, or one compiled on this computer (faster). */
    build: z.enum(['prebuilt', 'local']).nullable(),
    /** Once loaded: tokens of context per request, parallel requests, and why (context-sizing.ts). */
    context: z.object({ tokens: z.number().int().positive(), sequences: z.number().int().positive(), note: z.string() }).nullable(),
    /**
     * The process that runs the local model (src-main/core/llm/worker/): which engine, whether it
     * runs in its own process, its state, restarts, the last crash with its stderr tail, why the
     * model is marked failed, and its memory. Null while no local model is set up.
     */
    runtime: z
      .object({
        engine: z.enum(['node-llama-cpp', 'llama-server']),
        inference: z.enum(['worker', 'in-process', 'server']),
        state: z.enum(['not-started', 'starting', 'ready', 'restarting', 'failed', 'closed']),
        pid: z.number().int().nullable(),
        restarts: z.number().int().nonnegative(),
        lastCrash: z.object({ at: z.string(), reason: z.string(), stderrTail: z.string() }).nullable(),
        failedReason: z.string().nullable(),
        memoryBytes: z.number().nonnegative().nullable(),
      })
      .nullable()
      .optional(),
    /**
     * The llama-server engine's program (Models › Engine): the binary Steward would start, or why
     * there is none and how to build it (`node scripts/build-llama-cpp-tools.mjs`).
     */
    llamaServer: z.object({ binary: z.string().nullable(), problem: z.string().nullable() }).optional(),
  }),
  cloud: z.object({ enabled: z.boolean(), baseUrl: z.string(), model: z.string() }),
  localApi: z.object({ enabled: z.boolean(), url: z.string().nullable(), error: z.string().nullable() }),
});
export type LlmStatus = z.infer<typeof LlmStatusSchema>;

export const LocalApiKeySchema = z.object({ key: z.string() });

const LocationShareSchema = z.object({ calls: z.number(), tokens: z.number() });

export const RouterStatsSchema = z.object({
  share: z.object({ local: LocationShareSchema, cloud: LocationShareSchema, localCallShare: z.number(), localTokenShare: z.number() }),
  spend: z.object({
    totalUsd: z.number(),
    unknownPriceCalls: z.number(),
    /** Per local day: cloud spend, calls, and what that day's local answers saved at the cloud price. */
    byDay: z.array(z.object({ day: z.string(), usd: z.number(), calls: z.number(), savedUsd: z.number() })),
  }),
  savings: z.object({ usd: z.number(), priceKnown: z.boolean(), localPromptTokens: z.number(), localCompletionTokens: z.number() }),
  failures: z.array(
    z.object({ provider: z.string(), model: z.string(), location: z.enum(['local', 'cloud']), calls: z.number(), failures: z.number(), failureRate: z.number() }),
  ),
});
export type RouterStats = z.infer<typeof RouterStatsSchema>;

export const RouterStatsInputSchema = z
  .object({
    /** Only calls in the last N days (default: all). */
    days: z.number().int().min(1, 'must be at least 1').max(3650).optional(),
    utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  })
  .strict();

export const SetCloudKeyInputSchema = z
  .object({
    /** The cloud API key; null removes it. Stored only in the OS keychain. */
    apiKey: z.string().trim().min(8, 'looks too short to be an API key').max(512, 'is too long').nullable(),
  })
  .strict();
