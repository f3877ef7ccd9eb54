/**
 * Every installed local model in the chat's model switcher (issue 17): chat.models lists each
 * installed chat model with its kind, id and capabilities; choosing another one for a conversation
 * loads it in place of the current one (one loaded chat model at a time, “Loading <model>…” in
 * the chat) and calls pinned to it are answered by it; a model that fails to load gives the error
 * and the conversation keeps its previous model. Real core, real node-llama-cpp, real tiny GGUFs.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const open: TestCore[] = [];
afterAll(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

/** A GGUF whose header is complete but whose architecture llama.cpp does not know: it passes the file checks and fails to load. */
function unknownArchitecture(source: Buffer): Buffer {
  const copy = Buffer.from(source);
  const from = Buffer.from('llama');
  const to = Buffer.from('zzzzz');
  for (let at = copy.indexOf(from); at >= 0; at = copy.indexOf(from, at + 5)) to.copy(copy, at);
  return copy;
}

describe('local models in the chat model switcher', () => {
  it('lists every installed chat model; choosing one loads it in place of the current one, and a failed load keeps the previous', async () => {
    const t = await createTestCore({ installAgent: false });
    open.push(t);
    const dir = t.core.paths.modelsDir;
    mkdirSync(dir, { recursive: true });
    copyFileSync(tinyLlamaGgufPath(), path.join(dir, 'alpha.gguf'));
    copyFileSync(tinyLlamaGgufPath({ seed: 7 }), path.join(dir, 'beta.gguf'));
    writeFileSync(path.join(dir, 'broken.gguf'), unknownArchitecture(readFileSync(tinyLlamaGgufPath())));
    writeFileSync(path.join(dir, 'notes.gguf'), Buffer.from('PK\u0003\u0004 not a model at all'));
    // In-process keeps the test quick (the worker process path is the same LlmProvider, covered by the worker suites).
    await t.core.request('settings.update', { patch: { llm: { localModel: 'alpha.gguf', inference: 'in-process' } } });
    await t.core.llm.settled();
    const status: string[] = [];
    t.core.events.subscribe((event: StewardEvent) => {
      if (event.type === 'agent.status') status.push(event.text);
    });

    const options = await t.core.request('chat.models', {});
    expect(options.map((o) => o.id)).toEqual(['auto', 'local', 'local:beta.gguf', 'local:broken.gguf', 'local:notes.gguf', 'cloud']);
    expect(options.find((o) => o.id === 'local')).toMatchObject({ kind: 'local', modelId: 'alpha.gguf', available: true, capabilities: { vision: false } });
    expect(options.find((o) => o.id === 'local:beta.gguf')).toMatchObject({ kind: 'local', modelId: 'beta.gguf', available: true, reason: null });
    expect(options.find((o) => o.id === 'local:notes.gguf')).toMatchObject({ available: false, reason: expect.stringMatching(/notes\.gguf cannot be used: it is not a GGUF file\. See the Models screen\./) });

    const conversation = await t.core.request('conversations.create', {});
    const chosen = await t.core.request('chat.useModel', { conversationId: conversation.id, model: 'local:beta.gguf' });
    expect(chosen.model).toBe('local:beta.gguf');
    expect(status).toEqual(['Loading beta.gguf…', 'beta.gguf is loaded and answers this conversation.']);
    // A call pinned to it is answered by it; one for the default model loads that back (one chat model at a time).
    const viaBeta = await t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2, slot: 'local', localModel: 'beta.gguf' });
    expect(viaBeta.model).toMatch(/beta/);
    // What the reply's footer says: a model on this computer.
    expect(viaBeta.answeredBy).toEqual({ location: 'local', provider: null });
    const loading: string[] = [];
    const viaAlpha = await t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2, slot: 'local', localModel: 'alpha.gguf', onModelLoading: (m) => loading.push(m) });
    expect(viaAlpha.model).toMatch(/alpha/);
    expect(loading).toEqual(['alpha.gguf']);

    // A model that fails to load: the error says so and names the model kept; the conversation's choice is unchanged.
    await expect(t.core.request('chat.useModel', { conversationId: conversation.id, model: 'local:broken.gguf' })).rejects.toThrow(
      /broken\.gguf could not be loaded: .* The conversation stays on alpha\.gguf\. Pick another model in the chat header, or check the file on the Models screen\./,
    );
    expect((await t.core.request('conversations.settings.get', { id: conversation.id })).model).toBe('local:beta.gguf');
    // The previous model still answers.
    const after = await t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 });
    expect(after.model).toMatch(/alpha/);

    // Not installed, not a model file, not a choice: refused by name, nothing changes.
    await expect(t.core.request('chat.useModel', { conversationId: conversation.id, model: 'local:gamma.gguf' })).rejects.toThrow(/Installed model "gamma\.gguf"/);
    await expect(t.core.request('chat.useModel', { conversationId: conversation.id, model: 'local:notes.gguf' })).rejects.toThrow(/it is not a GGUF file/);
    await expect(t.core.request('chat.useModel', { conversationId: conversation.id, model: 'local:../etc/passwd' as never })).rejects.toThrow(/model: must be 'auto', 'local', 'cloud', 'local:<installed model id>' or 'cloud:<cloud provider id>'/);
    expect((await t.core.request('conversations.settings.get', { id: conversation.id })).model).toBe('local:beta.gguf');
  }, 180_000);
});
