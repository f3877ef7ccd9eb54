/**
 * What the local API accepts, as zod schemas of OpenAI's request bodies. Every sampling parameter
 * llama.cpp implements is honoured; the ones it cannot honour are refused by name (see
 * sampling-params.ts) instead of being dropped, so a client never gets an answer it did not ask for.
 * Bookkeeping fields that change nothing about the answer (user, metadata, store…) are accepted.
 */
import { z } from 'zod';

const TextPartSchema = z.looseObject({ type: z.literal('text', 'only text content parts are supported'), text: z.string() });
const ContentSchema = z.union([z.string(), z.array(TextPartSchema)]);

const WireToolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const MessageSchema = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.literal('system'), content: ContentSchema }),
    z.looseObject({ role: z.literal('developer'), content: ContentSchema }),
    z.looseObject({ role: z.literal('user'), content: ContentSchema }),
    z.looseObject({ role: z.literal('assistant'), content: ContentSchema.nullish(), tool_calls: z.array(WireToolCallSchema).nullish() }),
    z.looseObject({ role: z.literal('tool'), content: ContentSchema, tool_call_id: z.string().min(1) }),
  ],
  { error: 'must have a role of system, developer, user, assistant or tool' },
);

const ToolSchema = z.looseObject({
  type: z.literal('function', 'only function tools are supported'),
  function: z.looseObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ResponseFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().min(1),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'must have a type of text, json_object or json_schema' },
);

const TokenLimitSchema = z.number().int('must be a whole number').positive('must be positive').nullish();

/** How many answers one request may ask for: each is a full generation on the local model. */
export const MAX_CHOICES = 8;
const ChoiceCountSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CHOICES, `must be at most ${MAX_CHOICES} (each answer is a full generation on your machine)`).nullish();

const penalty = z.number().min(-2, 'must be between -2 and 2').max(2, 'must be between -2 and 2').nullish();

/** OpenAI's sampling parameters shared by /v1/chat/completions and /v1/completions. */
const SamplingFields = {
  top_p: z.number().gt(0, 'must be greater than 0 and at most 1').max(1, 'must be greater than 0 and at most 1').nullish(),
  seed: z.number().int('must be a whole number').nullish(),
  stop: z.union([z.string().min(1, 'must not be empty'), z.array(z.string().min(1, 'must not be empty')).max(4, 'can hold at most 4 sequences')], 'must be a string or an array of up to 4 strings').nullish(),
  presence_penalty: penalty,
  frequency_penalty: penalty,
};

const ToolChoiceSchema = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) }),
  ],
  { error: "must be 'none', 'auto', 'required' or {type: 'function', function: {name}}" },
);

export const ChatCompletionBodySchema = z.looseObject({
  model: z.string().min(1, 'must name a model'),
  messages: z.array(MessageSchema).min(1, 'must hold at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(ToolSchema).nullish(),
  tool_choice: ToolChoiceSchema.nullish(),
  response_format: ResponseFormatSchema.nullish(),
  max_tokens: TokenLimitSchema,
  max_completion_tokens: TokenLimitSchema,
  temperature: z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').nullish(),
  ...SamplingFields,
  n: ChoiceCountSchema,
});
export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;
export type WireMessage = ChatCompletionBody['messages'][number];

/** The legacy text-completion body (/v1/completions). */
export const CompletionBodySchema = z.looseObject({
  model: z.string().min(1, 'must name a model'),
  prompt: z.union([z.string(), z.array(z.string(), 'must be a string or an array of strings (token arrays are not supported)').min(1, 'must not be empty')], {
    error: 'must be a string or an array of strings (token arrays are not supported)',
  }),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: TokenLimitSchema,
  temperature: z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').nullish(),
  ...SamplingFields,
  n: ChoiceCountSchema,
  echo: z.boolean().nullish(),
});
export type CompletionBody = z.infer<typeof CompletionBodySchema>;

export const EmbeddingBodySchema = z.looseObject({
  model: z.string().min(1, 'must name a model'),
  input: z.union([z.string(), z.array(z.string(), 'must be a string or an array of strings (token arrays are not supported)').min(1, 'must not be empty')], {
    error: 'must be a string or an array of strings (token arrays are not supported)',
  }),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
});
export type EmbeddingBody = z.infer<typeof EmbeddingBodySchema>;

/** zod path → OpenAI's `param` style, e.g. messages[0].content. */
export function paramPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
