import { z } from 'zod';
import type { FieldIssue } from '../../errors.js';
import type { AnyTool } from '../../tools/tool.js';
import { toolParametersJsonSchema } from '../../tools/tool-json-schema.js';
import { UNTRUSTED_RULE } from '../../tools/untrusted-content.js';
import type { AgentNeeds } from '../agent-deps.js';
import type { QuestionAndAnswer } from '../tasks/task-state.js';

type Needs = AgentNeeds<'model'>;

export const ExtractionSchema = z.object({
  parameters: z.record(z.string(), z.unknown()),
  /** The question to ask when something required is still unknown; null when complete. */
  question: z.string().max(500).nullable(),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/**
 * Fills a tool's arguments from the user's words (and answers to earlier questions), against the
 * tool's own JSON Schema. The result is only a proposal: it is validated with the tool's zod
 * schema before anything runs.
 */
export async function extractParameters(
  deps: Needs,
  input: { tool: AnyTool; request: string; current: Record<string, unknown>; qa: readonly QuestionAndAnswer[]; issues: readonly FieldIssue[]; taskId: string; conversationId: string | null; signal: AbortSignal },
): Promise<Extraction> {
  const system = [
    `Fill in the arguments for the tool "${input.tool.name}" (${input.tool.description}) from the user’s words.`,
    `Arguments JSON Schema: ${JSON.stringify(toolParametersJsonSchema(input.tool))}`,
    'Use only what the user said or clearly implied; never invent addresses, amounts or names. If a required value is unknown, leave it out and set "question" to one short question asking for it. Answer with JSON only: {"parameters": {...}, "question": string|null}.',
    UNTRUSTED_RULE,
  ].join('\n');
  const user = [
    `Request: ${input.request}`,
    `Arguments so far: ${JSON.stringify(input.current)}`,
    input.issues.length ? `Problems with them: ${input.issues.map((i) => `${i.path || '(arguments)'}: ${i.message}`).join('; ')}` : '',
    ...input.qa.map((q) => `Q: ${q.question}\nA (from the user): ${q.answer}`),
  ]
    .filter(Boolean)
    .join('\n');
  const { value } = await deps.model.chatJson(
    { messages: [{ role: 'system', content: system }, { role: 'user', content: user }], schema: ExtractionSchema, schemaName: 'tool arguments', role: 'employee', temperature: 0, maxTokens: 600, signal: input.signal },
    { taskId: input.taskId, conversationId: input.conversationId },
  );
  return value;
}

/** A question naming what is missing or wrong, written from the validation issues when the model gave none. */
export function questionFromIssues(tool: AnyTool, issues: readonly FieldIssue[]): string {
  const schema = toolParametersJsonSchema(tool);
  const properties = (schema.properties ?? {}) as Record<string, { description?: string }>;
  const fields = [...new Set(issues.map((i) => i.path.split('.')[0] || ''))].filter(Boolean);
  if (fields.length === 0) return `I need a bit more detail to run ${tool.name}: ${issues.map((i) => i.message).join('; ')}. Could you tell me?`;
  const parts = fields.map((field) => {
    const issue = issues.find((i) => i.path.split('.')[0] === field);
    const description = properties[field]?.description;
    return `${field}${description ? ` (${description})` : ''}${issue ? ` — ${issue.message}` : ''}`;
  });
  return `To ${tool.name.replace(/_/g, ' ')} I still need: ${parts.join('; ')}. What should I use?`;
}
