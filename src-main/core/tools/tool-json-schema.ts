import { z } from 'zod';
import type { ToolDefinition } from '../llm/provider.js';
import type { AnyTool } from './tool.js';

const cache = new WeakMap<AnyTool, Record<string, unknown>>();

/** JSON Schema of a tool's arguments (what the model sees and what the approval card edits). Cached per tool. */
export function toolParametersJsonSchema(tool: AnyTool): Record<string, unknown> {
  let schema = cache.get(tool);
  if (!schema) {
    try {
      schema = z.toJSONSchema(tool.parameters, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
    } catch {
      schema = { type: 'object' };
    }
    delete schema.$schema;
    cache.set(tool, schema);
  }
  return schema;
}

/**
 * Function-calling APIs accept only letters, digits, "_" and "-" in names (OpenAI), so "files.read"
 * is offered to the model as "files_read" and mapped back when the model calls it.
 */
export function wireToolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function toToolDefinition(tool: AnyTool): ToolDefinition {
  return { name: wireToolName(tool.name), description: tool.description, parameters: toolParametersJsonSchema(tool) };
}

/** One line per argument for compact prompts: "to (string, required), subject (string)". */
export function describeParameters(tool: AnyTool): string {
  const schema = toolParametersJsonSchema(tool);
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const parts = Object.entries(properties).map(([name, prop]) => {
    const type = typeof prop.type === 'string' ? prop.type : 'value';
    const description = typeof prop.description === 'string' ? ` — ${prop.description}` : '';
    return `${name} (${type}${required.has(name) ? ', required' : ''})${description}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'no arguments';
}
