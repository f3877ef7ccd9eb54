/**
 * The messages between the main process and the inference worker, both ways, as zod schemas.
 * Both sides parse what they receive: a message that does not match is a bug on the other side
 * and is reported as one, never acted on half-understood.
 *
 * Requests carry an id; the worker answers each with exactly one `result` or `error`, and for a
 * streamed chat sends `tokens` batches before it. Streamed text is batched across requests (one
 * message per flush for every stream with new text) so IPC stays cheap at 16 parallel streams.
 */
import { z } from 'zod';

const ToolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()) });

export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string(), toolCalls: z.array(ToolCallSchema).optional() }),
  z.object({ role: z.literal('tool'), content: z.string(), toolCallId: z.string(), name: z.string() }),
]);

const ToolDefinitionSchema = z.object({ name: z.string(), description: z.string(), parameters: z.record(z.string(), z.unknown()) });

/** What the worker needs to load the model: LocalLlamaProviderOptions minus what cannot cross a process. */
export const WorkerLoadOptionsSchema = z
  .object({
    modelPath: z.string().min(1),
    modelId: z.string().optional(),
    embeddingModelPath: z.string().nullable().optional(),
    draftModelPath: z.string().nullable().optional(),
    rerankerModelPath: z.string().nullable().optional(),
    gpu: z.enum(['auto', 'cuda', 'vulkan', 'metal', 'cpu']).optional(),
    contextSize: z.union([z.literal('auto'), z.number().int().positive()]).optional(),
    minContextSize: z.number().int().positive().optional(),
    sequences: z.union([z.literal('auto'), z.number().int().positive()]).optional(),
    maxSequences: z.number().int().positive().optional(),
    preferredSequences: z.number().int().positive().optional(),
    threads: z.number().int().positive().optional(),
    temperature: z.number().min(0).optional(),
    maxTokens: z.number().int().positive().optional(),
  })
  .strict();
export type WorkerLoadOptions = z.infer<typeof WorkerLoadOptionsSchema>;

const GenerationSchema = z.object({
  messages: z.array(ChatMessageSchema),
  maxTokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).optional(),
});

export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), options: WorkerLoadOptionsSchema }),
  z.object({ type: z.literal('chat'), id: z.number().int(), request: GenerationSchema.extend({ tools: z.array(ToolDefinitionSchema).optional() }), stream: z.boolean() }),
  /** A generation under a grammar the worker builds from `jsonSchema`; validation and repair stay in the parent. */
  z.object({ type: z.literal('json'), id: z.number().int(), request: GenerationSchema, jsonSchema: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('embed'), id: z.number().int(), texts: z.array(z.string()) }),
  z.object({ type: z.literal('rank'), id: z.number().int(), query: z.string(), documents: z.array(z.string()) }),
  z.object({ type: z.literal('countTokens'), id: z.number().int(), text: z.string() }),
  z.object({ type: z.literal('info'), id: z.number().int() }),
  z.object({ type: z.literal('stats'), id: z.number().int() }),
  z.object({ type: z.literal('warmUp'), id: z.number().int(), systemPrompt: z.string().optional() }),
  z.object({ type: z.literal('abort'), id: z.number().int() }),
  z.object({ type: z.literal('close') }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;

/** A StewardError flattened for the trip: the parent rebuilds one with the same code and message. */
export const WireErrorSchema = z.object({ name: z.string(), code: z.string(), userMessage: z.string(), detail: z.string().optional() });
export type WireError = z.infer<typeof WireErrorSchema>;

export const MemoryReportSchema = z.object({ rssBytes: z.number().nonnegative(), heapUsedBytes: z.number().nonnegative() });
export type WorkerMemoryReport = z.infer<typeof MemoryReportSchema>;

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  /** The process is up and listening (sent before anything is loaded). */
  z.object({ type: z.literal('ready'), pid: z.number().int(), threadPoolSize: z.string().nullable() }),
  z.object({ type: z.literal('loaded'), info: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('loadFailed'), error: WireErrorSchema }),
  z.object({ type: z.literal('tokens'), batch: z.array(z.object({ id: z.number().int(), text: z.string() })) }),
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: WireErrorSchema }),
  /** Sent every few seconds, so status() can report the worker's memory without asking. */
  z.object({ type: z.literal('memory'), memory: MemoryReportSchema }),
  /** A message the worker could not understand: a version mismatch between the two sides. */
  z.object({ type: z.literal('protocolError'), message: z.string() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
