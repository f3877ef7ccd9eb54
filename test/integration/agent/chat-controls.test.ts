/**
 * Chat controls in the core (issue 17), with the real agent, a real encrypted database and the
 * scripted provider: regenerate and edit move the replaced messages aside (listed back, never
 * deleted) and re-run from there; a conversation's persona and sampling reach the provider; its
 * model choice decides which provider answers; each streamed reply stores its speed; pins and
 * folders persist.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createAgent } from '../../../src-main/core/agent/create-agent.js';
import { HybridRouter } from '../../../src-main/core/llm/router/hybrid-router.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { createCloudProvider } from '../../../src-main/core/llm/openai/cloud-provider-factory.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { completionBody, startOpenAiFake, streamChunks } from '../../fakes/openai-fake.js';
import { standardTestTools, createToolWorld } from './support/test-tools.js';
import { createHarness, intentResponse, type Harness } from './support/agent-harness.js';

let h: Harness;
afterEach(async () => h?.dispose());

const chatScript = (answers: string[]) => ({
  rules: [{ match: { role: 'intent' as const }, response: intentResponse('conversation') }],
  steps: answers.map((text) => ({ type: 'text' as const, text })),
});

const conversationCalls = () => h.provider.requests.filter((r) => r.role === 'conversation');

describe('regenerate and edit', () => {
  it('regenerate answers the last message again; the old answer is kept aside, not in the thread or the prompt', async () => {
    h = await createHarness({ script: chatScript(['First answer about lunch.', 'Second answer about lunch.']) });
    const { conversationId, message, replies } = await h.send('where should we have lunch?');
    expect(replies[0]!.text).toBe('First answer about lunch.');

    const rerun = await h.core.request('chat.regenerate', { conversationId });
    expect(rerun).toMatchObject({ conversationId, replaced: 1, message: { id: message.id } });
    const again = (await h.core.conversations.replyTo(message.id)) ?? [];
    expect(again.map((m) => m.text)).toEqual(['Second answer about lunch.']);

    expect(h.messages(conversationId).map((m) => m.text)).toEqual(['where should we have lunch?', 'Second answer about lunch.']);
    const replaced = await h.core.request('messages.replaced', { conversationId });
    expect(replaced).toEqual([expect.objectContaining({ text: 'First answer about lunch.', role: 'assistant', reason: 'regenerate' })]);
    // The model answering again never sees the answer it is replacing.
    const second = conversationCalls().at(-1)!;
    expect(second.messages.map((m) => m.content).join('\n')).not.toContain('First answer about lunch.');
    expect(h.events.some((e) => e.type === 'messages.replaced' && e.messageIds.includes(replies[0]!.id))).toBe(true);
  });

  it('regenerate is refused with the reason when there is nothing to answer or a reply is still being written', async () => {
    h = await createHarness({
      script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }, { match: { role: 'conversation' }, response: { type: 'text', text: 'slow', delayMs: 3000 } }] },
    });
    const empty = await h.core.request('conversations.create', {});
    await expect(h.core.request('chat.regenerate', { conversationId: empty.id })).rejects.toThrow(/no message of yours to answer again.*send one first/);
    const sent = await h.core.request('chat.send', { text: 'tell me slowly' });
    await expect(h.core.request('chat.regenerate', { conversationId: sent.conversationId })).rejects.toThrow(/still answering.*Press Stop \(or Esc\) first/);
    await expect(h.core.request('chat.regenerate', { conversationId: 'no-such-conversation' })).rejects.toThrow(/Conversation "no-such-conversation" was not found/);
    h.core.conversations.stop(sent.conversationId);
    await h.core.conversations.replyTo(sent.message.id);
    // Nothing was moved by the refused attempts.
    expect(await h.core.request('messages.replaced', { conversationId: sent.conversationId })).toEqual([]);
  });

  it('editing a sent message replaces it and everything after it, and answers the new text', async () => {
    h = await createHarness({ script: chatScript(['Answer one.', 'Answer two.', 'Answer to the edit.']) });
    const first = await h.send('book a table for two');
    const { conversationId } = first;
    await h.send('make it at seven', conversationId);

    const edited = await h.core.request('chat.edit', { messageId: first.message.id, text: 'book a table for four' });
    expect(edited).toMatchObject({ conversationId, replaced: 4, message: { role: 'user', text: 'book a table for four' } });
    await h.core.conversations.replyTo(edited.message.id);

    expect(h.messages(conversationId).map((m) => m.text)).toEqual(['book a table for four', 'Answer to the edit.']);
    const replaced = await h.core.request('messages.replaced', { conversationId });
    expect(replaced.map((m) => [m.text, m.reason])).toEqual([
      ['book a table for two', 'edit'],
      ['Answer one.', 'edit'],
      ['make it at seven', 'edit'],
      ['Answer two.', 'edit'],
    ]);
    const prompt = conversationCalls().at(-1)!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('book a table for four');
    expect(prompt).not.toMatch(/table for two|at seven|Answer one|Answer two/);
  });

  it('only the user’s own messages can be edited, never to empty text, and a refused edit changes nothing', async () => {
    h = await createHarness({ script: chatScript(['An answer.']) });
    const { conversationId, replies } = await h.send('hello');
    await expect(h.core.request('chat.edit', { messageId: replies[0]!.id, text: 'changed' })).rejects.toThrow(/Only messages you sent can be edited.*Regenerate/);
    const mine = h.messages(conversationId)[0]!;
    await expect(h.core.request('chat.edit', { messageId: mine.id, text: '   ' })).rejects.toThrow(/text: is empty — type the new message first/);
    await expect(h.core.request('chat.edit', { messageId: 'missing-message', text: 'x' })).rejects.toThrow(/Message "missing-message" was not found/);
    expect(h.messages(conversationId).map((m) => m.text)).toEqual(['hello', 'An answer.']);
    expect(await h.core.request('messages.replaced', { conversationId })).toEqual([]);
  });
});

describe('conversation settings', () => {
  it('the persona, preset sampling and max tokens of a conversation reach the provider, and only that conversation’s', async () => {
    h = await createHarness({ script: { rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Noted.' } } });
    const { conversationId } = await h.send('hi');
    const defaults = conversationCalls().at(-1)!;
    expect(defaults).toMatchObject({ temperature: 0.7, sampling: { topP: 0.95 } });

    const saved = await h.core.request('conversations.settings.update', {
      id: conversationId,
      patch: { persona: 'You are a pirate. Answer in pirate speak.', preset: 'precise', temperature: 0.2, topP: 0.8, maxTokens: 300 },
    });
    expect(saved).toMatchObject({ persona: 'You are a pirate. Answer in pirate speak.', preset: 'precise', temperature: 0.2, topP: 0.8, maxTokens: 300, model: 'auto' });
    expect(await h.core.request('conversations.settings.get', { id: conversationId })).toEqual(saved);

    await h.send('what is the plan?', conversationId);
    const tuned = conversationCalls().at(-1)!;
    expect(tuned).toMatchObject({ temperature: 0.2, sampling: { topP: 0.8 }, maxTokens: 300 });
    expect(tuned.messages[0]!.content).toContain('You are a pirate. Answer in pirate speak.');
    // The intent call is not the answer: it keeps its own settings.
    expect(h.provider.requests.filter((r) => r.role === 'intent').at(-1)!.temperature).not.toBe(0.2);

    const other = await h.send('and another conversation');
    expect(other.conversationId).not.toBe(conversationId);
    expect(conversationCalls().at(-1)!).toMatchObject({ temperature: 0.7, sampling: { topP: 0.95 } });
    expect(conversationCalls().at(-1)!.messages[0]!.content).not.toContain('pirate');
  });

  it('bad settings are refused by name and change nothing', async () => {
    h = await createHarness({ script: chatScript(['ok']) });
    const { conversationId } = await h.send('hi');
    await expect(h.core.request('conversations.settings.update', { id: conversationId, patch: { temperature: 3 } })).rejects.toThrow(/patch\.temperature: must be 2 or less/);
    await expect(h.core.request('conversations.settings.update', { id: conversationId, patch: { topP: 0 } })).rejects.toThrow(/patch\.topP: must be more than 0/);
    await expect(h.core.request('conversations.settings.update', { id: conversationId, patch: { maxTokens: 2.5 } })).rejects.toThrow(/patch\.maxTokens: must be a whole number/);
    await expect(h.core.request('conversations.settings.update', { id: conversationId, patch: { persona: 'x'.repeat(4001) } })).rejects.toThrow(/patch\.persona: is too long \(max 4,000 characters\)/);
    await expect(h.core.request('conversations.settings.update', { id: conversationId, patch: { model: 'gpt-9' } as never })).rejects.toThrow(/patch\.model: must be 'auto', 'local', 'cloud', 'local:<installed model id>' or 'cloud:<cloud provider id>'/);
    await expect(h.core.request('conversations.settings.update', { id: 'nope', patch: { temperature: 1 } })).rejects.toThrow(/Conversation "nope" was not found/);
    expect(await h.core.request('conversations.settings.get', { id: conversationId })).toMatchObject({ persona: '', preset: 'balanced', temperature: 0.7, topP: 0.95, maxTokens: null, model: 'auto' });
  });
});

describe('model choice per conversation', () => {
  it('a conversation set to the cloud model is answered by it (intent too); one set to local by the local model', async () => {
    h = await createHarness({ script: chatScript([]) });
    const local = new ScriptedProvider({ model: 'tiny-local', rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Local model here.' } }, { id: 'local' });
    const cloud = new ScriptedProvider({ model: 'big-cloud', rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Cloud model here.' } }, { id: 'cloud' });
    const llm = h.core.settings.get().llm;
    const router = new HybridRouter({ local, cloud, settings: () => ({ ...llm, cloud: { ...llm.cloud, enabled: true } }) });
    await h.agent.close();
    const agent = createAgent({ core: h.core, provider: router, tools: standardTestTools(createToolWorld()) });
    h.core.conversations.setHandler(agent);
    try {
      const auto = await h.send('hello');
      expect(auto.replies[0]!.text).toBe('Local model here.');

      await h.core.request('conversations.settings.update', { id: auto.conversationId, patch: { model: 'cloud' } });
      const before = local.requests.length;
      const viaCloud = await h.send('hello again', auto.conversationId);
      expect(viaCloud.replies[0]!.text).toBe('Cloud model here.');
      expect(viaCloud.replies[0]!.metrics?.model).toBe('big-cloud');
      expect(local.requests.length).toBe(before);
      expect(cloud.requests.map((r) => r.role)).toEqual(['intent', 'conversation']);

      await h.core.request('conversations.settings.update', { id: auto.conversationId, patch: { model: 'local' } });
      expect((await h.send('and once more', auto.conversationId)).replies[0]!.text).toBe('Local model here.');
    } finally {
      await agent.close();
    }
  });

  it('the real OpenAI client sends the conversation’s persona, temperature, top_p and max tokens on the wire', async () => {
    h = await createHarness({ script: chatScript([]) });
    const fake = await startOpenAiFake();
    onTestFinished(() => fake.close());
    const intent = JSON.stringify({ intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null });
    fake.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: intent }) }, { stream: streamChunks(['Arr, ', 'the plan ', 'be set.']) });
    const cloud = createCloudProvider({ enabled: true, baseUrl: fake.url, model: 'llama3.1', timeoutSeconds: 10 }, createMemorySecretStore());
    const llm = h.core.settings.get().llm;
    const router = new HybridRouter({ local: null, cloud, settings: () => ({ ...llm, cloud: { ...llm.cloud, enabled: true } }) });
    await h.agent.close();
    const agent = createAgent({ core: h.core, provider: router, tools: standardTestTools(createToolWorld()) });
    h.core.conversations.setHandler(agent);
    onTestFinished(() => agent.close());

    const conversation = await h.core.request('conversations.create', { title: 'Pirate talk' });
    await h.core.request('conversations.settings.update', { id: conversation.id, patch: { persona: 'Talk like a pirate.', preset: 'creative', temperature: 1.1, topP: 1, maxTokens: 256, model: 'cloud' } });
    const { replies } = await h.send('what is the plan?', conversation.id);
    expect(replies[0]!.text).toBe('Arr, the plan be set.');
    const answer = fake.requestsTo('/v1/chat/completions').at(-1)!.body as { temperature: number; top_p: number; max_tokens: number; messages: { role: string; content: string }[]; stream: boolean };
    expect(answer).toMatchObject({ temperature: 1.1, top_p: 1, max_tokens: 256, stream: true });
    expect(answer.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('Talk like a pirate.') });
  });

  it('a chosen model that is not set up gets a reply saying where to fix it, not another model’s answer', async () => {
    h = await createHarness({ script: chatScript([]) });
    // The router with a local model only: no cloud model is connected.
    const local = new ScriptedProvider({ rules: [{ match: { role: 'intent' }, response: intentResponse('conversation') }], fallback: { type: 'text', text: 'Local model here.' } });
    const router = new HybridRouter({ local, cloud: null, settings: () => h.core.settings.get().llm });
    await h.agent.close();
    const agent = createAgent({ core: h.core, provider: router, tools: standardTestTools(createToolWorld()) });
    h.core.conversations.setHandler(agent);
    onTestFinished(() => agent.close());
    const { conversationId } = await h.send('hi');
    expect(local.requests.length).toBeGreaterThan(0);
    await h.core.request('conversations.settings.update', { id: conversationId, patch: { model: 'cloud' } });
    const { replies } = await h.send('who answers?', conversationId);
    expect(replies.at(-1)!.text).toMatch(/set to answer with the cloud model, but no cloud model is connected\. Connect one under Integrations › Cloud model, or pick another model in the chat header/);
  });

  it('chat.models lists the router’s choice, the local and the cloud model with why each cannot answer', async () => {
    h = await createHarness({ script: chatScript([]) });
    const options = await h.core.request('chat.models', {});
    expect(options.map((o) => o.id)).toEqual(['auto', 'local', 'cloud']);
    expect(options.map((o) => o.kind)).toEqual(['auto', 'local', 'cloud']);
    expect(options.find((o) => o.id === 'cloud')).toMatchObject({ available: false, reason: expect.stringMatching(/Integrations › Cloud model/) });
  });
});

describe('reply speed, pins and folders', () => {
  it('a streamed reply stores its time to first token and tokens per second', async () => {
    h = await createHarness({
      script: {
        model: 'speedy',
        rules: [
          { match: { role: 'intent' }, response: intentResponse('conversation') },
          { match: { role: 'conversation' }, response: { type: 'text', text: 'one two three four five six', delayMs: 300, tokenDelayMs: 20, usage: { promptTokens: 10, completionTokens: 6 } } },
        ],
      },
    });
    const { replies } = await h.send('count for me');
    const metrics = replies[0]!.metrics!;
    expect(metrics.model).toBe('speedy');
    expect(metrics.completionTokens).toBe(6);
    // The scripted model waits 300 ms before its first word: the wait is measured, not guessed.
    expect(metrics.timeToFirstTokenMs).toBeGreaterThanOrEqual(290);
    expect(metrics.tokensPerSecond).toBeGreaterThan(0);
    // Stored with the message: a reload shows the same numbers.
    expect(h.core.conversations.repo.getMessage(replies[0]!.id).metrics).toEqual(metrics);
  });

  it('pins and folders persist, are announced, and pinned conversations can be listed on their own', async () => {
    h = await createHarness({ script: chatScript(['a', 'b']) });
    const one = await h.send('first conversation');
    const two = await h.send('second conversation');
    const pinned = await h.core.request('conversations.pin', { id: one.conversationId, pinned: true });
    expect(pinned.pinned).toBe(true);
    expect(h.events.some((e) => e.type === 'conversation.updated' && e.conversation.id === one.conversationId && e.conversation.pinned === true)).toBe(true);
    expect((await h.core.request('conversations.list', { pinned: true })).map((c) => c.id)).toEqual([one.conversationId]);
    expect((await h.core.request('conversations.list', { pinned: false })).map((c) => c.id)).toEqual([two.conversationId]);

    const filed = await h.core.request('conversations.setFolder', { id: two.conversationId, folder: '  Clients  ' });
    expect(filed.folder).toBe('Clients');
    expect((await h.core.request('conversations.list', {})).find((c) => c.id === two.conversationId)?.folder).toBe('Clients');
    await expect(h.core.request('conversations.setFolder', { id: two.conversationId, folder: ' ' })).rejects.toThrow(/folder: must not be empty/);
    await expect(h.core.request('conversations.setFolder', { id: two.conversationId, folder: 'x'.repeat(61) })).rejects.toThrow(/folder: is too long \(max 60 characters\)/);
    expect((await h.core.request('conversations.setFolder', { id: two.conversationId, folder: null })).folder).toBeUndefined();
    expect((await h.core.request('conversations.pin', { id: one.conversationId, pinned: false })).pinned).toBeUndefined();
  });
});
