import { z } from 'zod';
import { Empty } from './method-spec.js';

/**
 * The model manager's part of the contract: the catalog of recommended GGUFs, installed models,
 * hardware fit, downloads (progress arrives as `model.download` events) and defaults.
 * models/catalog.json is validated against ModelCatalogSchema when it is loaded.
 */

/** What a model is for; matches the three model slots in settings.llm. */
export const ModelPurposeSchema = z.enum(['chat', 'embedding', 'draft', 'reranker']);
export type ModelPurpose = z.infer<typeof ModelPurposeSchema>;

/** A catalog id or, for a model that is not in the catalog, its file name in the models folder. */
export const ModelIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'is too long (max 255 characters)')
  .refine((id) => !/[\\/]/.test(id) && id !== '.' && id !== '..', 'must be a catalog id or a file name, not a path');

const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (a SHA-256 digest)');

/** `hf:<owner>/<repo>/<path>[#revision]`, or an http(s) URL. */
export const ModelSourceUriSchema = z
  .string()
  .refine((uri) => /^hf:[^/\s]+\/[^/\s]+\/\S+$/.test(uri) || /^https?:\/\/\S+$/.test(uri), 'must be hf:<owner>/<repo>/<file> or an http(s) URL');

const PositiveBytes = z.number().int('must be a whole number of bytes').positive('must be positive');

export const ModelMemoryEstimateSchema = z
  .object({
    /** Context size (tokens) the estimates are for. */
    contextSize: z.number().int().positive(),
    /** Running on the CPU: weights + KV cache + compute buffers + overhead. */
    ramBytes: PositiveBytes,
    /** Fully offloaded to a GPU: the same, in VRAM. */
    vramBytes: PositiveBytes,
    /** KV cache per token of context (f16 K and V over all layers), so other context sizes can be estimated. */
    kvCacheBytesPerToken: z.number().int().nonnegative(),
    /** Always true today: figures come from the formula in models/README.md, not a measurement. */
    estimated: z.boolean(),
  })
  .strict();
export type ModelMemoryEstimate = z.infer<typeof ModelMemoryEstimateSchema>;

export const ModelCatalogEntrySchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,80}$/, 'must be lowercase letters, digits, dots, dashes or underscores'),
    displayName: z.string().min(1).max(120),
    purpose: ModelPurposeSchema,
    family: z.string().min(1).max(40),
    /** Human label such as "3.1B". */
    parameters: z.string().min(1).max(20),
    parametersBillions: z.number().positive(),
    quantization: z.string().min(1).max(20),
    /** Name the file gets in the models folder; also how an installed file is matched to the catalog. */
    fileName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/, 'must be a plain file name ending in .gguf'),
    source: ModelSourceUriSchema,
    homepage: z.url(),
    sizeBytes: PositiveBytes,
    /** False when sizeBytes is the rounded size Hugging Face shows (display, disk checks, and refusing a file more than 2 % off). */
    sizeExact: z.boolean(),
    /** Published SHA-256 of the file, or null when none was recorded (then the download verifies against
     *  the digest the server announces, e.g. Hugging Face's X-Linked-Etag, when there is one). */
    sha256: Sha256Schema.nullable(),
    contextLength: z.number().int().positive(),
    license: z.string().min(1).max(60),
    memory: ModelMemoryEstimateSchema,
    /** Catalog id of a small model with the same tokenizer for speculative decoding. */
    draftModelId: z.string().nullable().default(null),
    /** Embedding width, for embedding models. */
    embeddingDimensions: z.number().int().positive().nullable().default(null),
    notes: z.string().max(500).default(''),
  })
  .strict();
export type ModelCatalogEntry = z.output<typeof ModelCatalogEntrySchema>;

