/** The shared JSON policy: validate, one repair attempt that shows the model its mistakes, then a typed error. */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { completeJsonWithRepair, parseJsonAnswer, type JsonModelAnswer } from '../../../src-main/core/llm/json-repair.js';
import { InvalidModelOutputError } from '../../../src-main/core/llm/llm-errors.js';
import type { ChatMessage } from '../../../src-main/core/llm/provider.js';

const Invoice = z.object({ number: z.string().regex(/^INV-\d+$/), amount: z.number().positive() });
const messages: ChatMessage[] = [{ role: 'user', content: 'Extract the invoice.' }];

function scripted(...answers: string[]) {
  return vi.fn(async (_messages: ChatMessage[], _attempt: 0 | 1): Promise<JsonModelAnswer> => ({ text: answers.shift() ?? '', usage: { promptTokens: 10, completionTokens: 5 } }));
}

describe('completeJsonWithRepair', () => {
  it('returns a valid first answer without a repair call', async () => {
    const callModel = scripted('{"number":"INV-7","amount":12.5}');
    const result = await completeJsonWithRepair({ schema: Invoice, schemaName: 'Invoice', messages, callModel });
    expect(result).toEqual({ value: { number: 'INV-7', amount: 12.5 }, usage: { promptTokens: 10, completionTokens: 5 }, repaired: false });
    expect(callModel).toHaveBeenCalledTimes(1);
  });

  it('invalid then valid: one repair that shows the bad answer and what was wrong → repaired', async () => {
    const callModel = scripted('{"number":"7","amount":-1}', '{"number":"INV-7","amount":1}');
    const result = await completeJsonWithRepair({ schema: Invoice, schemaName: 'Invoice', messages, callModel });
    expect(result.repaired).toBe(true);
    expect(result.value).toEqual({ number: 'INV-7', amount: 1 });
    expect(result.usage).toEqual({ promptTokens: 20, completionTokens: 10 });
    expect(callModel).toHaveBeenCalledTimes(2);
    const [repairMessages, attempt] = callModel.mock.calls[1]!;
    expect(attempt).toBe(1);
    expect(repairMessages.slice(0, 1)).toEqual(messages);
    expect(repairMessages[1]).toEqual({ role: 'assistant', content: '{"number":"7","amount":-1}' });
    const repair = repairMessages[2]!;
    expect(repair.role).toBe('user');
    expect(repair.content).toContain('not a valid Invoice');
    expect(repair.content).toMatch(/- number: /);
    expect(repair.content).toMatch(/- amount: /);
    expect(repair.content).toContain('"required"');
  });

  it('invalid twice → InvalidModelOutputError with the field issues and the last raw answer', async () => {
    const callModel = scripted('not json at all', '{"number":"INV-1"}');
    const error = await completeJsonWithRepair({ schema: Invoice, schemaName: 'Invoice', messages, callModel }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidModelOutputError);
    const e = error as InvalidModelOutputError;
    expect(e.code).toBe('provider_failed');
    expect(e.schemaName).toBe('Invoice');
    expect(e.rawOutput).toBe('{"number":"INV-1"}');
    expect(e.issues?.map((i) => i.path)).toEqual(['amount']);
    expect(e.userMessage).not.toContain('INV-1');
    expect(callModel).toHaveBeenCalledTimes(2);
    // The repair prompt told the model its first answer was not JSON.
    expect(callModel.mock.calls[1]![0].at(-1)!.content).toContain('not valid JSON');
  });

  it('a failing model call is not retried (that is the router’s job)', async () => {
    const callModel = vi.fn(async () => {
      throw new Error('connection reset');
    });
    await expect(completeJsonWithRepair({ schema: Invoice, schemaName: 'Invoice', messages, callModel })).rejects.toThrow('connection reset');
    expect(callModel).toHaveBeenCalledTimes(1);
  });
});

describe('parseJsonAnswer', () => {
  it('accepts plain JSON, a fenced block, and JSON with chatter around it', () => {
    expect(parseJsonAnswer('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonAnswer('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonAnswer('Sure! Here it is: {"a":[1,2]} Hope that helps.')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonAnswer('[1, 2]')).toEqual({ ok: true, value: [1, 2] });
  });

  it('reports empty and broken answers', () => {
    expect(parseJsonAnswer('   ')).toEqual({ ok: false, message: 'the answer is empty' });
    const broken = parseJsonAnswer('{"a": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^not valid JSON/);
  });
});
