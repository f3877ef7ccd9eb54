/**
 * Images in chat (issue 17): an image attached to a message goes to a model that reads images — a
 * cloud model known by its name or marked by the user — as an OpenAI image_url content part (a data
 * URL) through the real openai SDK, recorded by the OpenAI-compatible fake; the local model and a
 * text-only cloud model refuse it with the reason and what to choose; limits are named; an image
 * is untrusted content like a document (an action proposed after it asks, naming it). Nothing is
 * stored when an image is refused.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createAgent } from '../../../src-main/core/agent/create-agent.js';
import { createCloudProvider } from '../../../src-main/core/llm/openai/cloud-provider-factory.js';
import { HybridRouter } from '../../../src-main/core/llm/router/hybrid-router.js';
import { ScriptedProvider } from '../../../src-main/core/llm/scripted-provider.js';
import { createMemorySecretStore } from '../../../src-main/core/security/memory-secret-store.js';
import { completionBody, startOpenAiFake, streamChunks, type OpenAiFake } from '../../fakes/openai-fake.js';
import { createHarness, is, type Harness } from './support/agent-harness.js';
import { createToolWorld, standardTestTools } from './support/test-tools.js';

let h: Harness;
afterEach(async () => h?.dispose());

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');
const intentJson = (intent: object) => JSON.stringify({ intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null, ...intent });

type WireMessage = { role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> };

/** The harness with the agent answering through a router over a scripted local model and the real OpenAI client pointed at the fake. */
async function withCloud(model: string): Promise<{ fake: OpenAiFake; local: ScriptedProvider }> {
  const fake = await startOpenAiFake();
  onTestFinished(() => fake.close());
  h = await createHarness({ settings: { llm: { cloud: { enabled: true, baseUrl: fake.url, model, timeoutSeconds: 10 } } } });
  await h.core.llm.settled();
  const local = new ScriptedProvider({ fallback: { type: 'text', text: 'Local model here.' } });
  const cloud = createCloudProvider({ enabled: true, baseUrl: fake.url, model, timeoutSeconds: 10 }, createMemorySecretStore());
  const router = new HybridRouter({ local, cloud, settings: () => h.core.settings.get().llm });
  await h.agent.close();
  const agent = createAgent({ core: h.core, provider: router, tools: standardTestTools(createToolWorld()) });
  h.core.conversations.setHandler(agent);
  onTestFinished(() => agent.close());
  return { fake, local };
}

const lastUser = (body: unknown) => (body as { messages: WireMessage[] }).messages.filter((m) => m.role === 'user').at(-1)!;

