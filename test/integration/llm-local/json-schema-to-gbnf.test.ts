/** zod → JSON Schema → the grammar subset node-llama-cpp understands, checked against real grammar creation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getLlama, type Llama } from 'node-llama-cpp';
import { jsonSchemaToGbnfSchema } from '../../../src-main/core/llm/local/json-schema-to-gbnf.js';

let llama: Llama;
beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: 'never' });
});
afterAll(async () => {
  await llama?.dispose();
});

// Reading into converted schemas by key; the shapes are asserted right below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const Everything = z.object({
  kind: z.enum(['email', 'call']),
  literal: z.literal('fixed'),
  count: z.number().int().min(0).max(3),
  big: z.number().int().min(0),
  ratio: z.number().min(0).max(1),
  note: z.string().max(10).nullable(),
  email: z.email(),
  when: z.iso.datetime(),
  choice: z.union([z.literal('a'), z.number()]),
  tags: z.array(z.string().max(5)).min(1).max(2),
  extra: z.record(z.string(), z.number()),
  anything: z.unknown(),
  optional: z.boolean().optional(),
});

describe('jsonSchemaToGbnfSchema', () => {
  it('keeps the shape and drops what a grammar cannot enforce (zod still checks it)', () => {
    const g = jsonSchemaToGbnfSchema(z.toJSONSchema(Everything)) as Json;
    expect(g.type).toBe('object');
    expect(g.$schema).toBeUndefined();
    expect(g.additionalProperties).toBe(false);
    expect(g.required).not.toContain('optional');
    const p = g.properties;
    expect(p.kind).toEqual({ enum: ['email', 'call'] });
    expect(p.literal).toEqual({ const: 'fixed' });
    expect(p.count).toEqual({ enum: [0, 1, 2, 3] });
    expect(p.big).toEqual({ type: 'integer' });
    expect(p.ratio).toEqual({ type: 'number' });
    expect(p.note).toEqual({ oneOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] });
    expect(p.email).toEqual({ type: 'string' });
    expect(p.when).toEqual({ type: 'string', format: 'date-time' });
    expect(p.choice).toEqual({ oneOf: [{ const: 'a' }, { type: 'number' }] });
    expect(p.tags).toEqual({ type: 'array', items: { type: 'string', maxLength: 5 }, minItems: 1, maxItems: 2 });
    expect(p.extra).toEqual({ type: 'object', additionalProperties: { type: 'number' } });
    expect(p.anything.oneOf).toHaveLength(3);
  });

  it('produces schemas node-llama-cpp turns into a grammar', async () => {
    const grammar = await llama.createGrammarForJsonSchema(jsonSchemaToGbnfSchema(z.toJSONSchema(Everything)) as never);
    expect(grammar.grammar.length).toBeGreaterThan(100);
  });

  it('resolves recursive schemas through $defs', async () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const NodeSchema: z.ZodType<Node> = z.object({ name: z.string().max(8), children: z.array(z.lazy(() => NodeSchema)).max(2) });
    const g = jsonSchemaToGbnfSchema(z.toJSONSchema(NodeSchema)) as Json;
    expect(JSON.stringify(g)).toContain('#/$defs/');
    await expect(llama.createGrammarForJsonSchema(g as never)).resolves.toBeDefined();
  });
});