export const ModelCatalogSchema = z
  .object({
    version: z.literal(1),
    /** Why some fields are approximate; shown in models/README.md. */
    provenance: z.string().optional(),
    models: z.array(ModelCatalogEntrySchema).min(1, 'must list at least one model'),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const ids = new Set<string>();
    const files = new Set<string>();
    catalog.models.forEach((model, i) => {
      if (ids.has(model.id)) ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `duplicate id "${model.id}"` });
      if (files.has(model.fileName)) ctx.addIssue({ code: 'custom', path: ['models', i, 'fileName'], message: `duplicate file name "${model.fileName}"` });
      ids.add(model.id);
      files.add(model.fileName);
    });
    catalog.models.forEach((model, i) => {
      if (model.draftModelId !== null && !catalog.models.some((m) => m.id === model.draftModelId && m.purpose === 'draft')) {
        ctx.addIssue({ code: 'custom', path: ['models', i, 'draftModelId'], message: `names no draft model in the catalog ("${model.draftModelId}")` });
      }
    });
  });
export type ModelCatalog = z.output<typeof ModelCatalogSchema>;

/** A catalog entry as the UI sees it: with what is on disk right now. */
export const CatalogModelViewSchema = z.object({
  entry: ModelCatalogEntrySchema,
  installed: z.boolean(),
  /** Bytes of an unfinished download kept for resume, or null. */
  partialBytes: z.number().int().nonnegative().nullable(),
  downloading: z.boolean(),
});
export type CatalogModelView = z.infer<typeof CatalogModelViewSchema>;

/** What the GGUF header says about an installed file. */
export const GgufSummarySchema = z.object({
  version: z.number().int(),
  architecture: z.string().nullable(),
  name: z.string().nullable(),
  contextLength: z.number().int().nullable(),
  /** llama.cpp file type (quantization) name such as MOSTLY_Q4_K_M, when the header records it. */
  fileType: z.string().nullable(),
  tensorCount: z.number().int().nonnegative(),
});
export type GgufSummary = z.infer<typeof GgufSummarySchema>;

export const InstalledModelSchema = z.object({
  /** Catalog id when the file matches a catalog entry, else the file name. */
  id: ModelIdSchema,
  fileName: z.string(),
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  modifiedAt: z.string(),
  catalogId: z.string().nullable(),
  displayName: z.string(),
  purpose: ModelPurposeSchema,
  gguf: GgufSummarySchema.nullable(),
  /** Why the file cannot be used (not a GGUF, truncated …), or null when it looks complete. */
  problem: z.string().nullable(),
  /** Which settings slots point at this file. */
  defaultFor: z.array(ModelPurposeSchema),
});
export type InstalledModel = z.infer<typeof InstalledModelSchema>;

export const PartialDownloadSchema = z.object({
  fileName: z.string(),
  catalogId: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().positive().nullable(),
});
export type PartialDownload = z.infer<typeof PartialDownloadSchema>;

export const GpuReportSchema = z.object({
  backend: z.enum(['cuda', 'vulkan', 'metal']),
  totalVramBytes: z.number().nonnegative(),
  freeVramBytes: z.number().nonnegative(),
  /** Memory shared with the CPU (Apple silicon, iGPUs); such VRAM is not extra to RAM. */
  unifiedMemoryBytes: z.number().nonnegative(),
});
export type GpuReport = z.infer<typeof GpuReportSchema>;

export const HardwareReportSchema = z.object({
  totalRamBytes: z.number().nonnegative(),
  freeRamBytes: z.number().nonnegative(),
  cpuCores: z.number().int().nonnegative(),
  gpu: GpuReportSchema.nullable(),
  /** Why no GPU is reported (no GPU backend, probe failed …), or null when one is. */
  gpuNote: z.string().nullable(),
});
export type HardwareReport = z.infer<typeof HardwareReportSchema>;

export const FitCheckSchema = z.object({
  fits: z.boolean(),
  /** Where it would run: fully on the GPU, split between VRAM and RAM, on the CPU, or nowhere with this much free memory. */
  placement: z.enum(['gpu', 'split', 'cpu', 'none']),
  neededBytes: z.number().nonnegative(),
  availableBytes: z.number().nonnegative(),
  /** Share of the model that would sit in VRAM (1 = all of it, 0 = CPU only). */
  gpuShare: z.number().min(0).max(1),
  /** "needs ~6.1 GB, 3.2 GB free …" when it does not fit (or fits only tightly), else null. */
  warning: z.string().nullable(),
});
export type FitCheck = z.infer<typeof FitCheckSchema>;