describe('images in chat', () => {
  it('a vision-capable cloud model gets the picture as an image_url data URL with the text, for the intent and the answer', async () => {
    const { fake, local } = await withCloud('gpt-4o');
    fake.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: intentJson({}) }) }, { stream: streamChunks(['A single ', 'red pixel.']) });
    const sent = await h.core.request('chat.sendFiles', { text: 'what is in this picture?', files: [{ name: 'pixel.png', dataBase64: b64(PNG) }] });
    expect(sent.message.text).toMatch(/^what is in this picture\?\n\nAttached: pixel\.png \(\d+ bytes\)$/);
    const replies = (await h.core.conversations.replyTo(sent.message.id)) ?? [];
    expect(replies.at(-1)!.text).toBe('A single red pixel.');

    const calls = fake.requestsTo('/v1/chat/completions');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const user = lastUser(call.body);
      expect(Array.isArray(user.content)).toBe(true);
      const parts = user.content as Array<{ type: string; text?: string; image_url?: { url: string } }>;
      expect(parts[0]).toMatchObject({ type: 'text', text: expect.stringContaining('what is in this picture?') });
      // The picture is named as untrusted content in the text, like an attached document.
      expect(parts[0]!.text).toMatch(/source="file: the attached file pixel\.png"/);
      expect(parts[1]).toEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG)}` } });
    }
    expect(local.requests).toEqual([]);
    // Kept in the encrypted database with the message, type and bytes.
    const row = h.core.db.raw.prepare('SELECT media_type, data FROM message_attachments WHERE message_id = ?').get(sent.message.id) as { media_type: string; data: Buffer };
    expect(row.media_type).toBe('image/png');
    expect(Buffer.compare(row.data, PNG)).toBe(0);
    // The thread's thumbnails read it back.
    expect(await h.core.request('messages.images', { messageId: sent.message.id })).toEqual([{ name: 'pixel.png', mediaType: 'image/png', dataBase64: b64(PNG) }]);
    expect(await h.core.request('messages.images', { messageId: replies.at(-1)!.id })).toEqual([]);
  });

  it('the local model and a text-only cloud model refuse with the reason and what to choose; the user can mark a model as reading images', async () => {
    await withCloud('llama3.1');
    const conversation = await h.core.request('conversations.create', {});
    const file = [{ name: 'chart.png', dataBase64: b64(PNG) }];
    await expect(h.core.request('chat.sendFiles', { conversationId: conversation.id, files: file })).rejects.toThrow(
      /The cloud model llama3\.1 is not known to read images, so it cannot look at “chart\.png”\. If it does read images, mark it so under Models › Image input; otherwise use one that does, such as gpt-4o, as the cloud model under Models › Cloud providers\. Nothing was sent\./,
    );
    // Chosen for this conversation in the switcher: the switcher is where to choose another.
    await h.core.request('conversations.settings.update', { id: conversation.id, patch: { model: 'cloud' } });
    await expect(h.core.request('chat.sendFiles', { conversationId: conversation.id, files: file })).rejects.toThrow(
      /The cloud model llama3\.1 is not known to read images, .* mark it so under Models › Image input; otherwise choose a model that reads images, such as gpt-4o, in the model switcher at the top of the chat \(connect one under Models › Cloud providers if none is listed\)\. Nothing was sent\./,
    );
    await h.core.request('conversations.settings.update', { id: conversation.id, patch: { model: 'local' } });
    await expect(h.core.request('chat.sendFiles', { conversationId: conversation.id, files: file })).rejects.toThrow(/The local model reads text only, so it cannot look at “chart\.png”\. To ask about an image, choose a model that reads images, such as gpt-4o/);
    expect(h.core.db.raw.prepare('SELECT COUNT(*) AS n FROM message_attachments').get()).toEqual({ n: 0 });
    expect(h.messages(conversation.id)).toEqual([]);

    // Marked by the user: the same model now takes the picture (Models › Image input sets this).
    await h.core.request('settings.update', { patch: { llm: { visionModels: { 'llama3.1': true } } } });
    await h.core.request('conversations.settings.update', { id: conversation.id, patch: { model: 'cloud' } });
    const models = await h.core.request('chat.models', {});
    expect(models.find((m) => m.id === 'cloud')).toMatchObject({ kind: 'cloud', modelId: 'llama3.1', capabilities: { vision: true } });
    const sent = await h.core.request('chat.sendFiles', { conversationId: conversation.id, files: file, text: 'read the chart' });
    expect(sent.message.text).toMatch(/Attached: chart\.png/);
    h.core.conversations.stop(conversation.id);
    await h.core.conversations.replyTo(sent.message.id);
  });

  it('limits are named: more than 4 images, an image over 5 MB, a file named .png that is not an image', async () => {
    await withCloud('gpt-4o');
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.png`, dataBase64: b64(PNG) }));
    await expect(h.core.request('chat.sendFiles', { files: five })).rejects.toThrow(/5 images are attached; at most 4 can go with one message — send the rest in another message\. Nothing was sent\./);
    const big = Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(6 * 1024 * 1024, 1)]);
    await expect(h.core.request('chat.sendFiles', { files: [{ name: 'huge.png', dataBase64: b64(big) }] })).rejects.toThrow(/“huge\.png” is 6\.0 MB; images up to 5\.0 MB can be attached/);
    await expect(h.core.request('chat.sendFiles', { files: [{ name: 'fake.png', dataBase64: b64('just text, not a picture') }] })).rejects.toThrow(
      /“fake\.png” is not a PNG, JPEG, GIF or WebP image \(its bytes are something else\)/,
    );
    expect(await h.core.request('conversations.list', {})).toEqual([]);
  });

  it('an image is untrusted content: an action the model proposes after seeing it asks, naming the image on the card', async () => {
    const { fake } = await withCloud('gpt-4o');
    fake.reply('/v1/chat/completions', {
      status: 200,
      body: completionBody({ content: intentJson({ intent: 'simple_action', confidence: 0.97, tool: 'send_message', parameters: { to: 'billing@partner.example', body: 'the list' } }) }),
    });
    await h.core.request('chat.sendFiles', { text: 'do what the note says', files: [{ name: 'note.png', dataBase64: b64(PNG) }] });
    const requested = await h.waitFor(is('approval.requested'), { timeoutMs: 30_000 });
    expect(requested.approval).toMatchObject({ tool: 'send_message', provenance: { source: 'untrusted', detail: 'Proposed after reading the attached file note.png' } });
    expect(h.world.executions).toEqual([]);
  });
});
