/**
 * Every configured cloud provider in the chat's model switcher (issue 17): two OpenAI-compatible
 * servers (local fakes of the documented wire format, reached through the real openai SDK), A the
 * app's cloud model and B chosen for one conversation by name ('cloud:<provider>'). That
 * conversation's calls go to B with B's key and B's model; every other conversation stays on A;
 * each reply records which model answered and where. Unusable and unknown providers are refused
 * by name, and a provider removed later makes the conversation fall back with a note, not fail.
 * The real core and agent over the real model layer (LlmService's router).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StewardEvent } from '../../../src-preload/contract.js';
import { createAgent } from '../../../src-main/core/agent/create-agent.js';
import { completionBody, errorBody, startOpenAiFake, streamChunks, type OpenAiFake } from '../../fakes/openai-fake.js';
import { createHarness, type Harness } from '../agent/support/agent-harness.js';
import { createToolWorld, standardTestTools } from '../agent/support/test-tools.js';

const CHAT = '/v1/chat/completions';
const INTENT = JSON.stringify({ intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null });

let a: OpenAiFake;
let b: OpenAiFake;
let h: Harness;
let closeAgent: () => Promise<void>;

/** The fake answers one turn: the intent (JSON), then the streamed reply. */
function answersOneTurn(fake: OpenAiFake, pieces: string[]): void {
  fake.reply(CHAT, { status: 200, body: completionBody({ content: INTENT }) }, { stream: streamChunks(pieces) });
}

beforeEach(async () => {
  [a, b] = await Promise.all([startOpenAiFake(), startOpenAiFake()]);
  h = await createHarness({});
  // The agent over the app's own model layer (no local model installed), so routing is the real one.
  await h.agent.close();
  const agent = createAgent({ core: h.core, provider: h.core.llm.router, tools: standardTestTools(createToolWorld()) });
  h.core.conversations.setHandler(agent);
  closeAgent = () => agent.close();
  await h.core.request('cloudProviders.save', { preset: 'openai', name: 'OpenAI', baseUrl: a.url, model: 'llama3.1', apiKey: 'sk-a-key' });
  await h.core.request('cloudProviders.save', { preset: 'openrouter', name: 'OpenRouter', baseUrl: b.url, model: 'openai/gpt-4o-mini', apiKey: 'sk-b-key' });
  await h.core.request('cloudProviders.use', { id: 'openai' });
  await h.core.llm.settled();
});
afterEach(async () => {
  await closeAgent();
  await h.dispose();
  await Promise.all([a.close(), b.close()]);
});