/** Estimated decode speed on this machine (memory-bandwidth bound; formula in models/README.md). */
export const SpeedEstimateSchema = z.object({
  tokensPerSecond: z.number().nonnegative(),
  /** At least the speed a chat needs (8 tokens/s). */
  usable: z.boolean(),
  /** "about 12 tokens/s on this CPU (8 threads)" */
  summary: z.string(),
});
export type SpeedEstimate = z.infer<typeof SpeedEstimateSchema>;

export const ModelRecommendationSchema = z.object({
  hardware: HardwareReportSchema,
  contextSize: z.number().int().positive(),
  /** Largest catalog chat model that fits with headroom and answers at a usable speed (else the fastest that fits), or null when none fits. */
  recommendedId: z.string().nullable(),
  reason: z.string(),
  candidates: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      purpose: ModelPurposeSchema,
      parametersBillions: z.number(),
      installed: z.boolean(),
      fit: FitCheckSchema,
      /** Null when it does not fit at all (no speed to speak of). */
      speed: SpeedEstimateSchema.nullable(),
    }),
  ),
});
export type ModelRecommendation = z.infer<typeof ModelRecommendationSchema>;

export const ModelDownloadStateSchema = z.enum(['starting', 'downloading', 'verifying', 'completed', 'failed', 'cancelled']);
export type ModelDownloadState = z.infer<typeof ModelDownloadStateSchema>;

/** Event for the contract's stream: progress of one download. */
export const ModelDownloadEventSchema = z.object({
  type: z.literal('model.download'),
  id: z.string(),
  fileName: z.string(),
  state: ModelDownloadStateSchema,
  /** Bytes on disk so far, including a resumed prefix. */
  bytes: z.number().int().nonnegative(),
  total: z.number().int().positive().nullable(),
  bytesPerSecond: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** What went wrong and what to do, when state is 'failed'. */
  error: z.string().nullable(),
});
export type ModelDownloadEvent = z.infer<typeof ModelDownloadEventSchema>;

/** Input and output schemas of the model methods, for contract.ts. */
export const ModelMethodSchemas = {
  'models.catalog': { input: Empty, output: z.array(CatalogModelViewSchema) },
  'models.list': {
    input: Empty,
    output: z.object({ models: z.array(InstalledModelSchema), partialDownloads: z.array(PartialDownloadSchema) }),
  },
  'models.recommend': {
    input: z.object({ contextSize: z.number().int().min(512, 'must be at least 512 tokens').max(131_072, 'must be at most 131072 tokens').optional() }).strict(),
    output: ModelRecommendationSchema,
  },
  'models.pull': {
    input: z.object({ id: ModelIdSchema }).strict(),
    output: z.object({ id: z.string(), fileName: z.string(), started: z.literal(true), fit: FitCheckSchema }),
  },
  'models.cancel': {
    input: z.object({ id: ModelIdSchema, discardPartial: z.boolean().optional() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'models.import': {
    input: z
      .object({
        path: z
          .string()
          .min(1, 'must not be empty')
          .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path to a .gguf file'),
        mode: z.enum(['auto', 'copy', 'link']).optional(),
      })
      .strict(),
    output: InstalledModelSchema,
  },
  'models.delete': {
    input: z.object({ id: ModelIdSchema }).strict(),
    output: z.object({ deleted: z.boolean(), fileName: z.string().nullable(), clearedDefaults: z.array(ModelPurposeSchema) }),
  },
  'models.setDefault': {
    input: z
      .object({ id: ModelIdSchema.nullable(), purpose: ModelPurposeSchema.optional() })
      .strict()
      .refine((v) => v.id !== null || v.purpose !== undefined, { message: 'must name a purpose (chat, embedding, draft or reranker) when clearing a default', path: ['purpose'] }),
    output: z.object({ purpose: ModelPurposeSchema, fileName: z.string().nullable(), fit: FitCheckSchema.nullable() }),
  },
} as const;
