import { z } from 'zod';
import { FitCheckSchema, SpeedEstimateSchema } from './models.js';

/**
 * Searching Hugging Face's GGUF models from the Models screen: repositories found by a search,
 * the GGUF files of one repository with a fit and speed estimate for this computer, and a
 * download of one of them through the model downloader (progress as `model.download` events).
 */

/** "owner/name" as Hugging Face spells repository ids. */
export const HubRepoIdSchema = z
  .string()
  .trim()
  .min(3, 'must be a Hugging Face repository id like owner/name')
  .max(200, 'is too long (max 200 characters)')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a Hugging Face repository id like owner/name');

/** A file at the top of a repository: a plain name ending in .gguf. */
export const HubFileNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'is too long (max 255 characters)')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/i, 'must be the name of a .gguf file in the repository');

export const HubModelSchema = z.object({
  repo: z.string(),
  downloads: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  /** When the repository last changed (or was created), ISO time, when Hugging Face says. */
  updatedAt: z.string().nullable(),
  pipelineTag: z.string().nullable(),
});
export type HubModel = z.infer<typeof HubModelSchema>;

export const HubFileSchema = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** SHA-256 of the file from the repository's LFS pointer; the download is checked against it. */
  sha256: z.string().nullable(),
  /** Quantisation read from the file name (Q4_K_M, IQ4_XS, Q8_0, BF16 …). */
  quantization: z.string().nullable(),
  /** Parameters read from the repository or file name ("8B" → 8), when they say. */
  parametersBillions: z.number().positive().nullable(),
  installed: z.boolean(),
  /** False for files Steward cannot use on their own (vision projectors, split parts); `note` says why. */
  downloadable: z.boolean(),
  note: z.string().nullable(),
  fit: FitCheckSchema.nullable(),
  speed: SpeedEstimateSchema.nullable(),
});
export type HubFile = z.infer<typeof HubFileSchema>;

export const ModelHubMethodSchemas = {
  'models.hubSearch': {
    input: z
      .object({
        query: z.string().trim().min(2, 'must be at least 2 characters (a model name such as qwen3 or gemma)').max(100, 'is too long (max 100 characters)'),
        limit: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
      })
      .strict(),
    output: z.object({ endpoint: z.string(), results: z.array(HubModelSchema) }),
  },
  'models.hubFiles': {
    input: z.object({ repo: HubRepoIdSchema }).strict(),
    output: z.object({ repo: z.string(), files: z.array(HubFileSchema) }),
  },
  'models.hubPull': {
    input: z.object({ repo: HubRepoIdSchema, fileName: HubFileNameSchema }).strict(),
    output: z.object({ id: z.string(), fileName: z.string(), started: z.literal(true), fit: FitCheckSchema.nullable() }),
  },
} as const;
