import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../../src-main/core/errors.js';
import { InvalidModelOutputError, ProviderCancelledError, ProviderFailedError, ProviderTimeoutError } from '../../../src-main/core/llm/llm-errors.js';
import { loadScriptedProvider, loadScriptedProviderFromSpec, ScriptedProvider, ScriptExhaustedError } from '../../../src-main/core/llm/scripted-provider.js';

const user = (content: string) => [{ role: 'user' as const, content }];
const Plan = z.object({ steps: z.array(z.string()).min(1) });

describe('ScriptedProvider', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-scripted-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams scripted text piece by piece and returns the whole text', async () => {
    const provider = new ScriptedProvider({ steps: [{ type: 'text', text: 'Hello there, boss.' }] });
    const pieces: string[] = [];
    const result = await provider.chat({ messages: user('hi'), onToken: (t) => pieces.push(t) });
    expect(pieces).toEqual(['Hello', ' there,', ' boss.']);
    expect(result.text).toBe('Hello there, boss.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.completionTokens).toBe(3);
    expect(result.provider).toBe('scripted');
  });

  it('answers rules by role and last user text before consuming steps, and records every request', async () => {
    const provider = new ScriptedProvider({
      steps: [{ type: 'text', text: 'step one' }],
      rules: [
        { match: { role: 'intent', lastUser: 'invoice' }, response: { type: 'text', text: 'intent: invoice' } },
        { match: { role: 'manager' }, response: (call) => ({ type: 'text', text: `planning for ${call.lastUserText}` }), times: 1 },
      ],
    });
    expect((await provider.chat({ messages: user('Send the INVOICE'), role: 'intent' })).text).toBe('intent: invoice');
    expect((await provider.chat({ messages: user('book a room'), role: 'manager' })).text).toBe('planning for book a room');
    // The manager rule was limited to one use, so the next manager call takes the step.
    expect((await provider.chat({ messages: user('again'), role: 'manager' })).text).toBe('step one');
    await expect(provider.chat({ messages: user('more'), role: 'manager' })).rejects.toBeInstanceOf(ScriptExhaustedError);
    expect(provider.requests.map((r) => [r.role, r.lastUserText])).toEqual([
      ['intent', 'Send the INVOICE'],
      ['manager', 'book a room'],
      ['manager', 'again'],
      ['manager', 'more'],
    ]);
  });

  it('returns scripted tool calls', async () => {
    const provider = new ScriptedProvider({ steps: [{ type: 'toolCalls', toolCalls: [{ id: 'c1', name: 'send_email', arguments: { to: 'a@b.c' } }] }] });
    const result = await provider.chat({ messages: user('email them'), tools: [{ name: 'send_email', description: 'Send', parameters: { type: 'object' } }] });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'c1', name: 'send_email', arguments: { to: 'a@b.c' } }]);
    expect(provider.requests[0]?.tools?.[0]?.name).toBe('send_email');
  });

  it('validates JSON against the schema: a wrong value goes through one repair attempt', async () => {
    const provider = new ScriptedProvider({
      steps: [
        { type: 'json', value: { steps: [] } },
        { type: 'json', value: { steps: ['draft', 'send'] } },
      ],
    });
    const result = await provider.chatJson({ messages: user('plan it'), schema: Plan, schemaName: 'Plan' });
    expect(result.value).toEqual({ steps: ['draft', 'send'] });
    expect(result.repaired).toBe(true);
    expect(provider.requests.map((r) => r.attempt)).toEqual([0, 1]);
    expect(provider.requests[1]?.lastUserText).toMatch(/not a valid Plan/);
  });

  it('throws InvalidModelOutputError when the repair is still wrong', async () => {
    const provider = new ScriptedProvider({ fallback: { type: 'text', text: 'not json at all' } });
    const error = await provider.chatJson({ messages: user('plan'), schema: Plan, schemaName: 'Plan' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidModelOutputError);
    expect((error as InvalidModelOutputError).userMessage).toMatch(/Plan/);
  });

  it('throws the scripted typed errors', async () => {
    const provider = new ScriptedProvider({ steps: [{ type: 'error', error: 'timeout' }, { type: 'error', error: 'retryable', message: 'busy' }] });
    await expect(provider.chat({ messages: user('a') })).rejects.toBeInstanceOf(ProviderTimeoutError);
    const failed = await provider.chat({ messages: user('b') }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ProviderFailedError);
    expect((failed as ProviderFailedError).retryable).toBe(true);
  });

  it('hangs until aborted, then reports the call as aborted', async () => {
    const provider = new ScriptedProvider({ steps: [{ type: 'hang' }, { type: 'hang' }] });
    const controller = new AbortController();
    const pending = provider.chat({ messages: user('wait'), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await pending).finishReason).toBe('aborted');
    const json = provider.chatJson({ messages: user('wait'), schema: Plan, schemaName: 'Plan', signal: AbortSignal.timeout(20) });
    await expect(json).rejects.toBeInstanceOf(ProviderCancelledError);
  });

  it('stops streaming when aborted between tokens and keeps the partial text', async () => {
    const provider = new ScriptedProvider({ steps: [{ type: 'text', text: 'one two three four five', tokenDelayMs: 30 }] });
    const controller = new AbortController();
    const pieces: string[] = [];
    const result = await provider.chat({
      messages: user('count'),
      signal: controller.signal,
      onToken: (t) => {
        pieces.push(t);
        if (pieces.length === 2) controller.abort();
      },
    });
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe('one two');
  });

  it('embeds deterministically, with chosen vectors where the script gives them', async () => {
    const provider = new ScriptedProvider({ embeddingDimensions: 3, embeddings: { cat: [1, 0, 0] } });
    const [a, b, c] = await provider.embed(['cat', 'dog', 'dog']);
    expect(a).toEqual([1, 0, 0]);
    expect(b).toHaveLength(3);
    expect(b).toEqual(c);
    expect(b).not.toEqual(a);
  });

  it('prices calls only when the script sets a cost', () => {
    expect(new ScriptedProvider().estimateCost({ promptTokens: 1000, completionTokens: 1000 })).toBe(0);
    const priced = new ScriptedProvider({ cost: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 } });
    expect(priced.estimateCost({ promptTokens: 1_000_000, completionTokens: 500_000 })).toBeCloseTo(2);
  });

  it('loads a JSON script file and names a broken field', async () => {
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ model: 'e2e', rules: [{ match: { lastUser: 'hello' }, response: { type: 'text', text: 'Hi!' } }] }));
    const provider = await loadScriptedProviderFromSpec(`scripted:${good}`);
    expect((await provider.chat({ messages: user('hello') })).text).toBe('Hi!');
    expect((await provider.info()).model).toBe('e2e');

    await expect(loadScriptedProviderFromSpec(good)).rejects.toThrow(/scripted:\/path/);

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ steps: [{ type: 'text' }], rules: [{ match: { lastUser: '(' }, response: { type: 'hang' } }] }));
    const error = await loadScriptedProvider(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).userMessage).toContain('steps.0.text');
    expect((error as ValidationError).userMessage).toContain('rules.0.match.lastUser');

    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, '{ nope');
    await expect(loadScriptedProvider(notJson)).rejects.toThrow(/not valid JSON/);
    await expect(loadScriptedProvider(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot be read/);
  });
});
