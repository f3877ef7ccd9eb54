/**
 * The one JSON-answer policy every provider shares: parse the model's text, validate it with the
 * zod schema, and on failure make exactly one repair attempt that shows the model its invalid
 * answer and what was wrong; if that still fails, throw InvalidModelOutputError. Providers only
 * supply `callModel` (with a grammar, structured outputs, or plain prompting).
 */
import { z } from 'zod';
import type { FieldIssue } from '../errors.js';
import { zodIssues } from '../validation.js';
import type { ChatMessage, TokenUsage } from './provider.js';
import { InvalidModelOutputError } from './llm-errors.js';

export interface JsonModelAnswer {
  text: string;
  usage: TokenUsage;
}

export interface CompleteJsonOptions<T> {
  schema: z.ZodType<T>;
  schemaName: string;
  messages: ChatMessage[];
  /** Asks the model; `attempt` is 0 for the first answer and 1 for the repair. */
  callModel: (messages: ChatMessage[], attempt: 0 | 1) => Promise<JsonModelAnswer>;
}

export interface CompletedJson<T> {
  value: T;
  usage: TokenUsage;
  repaired: boolean;
}

export type JsonCheck<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/i;

/** Parses a model's answer as JSON, tolerating a code fence or chatter around one object/array. */
export function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const trimmed = text.trim();
  const unfenced = FENCE.exec(trimmed)?.[1] ?? trimmed;
  const candidates = [unfenced];
  const start = unfenced.search(/[[{]/);
  const end = Math.max(unfenced.lastIndexOf('}'), unfenced.lastIndexOf(']'));
  if (start > 0 || (end >= 0 && end < unfenced.length - 1)) candidates.push(unfenced.slice(Math.max(start, 0), end + 1));
  let message = 'the answer is empty';
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (err) {
      message = `not valid JSON (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  return { ok: false, message };
}

/** Parses and validates one answer against the schema. */
export function checkJsonAnswer<T>(schema: z.ZodType<T>, text: string): JsonCheck<T> {
  const parsed = parseJsonAnswer(text);
  if (!parsed.ok) return { ok: false, issues: [{ path: '', message: parsed.message }] };
  const result = schema.safeParse(parsed.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: zodIssues(result.error) };
}

/** JSON Schema text of the zod schema for the repair prompt; best effort (some zod types have none). */
function schemaText<T>(schema: z.ZodType<T>): string | null {
  try {
    const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));
    return json.length <= 4000 ? json : `${json.slice(0, 4000)}…`;
  } catch {
    return null;
  }
}

/** The conversation for the repair attempt: the original one, the bad answer, and what was wrong with it. */
export function buildRepairMessages<T>(messages: ChatMessage[], invalidAnswer: string, issues: readonly FieldIssue[], schemaName: string, schema: z.ZodType<T>): ChatMessage[] {
  const problems = issues
    .slice(0, 10)
    .map((i) => `- ${i.path || '(root)'}: ${i.message}`)
    .join('\n');
  const jsonSchema = schemaText(schema);
  const content =
    `Your previous answer is not a valid ${schemaName}:\n${problems}\n` +
    (jsonSchema ? `It must be JSON matching this JSON Schema: ${jsonSchema}\n` : '') +
    'Reply again with only the corrected JSON, and nothing else.';
  return [...messages, { role: 'assistant', content: invalidAnswer }, { role: 'user', content }];
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens };
}

export async function completeJsonWithRepair<T>(options: CompleteJsonOptions<T>): Promise<CompletedJson<T>> {
  const { schema, schemaName, messages, callModel } = options;
  const first = await callModel(messages, 0);
  const firstCheck = checkJsonAnswer(schema, first.text);
  if (firstCheck.ok) return { value: firstCheck.value, usage: first.usage, repaired: false };

  const second = await callModel(buildRepairMessages(messages, first.text, firstCheck.issues, schemaName, schema), 1);
  const usage = addUsage(first.usage, second.usage);
  const secondCheck = checkJsonAnswer(schema, second.text);
  if (secondCheck.ok) return { value: secondCheck.value, usage, repaired: true };
  throw new InvalidModelOutputError(schemaName, secondCheck.issues, second.text);
}
