/** What the LLM benchmark sends to its load-probe child process, and what comes back on stdout. */
import { z } from 'zod';

export const LoadProbeInputSchema = z
  .object({
    side: z.enum(['steward', 'raw']),
    modelPath: z.string().min(1),
    gpu: z.enum(['auto', 'cpu', 'cuda', 'vulkan', 'metal']),
    contextSize: z.number().int().positive(),
    sequences: z.number().int().positive(),
    threads: z.number().int().positive().optional(),
    tokensPerStream: z.number().int().positive(),
  })
  .strict();
export type LoadProbeInput = z.infer<typeof LoadProbeInputSchema>;

export const LoadProbeOutputSchema = z.object({
  side: z.enum(['steward', 'raw']),
  /** From nothing loaded to ready to generate: backend, model, context(s) and (Steward) the sequence pool. */
  loadMs: z.number(),
  rssAfterLoadBytes: z.number(),
  peakRssBytes: z.number(),
  vramUsedBytes: z.number().nullable(),
  backend: z.string(),
  gpuLayers: z.number(),
  contextSize: z.number(),
  sequences: z.number(),
  tokensGenerated: z.number(),
});
export type LoadProbeOutput = z.infer<typeof LoadProbeOutputSchema>;

export const LOAD_PROBE_MARKER = 'LOAD_PROBE_RESULT ';
