/**
 * tool_choice "required" or a named function: node-llama-cpp lets the model choose between text
 * and a call, so forcing a call is done with a grammar instead — the model must produce
 * {name, arguments} for one of the allowed tools, and that becomes the tool call. A client that
 * asked for a call therefore always gets one whose arguments match the tool's schema.
 */
import { z } from 'zod';
import type { ToolDefinition } from '../provider.js';
import { badRequest } from './openai-error-body.js';
import type { ChatCompletionBody } from './wire-schemas.js';

export interface ForcedCall {
  schema: z.ZodType<{ name: string; arguments: Record<string, unknown> }>;
  schemaName: string;
}

/** The schema a forced call must match, or null when the model may answer in text. */
export function forcedToolCall(body: ChatCompletionBody, tools: ToolDefinition[] | undefined): ForcedCall | null {
  const choice = body.tool_choice;
  if (choice == null || choice === 'auto' || choice === 'none') return null;
  if (!tools?.length) throw badRequest("tool_choice asks for a tool call, but the request has no 'tools'. Add the tools or leave tool_choice out.", 'tool_choice');
  let allowed = tools;
  if (typeof choice === 'object') {
    allowed = tools.filter((tool) => tool.name === choice.function.name);
    if (!allowed.length) {
      throw badRequest(`tool_choice names '${choice.function.name}', which is not one of the tools sent (${tools.map((t) => t.name).join(', ')}).`, 'tool_choice.function.name');
    }
  }
  const options = allowed.map((tool) => z.object({ name: z.literal(tool.name), arguments: argumentsSchema(tool) }));
  const schema = (options.length === 1 ? options[0]! : z.union(options as unknown as [z.ZodObject, z.ZodObject])) as ForcedCall['schema'];
  return { schema, schemaName: 'tool_call' };
}

function argumentsSchema(tool: ToolDefinition): z.ZodType<Record<string, unknown>> {
  try {
    return z.fromJSONSchema(tool.parameters as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodType<Record<string, unknown>>;
  } catch (err) {
    throw badRequest(`The parameters of tool '${tool.name}' are not a JSON Schema Steward can use (${(err as Error).message}).`, 'tools');
  }
}