describe('a conversation pinned to one cloud provider by name', () => {
  it('is answered by that provider with its own key and model; other conversations stay on the default provider; each reply says who answered', async () => {
    const options = await h.core.request('chat.models', {});
    expect(options.filter((o) => o.kind === 'cloud').map((o) => [o.id, o.label, o.available])).toEqual([
      ['cloud', 'llama3.1 (OpenAI, cloud, default)', true],
      ['cloud:openai', 'llama3.1 (OpenAI, cloud)', true],
      ['cloud:openrouter', 'openai/gpt-4o-mini (OpenRouter, cloud)', true],
    ]);
    // Images: judged per provider's model (gpt-4o-mini reads them, llama3.1 does not).
    expect(options.find((o) => o.id === 'cloud:openrouter')).toMatchObject({ modelId: 'openai/gpt-4o-mini', provider: 'OpenRouter', capabilities: { vision: true } });
    expect(options.find((o) => o.id === 'cloud:openai')!.capabilities).toEqual({ vision: false });
    expect(() => h.core.llm.assertCanReadImages('cloud:openrouter', ['chart.png'])).not.toThrow();
    expect(() => h.core.llm.assertCanReadImages('cloud', ['chart.png'])).toThrow(/llama3\.1 is not known to read images/);

    const pinned = await h.core.request('conversations.create', { title: 'Via B' });
    expect((await h.core.request('chat.useModel', { conversationId: pinned.id, model: 'cloud:openrouter' })).model).toBe('cloud:openrouter');
    // The app's default provider is unchanged.
    expect(h.core.settings.get().llm.cloud).toMatchObject({ providerId: 'openai', baseUrl: a.url, model: 'llama3.1' });

    answersOneTurn(b, ['Hello ', 'from B.']);
    const viaB = await h.send('who are you?', pinned.id);
    expect(viaB.replies.map((m) => m.text)).toEqual(['Hello from B.']);
    expect(viaB.replies[0]!.metrics).toMatchObject({ model: 'openai/gpt-4o-mini', location: 'cloud', provider: 'OpenRouter' });
    const sentToB = b.requestsTo(CHAT);
    expect(sentToB).toHaveLength(2);
    for (const request of sentToB) {
      expect(request.headers.authorization).toBe('Bearer sk-b-key');
      expect((request.body as { model: string }).model).toBe('openai/gpt-4o-mini');
    }
    expect(a.requestsTo(CHAT)).toHaveLength(0);
    // Spent at B's price (gpt-4o-mini's, 5 prompt tokens and 2 completion tokens per streamed answer), not A's (unpriced).
    const spent = () => h.core.db.raw.prepare('SELECT conversation_id AS conversation, SUM(amount_usd) AS usd FROM cost_ledger GROUP BY conversation_id').all() as Array<{ conversation: string; usd: number }>;
    expect(spent().find((r) => r.conversation === pinned.id)?.usd).toBeGreaterThan(0);

    // Another conversation (Steward picks; no local model here) goes to the default provider, A.
    answersOneTurn(a, ['Hello ', 'from A.']);
    const viaA = await h.send('and you?');
    expect(viaA.replies.map((m) => m.text)).toEqual(['Hello from A.']);
    expect(viaA.replies[0]!.metrics).toMatchObject({ model: 'llama3.1', location: 'cloud', provider: 'OpenAI' });
    expect(a.requestsTo(CHAT).map((r) => r.headers.authorization)).toEqual(['Bearer sk-a-key', 'Bearer sk-a-key']);
    expect(b.requestsTo(CHAT)).toHaveLength(2);
    expect(spent().find((r) => r.conversation === viaA.conversationId)?.usd ?? 0).toBe(0);

    // Stored with the message: read back as a reload would.
    expect(h.core.conversations.repo.getMessage(viaB.replies[0]!.id).metrics).toEqual(viaB.replies[0]!.metrics);
    expect((await h.core.request('messages.list', { conversationId: pinned.id })).find((m) => m.id === viaB.replies[0]!.id)?.metrics?.provider).toBe('OpenRouter');
  });

  it('lists providers that cannot answer with why and where to fix it, and refuses them and unknown ones by name, changing nothing', async () => {
    await h.core.request('cloudProviders.save', { preset: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' });
    await h.core.request('cloudProviders.save', { preset: 'custom', name: 'Remote', baseUrl: 'https://models.example.com/v1', model: 'big-model' });
    const options = await h.core.request('chat.models', {});
    expect(options.find((o) => o.id === 'cloud:ollama')).toMatchObject({ label: 'Ollama (cloud)', available: false, reason: 'Ollama has no model chosen: press Test connection under Models › Cloud providers and pick one.' });
    expect(options.find((o) => o.id === 'cloud:remote')).toMatchObject({ label: 'big-model (Remote, cloud)', available: false, reason: 'No API key is saved for Remote: add it under Models › Cloud providers.' });

    const conversation = await h.core.request('conversations.create', {});
    await expect(h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:ollama' })).rejects.toThrow(
      'This conversation is set to answer with Ollama, but Ollama has no model chosen: press Test connection under Models › Cloud providers and pick one, or pick another model in the chat header.',
    );
    await expect(h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:remote' })).rejects.toThrow(/but no API key is saved for Remote: add it under Models › Cloud providers/);
    await expect(h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:nobody' })).rejects.toThrow(/No cloud provider “nobody” is configured\. Add it under Models › Cloud providers/);
    await expect(h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:Not_An_Id' as never })).rejects.toThrow(
      /model: must be 'auto', 'local', 'cloud', 'local:<installed model id>' or 'cloud:<cloud provider id>'/,
    );
    expect((await h.core.request('conversations.settings.get', { id: conversation.id })).model).toBe('auto');
    // No model call went anywhere (memory's embedder may check itself against the default provider in the background).
    expect(a.requestsTo(CHAT)).toHaveLength(0);
    expect(b.requests).toHaveLength(0);
  });

  it('an image goes to the chosen provider when its model reads images, though the default provider’s model does not', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64').toString('base64');
    const onDefault = await h.core.request('conversations.create', {});
    await h.core.request('chat.useModel', { conversationId: onDefault.id, model: 'cloud' });
    await expect(h.core.request('chat.sendFiles', { conversationId: onDefault.id, files: [{ name: 'pixel.png', dataBase64: png }] })).rejects.toThrow(/The cloud model llama3\.1 is not known to read images/);

    const onB = await h.core.request('conversations.create', {});
    await h.core.request('chat.useModel', { conversationId: onB.id, model: 'cloud:openrouter' });
    answersOneTurn(b, ['A red ', 'pixel.']);
    const sent = await h.core.request('chat.sendFiles', { conversationId: onB.id, text: 'what is this?', files: [{ name: 'pixel.png', dataBase64: png }] });
    const replies = (await h.core.conversations.replyTo(sent.message.id)) ?? [];
    expect(replies.at(-1)).toMatchObject({ text: 'A red pixel.', metrics: { provider: 'OpenRouter' } });
    const answer = b.requestsTo(CHAT).at(-1)!.body as { messages: Array<{ role: string; content: unknown }> };
    expect(answer.messages.filter((m) => m.role === 'user').at(-1)!.content).toContainEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } });
    expect(a.requestsTo(CHAT)).toHaveLength(0);
  });

  it('a refused key is named as that provider’s, with where to replace it', async () => {
    const conversation = await h.core.request('conversations.create', {});
    await h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:openrouter' });
    const refused = { status: 401, body: errorBody('Incorrect API key provided: sk-b-key', 'invalid_request_error', 'invalid_api_key') };
    b.reply(CHAT, refused, refused);
    const { replies } = await h.send('hello?', conversation.id);
    expect(replies.at(-1)!.text).toMatch(/OpenRouter rejected the saved API key\. Check or replace it in Models › Cloud providers\./);
    expect(replies.at(-1)!.text).not.toContain('sk-b-key');
    expect(a.requestsTo(CHAT)).toHaveLength(0);
  });

  it('falls back with a note when its provider is removed, instead of failing every message', async () => {
    const conversation = await h.core.request('conversations.create', {});
    await h.core.request('chat.useModel', { conversationId: conversation.id, model: 'cloud:openrouter' });
    expect(await h.core.request('cloudProviders.remove', { id: 'openrouter' })).toEqual({ removed: true });
    expect((await h.core.request('chat.models', {})).map((o) => o.id)).not.toContain('cloud:openrouter');
    const notes: string[] = [];
    h.core.events.subscribe((event: StewardEvent) => {
      if (event.type === 'agent.status' && event.conversationId === conversation.id) notes.push(event.text);
    });

    answersOneTurn(a, ['Still ', 'here.']);
    const { replies } = await h.send('are you there?', conversation.id);
    expect(replies.map((m) => m.text)).toEqual(['Still here.']);
    expect(replies[0]!.metrics).toMatchObject({ model: 'llama3.1', location: 'cloud', provider: 'OpenAI' });
    expect(notes).toContain('The cloud provider “openrouter” chosen for this conversation was removed under Models › Cloud providers, so Steward picks the model until you choose another in the chat header.');
    expect(b.requests).toHaveLength(0);
    // The stored choice is kept as it was (the header shows it as removed); nothing was rewritten behind the user's back.
    expect((await h.core.request('conversations.settings.get', { id: conversation.id })).model).toBe('cloud:openrouter');
  });
});

