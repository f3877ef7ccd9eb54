import { z } from 'zod';
import type { ChatMessage } from '../llm/provider.js';
import type { AnyTool } from '../tools/tool.js';
import { describeParameters } from '../tools/tool-json-schema.js';
import type { CallScope, ModelCaller } from './model-caller.js';
import { intentSystemPrompt } from './prompt/system-prompts.js';

export const INTENTS = ['simple_action', 'complex_task', 'question', 'clarification', 'conversation'] as const;
export type IntentKind = (typeof INTENTS)[number];

export interface Intent {
  intent: IntentKind;
  confidence: number;
  tool: string | null;
  parameters: Record<string, unknown> | null;
  question: string | null;
}

/** Below this, a proposed action is confirmed with the user instead of run. */
export const ACTION_CONFIDENCE_THRESHOLD = 0.5;

const schemaCache = new Map<string, z.ZodType<Intent>>();

/**
 * The intent schema for the tools installed now: "tool" can only name one of them, so the model
 * cannot invent a tool. Only what a grammar can enforce is a schema rule; the rest (a confidence
 * outside 0–1, an action without a tool, a clarification without a question) is settled by
 * normaliseIntent, so a small model is not sent on a repair round trip for it.
 */
export function intentSchema(toolNames: readonly string[]): z.ZodType<Intent> {
  const key = toolNames.join(',');
  let schema = schemaCache.get(key);
  if (!schema) {
    const tool = toolNames.length > 0 ? z.enum(toolNames as [string, ...string[]]).nullable() : z.null();
    schema = z.object({
      intent: z.enum(INTENTS),
      confidence: z.number(),
      tool,
      parameters: z.record(z.string(), z.unknown()).nullable(),
      // Bounded so a grammar closes the string even when the model rambles.
      question: z.string().max(300).nullable(),
    }) as z.ZodType<Intent>;
    schemaCache.set(key, schema);
  }
  return schema;
}

/** Makes a schema-valid intent actionable: clamps confidence, and downgrades what its handler could not act on. */
export function normaliseIntent(intent: Intent): Intent {
  const confidence = Number.isFinite(intent.confidence) ? Math.min(1, Math.max(0, intent.confidence)) : 0;
  const question = intent.question?.trim() ? intent.question.trim().slice(0, 500) : null;
  if (intent.intent === 'simple_action' && !intent.tool) return { ...intent, intent: 'conversation', confidence, question };
  if (intent.intent === 'clarification' && !question) return { ...intent, confidence, question: 'Could you tell me a bit more about what you need?' };
  return { ...intent, confidence, question };
}

export function toolCatalogue(tools: readonly AnyTool[]): string {
  return tools.map((t) => `- ${t.name}: ${t.description} Arguments: ${describeParameters(t)}.`).join('\n');
}

export async function parseIntent(
  model: ModelCaller,
  input: { tools: readonly AnyTool[]; history: ChatMessage[]; text: string; signal?: AbortSignal; scope: CallScope },
): Promise<Intent> {
  const messages: ChatMessage[] = [{ role: 'system', content: intentSystemPrompt(toolCatalogue(input.tools)) }, ...input.history, { role: 'user', content: input.text }];
  const result = await model.chatJson(
    { messages, schema: intentSchema(input.tools.map((t) => t.name)), schemaName: 'intent', role: 'intent', temperature: 0, maxTokens: 1000, signal: input.signal },
    input.scope,
  );
  return normaliseIntent(result.value);
}
