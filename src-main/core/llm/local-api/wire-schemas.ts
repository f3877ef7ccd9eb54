/**
 * What the local API accepts, as zod schemas of OpenAI's request bodies. Only the fields Steward
 * uses are checked; unknown fields (user, seed, logit_bias…) are ignored like many compatible
 * servers do, so ordinary OpenAI clients work unchanged.
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

export const ChatCompletionBodySchema = z.looseObject({
  model: z.string().min(1, 'must name a model'),
  messages: z.array(MessageSchema).min(1, 'must hold at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(ToolSchema).nullish(),
  tool_choice: z.unknown().optional(),
  response_format: ResponseFormatSchema.nullish(),
  max_tokens: TokenLimitSchema,
  max_completion_tokens: TokenLimitSchema,
  temperature: z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').nullish(),
  n: z.literal(1, 'only n = 1 is supported').nullish(),
});
export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;
export type WireMessage = ChatCompletionBody['messages'][number];

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