describe('memory learning from a conversation kept on one model', () => {
  it('asks only that model to learn from its turns: never the default provider', async () => {
    await closeAgent();
    const agent = createAgent({ core: h.core, provider: h.core.llm.router, tools: standardTestTools(createToolWorld()), memory: h.core.memory });
    h.core.conversations.setHandler(agent);
    closeAgent = () => agent.close();
    const pinned = await h.core.request('conversations.create', { title: 'Via B' });
    await h.core.request('chat.useModel', { conversationId: pinned.id, model: 'cloud:openrouter' });

    answersOneTurn(b, ['Noted, ', 'Sarah.']);
    const learned = { entities: [{ name: 'Sarah Lee', type: 'person', aliases: [] }], facts: [{ subject: 'Sarah Lee', subjectType: 'person', predicate: 'title', object: 'CFO', objectType: 'value', category: 'team_members', explicit: true, validFrom: null, validTo: null }] };
    b.reply(CHAT, { status: 200, body: completionBody({ content: JSON.stringify(learned) }) });
    await h.send('Sarah Lee is our CFO.', pinned.id);
    await h.core.memory.idle();

    // Intent, answer and memory's extraction all went to B; A (the app's default) heard nothing of it.
    expect(a.requestsTo(CHAT)).toHaveLength(0);
    const toB = b.requestsTo(CHAT);
    expect(toB).toHaveLength(3);
    expect(JSON.stringify(toB[2]!.body)).toMatch(/Sarah Lee is our CFO/);
    expect(toB[2]!.headers.authorization).toBe('Bearer sk-b-key');
    expect(JSON.stringify(h.core.memory.list({ status: 'all' }))).toMatch(/CFO/);
  });

  it('a conversation kept on this computer is never sent to a cloud model to learn from, even with no local model to do it', async () => {
    // Unpinned, memory's extraction goes where the router sends it (here the default provider, A)…
    a.reply(CHAT, { status: 200, body: completionBody({ content: JSON.stringify({ entities: [], facts: [] }) }) });
    await h.core.memory.learnFromTurn({ conversationId: null, user: { messageId: null, text: 'Our office is in Leeds.' }, assistant: null });
    await h.core.memory.idle();
    expect(a.requestsTo(CHAT)).toHaveLength(1);
    // …kept on this computer, it asks only the local model: there is none, so nothing is learned by a model, and no cloud heard it.
    const result = await h.core.memory.learnFromTurn({ conversationId: null, user: { messageId: null, text: 'Our VAT number is GB123456789.' }, assistant: null, model: { slot: 'local' } });
    await h.core.memory.idle();
    expect(result.error).toBeTruthy();
    expect(a.requestsTo(CHAT)).toHaveLength(1);
    expect(b.requestsTo(CHAT)).toHaveLength(0);
  });
});
