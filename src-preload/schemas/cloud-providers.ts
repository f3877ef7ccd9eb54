import { z } from 'zod';
import { ServiceUrlSchema } from './safe-url.js';

/**
 * Several OpenAI-compatible model servers side by side (Models › Cloud providers): OpenAI,
 * OpenRouter, and servers on this machine (Ollama, LM Studio, vLLM, llama.cpp's llama-server) or
 * any other, each with its own address, its own key in the keychain, its model list from
 * /v1/models and a test. One of them at a time answers as the router's cloud model (llm.cloud).
 */

export const CloudPresetIdSchema = z.enum(['openai', 'openrouter', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'custom'], {
  error: "must be one of openai, openrouter, ollama, lmstudio, vllm, llamacpp or custom",
});
export type CloudPresetId = z.infer<typeof CloudPresetIdSchema>;

export interface CloudPreset {
  id: CloudPresetId;
  name: string;
  baseUrl: string;
  /** Whether the server wants a key (servers on this machine usually accept none). */
  needsKey: boolean;
  /** Where to get a key or how to start the server, shown beside the form. */
  hint: string;
}

/** The documented default address of each server (its OpenAI-compatible /v1 base). */
export const CLOUD_PRESETS: readonly CloudPreset[] = [
  { id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true, hint: 'Create a key at platform.openai.com → API keys.' },
  { id: 'openrouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, hint: 'Create a key at openrouter.ai → Keys; model names look like vendor/model.' },
  { id: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false, hint: 'Start Ollama (ollama serve) and pull a model (ollama pull qwen3); no key needed.' },
  { id: 'lmstudio', name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false, hint: "Start LM Studio's local server (Developer tab) with a model loaded; no key needed." },
  { id: 'vllm', name: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', needsKey: false, hint: 'Start vllm serve <model>; a key only if you started it with --api-key.' },
  { id: 'llamacpp', name: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', needsKey: false, hint: 'Start llama-server -m model.gguf; a key only if you started it with --api-key.' },
  { id: 'custom', name: 'Other OpenAI-compatible server', baseUrl: 'https://', needsKey: true, hint: 'Any server with the OpenAI /v1/models and /v1/chat/completions endpoints.' },
];

export const CloudProviderIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes (max 40)');

/** One configured server, as kept in settings.llm.cloudProviders (its key is in the keychain). */
export const CloudProviderSchema = z
  .object({
    id: CloudProviderIdSchema,
    preset: CloudPresetIdSchema,
    name: z.string().trim().min(1, 'must not be empty').max(60, 'is too long (max 60 characters)'),
    baseUrl: ServiceUrlSchema('https://api.openai.com/v1'),
    enabled: z.boolean().default(true),
    /** The model picked from its list, or null until one is. */
    model: z.string().trim().min(1, 'must name a model').max(200, 'is too long (max 200 characters)').nullable().default(null),
  })
  .strict();
export type CloudProvider = z.output<typeof CloudProviderSchema>;

export const CloudProviderViewSchema = CloudProviderSchema.extend({
  keySet: z.boolean(),
  /** This provider answers as the router's cloud model now. */
  inUse: z.boolean(),
});
export type CloudProviderView = z.infer<typeof CloudProviderViewSchema>;

const CloudPresetSchema = z.object({ id: CloudPresetIdSchema, name: z.string(), baseUrl: z.string(), needsKey: z.boolean(), hint: z.string() });

export const CloudProviderMethodSchemas = {
  'cloudProviders.list': {
    input: z.object({}).strict(),
    output: z.object({ presets: z.array(CloudPresetSchema), providers: z.array(CloudProviderViewSchema) }),
  },
  'cloudProviders.save': {
    input: z
      .object({
        /** Absent: a new provider (its id is made from the name). */
        id: CloudProviderIdSchema.optional(),
        preset: CloudPresetIdSchema,
        name: CloudProviderSchema.shape.name,
        baseUrl: CloudProviderSchema.shape.baseUrl,
        enabled: z.boolean().optional(),
        model: CloudProviderSchema.shape.model.optional(),
        /** A new key (stored in the keychain), null to remove it, absent to keep it. */
        apiKey: z.string().trim().min(1, 'must not be empty (leave it out to keep the saved key)').max(4096, 'is too long').nullable().optional(),
      })
      .strict(),
    output: CloudProviderViewSchema,
  },
  'cloudProviders.remove': { input: z.object({ id: CloudProviderIdSchema }).strict(), output: z.object({ removed: z.boolean() }) },
  'cloudProviders.models': { input: z.object({ id: CloudProviderIdSchema }).strict(), output: z.object({ id: z.string(), models: z.array(z.string()) }) },
  'cloudProviders.test': {
    input: z.object({ id: CloudProviderIdSchema }).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), models: z.array(z.string()) }),
  },
  'cloudProviders.use': {
    input: z.object({ id: CloudProviderIdSchema, model: z.string().trim().min(1, 'must name a model').max(200).optional() }).strict(),
    output: CloudProviderViewSchema,
  },
} as const;
