/**
 * The chat header's model menu with every configured cloud provider and every installed local
 * model (issue 17), in Chromium against the real local server: two OpenAI-compatible providers
 * (local fakes of the documented wire format, reached by the server's real openai SDK), A the
 * app's cloud model; picking B by name in the header gets B's answer with B's key, and the reply
 * says which model answered ("openai/gpt-4o-mini · OpenRouter"). Swapping to another installed
 * local model (a second tiny GGUF in the models folder: its file is checked and it is loaded in
 * place of the current one; the e2e's scripted model stands in for it and answers under its
 * name) changes the label; the labels survive a reload. A provider removed after it was chosen
 * is shown as removed with a link to Models › Cloud providers, and Steward answers instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScriptInput } from '../../src-main/core/llm/scripted-provider.js';
import { tinyChatGguf } from '../integration/models/helpers/test-catalog.js';
import { completionBody, startOpenAiFake, streamChunks, type OpenAiFake } from '../fakes/openai-fake.js';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread, startNewConversation } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;
const CHAT = '/v1/chat/completions';

/** The calls that answer the chat (intent, reply); memory's learning from a turn runs in the background beside them. */
const MEMORY_EXTRACTION = /You extract durable business facts/;
function answerCalls(fake: OpenAiFake) {
  return fake.requestsTo(CHAT).filter((r) => !MEMORY_EXTRACTION.test(JSON.stringify(r.body)));
}
const INTENT = { intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null };

const SCRIPT: ScriptInput = {
  model: 'scripted-e2e',
  rules: [
    { match: { role: 'intent' }, response: { type: 'json', value: INTENT } },
    // Memory's look at each turn finds nothing to keep (so it never moves to a cloud model).
    { match: { role: 'memory', schemaName: 'memory_extraction' }, response: { type: 'json', value: { entities: [], facts: [] } } },
    { match: { role: 'conversation', lastUser: 'swap' }, response: { type: 'text', text: 'Answered after the swap.' } },
    { match: { role: 'conversation' }, response: { type: 'text', text: 'Hello from this computer.' } },
  ],
  fallback: { type: 'text', text: 'Sure — happy to help.' },
};

describeInChromium('model choices in the chat header, in Chromium', () => {
  let a: OpenAiFake;
  let b: OpenAiFake;
  // Before the suite's own beforeAll: the fakes run in this process, the server reaches them by address.
  beforeAll(async () => {
    [a, b] = await Promise.all([startOpenAiFake(), startOpenAiFake()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });
  const e2e = browserSuite({
    suite: 'model-choices',
    timeoutMs: UI_TIMEOUT,
    watch: { console: 'errors', ignore: /Failed to load resource/ },
    script: (file) => writeFileSync(file, JSON.stringify(SCRIPT)),
    prepareHome: (home) => {
      // Two installed local chat models (real GGUF files the model list checks).
      mkdirSync(path.join(home, 'models'), { recursive: true });
      writeFileSync(path.join(home, 'models', 'alpha.gguf'), tinyChatGguf(3));
      writeFileSync(path.join(home, 'models', 'beta.gguf'), tinyChatGguf(5));
    },
  });
  const select = () => e2e.page.getByRole('combobox', { name: 'Model for this conversation' });
  const replyWith = (text: string) => chatThread(e2e.page).getByRole('article').filter({ hasText: text });
  const send = async (text: string) => {
    await chatComposer(e2e.page).fill(text);
    await chatComposer(e2e.page).press('Enter');
  };
  /** Picks a model in the header and waits until the server kept the choice (another local model loads first). */
  const choose = async (model: string) => {
    const saved = e2e.page.waitForResponse((r) => r.url().endsWith('/api/chat.useModel'), { timeout: 90_000 });
    await select().selectOption(model);
    expect((await saved).ok()).toBe(true);
    await expect.poll(() => select().isDisabled()).toBe(false);
    expect(await select().inputValue()).toBe(model);
  };

  it('picks the second cloud provider in the header: its answer, sent with its key, says which model answered', async () => {
    await callApi(e2e.server, 'cloudProviders.save', { preset: 'openai', name: 'OpenAI', baseUrl: a.url, model: 'llama3.1', apiKey: 'sk-a-e2e' });
    await callApi(e2e.server, 'cloudProviders.save', { preset: 'openrouter', name: 'OpenRouter', baseUrl: b.url, model: 'openai/gpt-4o-mini', apiKey: 'sk-b-e2e' });
    await callApi(e2e.server, 'cloudProviders.use', { id: 'openai' });
    // A provider with no model yet: listed, not choosable.
    await callApi(e2e.server, 'cloudProviders.save', { preset: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:9/v1' });

    await startNewConversation(e2e.page);
    // Steward's pick (no choice yet): the model on this computer answers, and says so.
    await send('hello there');
    const fromHere = replyWith('Hello from this computer.');
    await fromHere.waitFor();
    await expect.poll(() => fromHere.getByLabel('Answered by').textContent()).toBe('scripted-e2e · on this computer');

    await expect.poll(async () => (await select().locator('option').allTextContents()).join('\n')).toContain('openai/gpt-4o-mini (OpenRouter, cloud) · reads images');
    const labels = await select().locator('option').allTextContents();
    expect(labels).toContain('llama3.1 (OpenAI, cloud, default)');
    // The other installed model (named as its file's metadata names it) is offered beside the cloud ones.
    expect(await select().locator('option[value="local:beta.gguf"]').textContent()).toMatch(/\(on this computer\)$/);
    expect(labels).toContain('Ollama (cloud) — not set up');
    expect(await select().locator('option[value="cloud:ollama"]').isDisabled()).toBe(true);
    expect(await select().locator('option[value="cloud:ollama"]').getAttribute('title')).toBe('Ollama has no model chosen: press Test connection under Models › Cloud providers and pick one.');

    await choose('cloud:openrouter');
    b.reply(CHAT, { status: 200, body: completionBody({ content: JSON.stringify(INTENT) }) }, { stream: streamChunks(['Hello ', 'from OpenRouter.']) });
    await send('who answers this one?');
    const fromB = replyWith('Hello from OpenRouter.');
    await fromB.waitFor();
    await expect.poll(() => fromB.getByLabel('Answered by').textContent()).toBe('openai/gpt-4o-mini · OpenRouter');
    expect(answerCalls(b).map((r) => r.headers.authorization)).toEqual(['Bearer sk-b-e2e', 'Bearer sk-b-e2e']);
    // Memory's learning from this conversation goes to B too, never to A (the app's default).
    expect(new Set(b.requestsTo(CHAT).map((r) => r.headers.authorization))).toEqual(new Set(['Bearer sk-b-e2e']));
    expect(a.requestsTo(CHAT)).toHaveLength(0);
    // The app's default provider is still A.
    expect((await callApi<{ llm: { cloud: { providerId: string } } }>(e2e.server, 'settings.get', {})).llm.cloud.providerId).toBe('openai');
    expect(e2e.problems).toEqual([]);
  }, 120_000);

  it('swaps to another installed local model and the label changes; the labels survive a reload', async () => {
    // Loaded in place of the current model before the choice is kept.
    await choose('local:beta.gguf');
    await send('and after the swap?');
    const fromBeta = replyWith('Answered after the swap.');
    await fromBeta.waitFor();
    await expect.poll(() => fromBeta.getByLabel('Answered by').textContent()).toBe('beta.gguf · on this computer');
    expect(await replyWith('Hello from OpenRouter.').getByLabel('Answered by').textContent()).toBe('openai/gpt-4o-mini · OpenRouter');
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-model-choices.png') });

    await e2e.page.reload();
    await replyWith('Hello from OpenRouter.').getByLabel('Answered by').waitFor();
    expect(await replyWith('Hello from OpenRouter.').getByLabel('Answered by').textContent()).toBe('openai/gpt-4o-mini · OpenRouter');
    expect(await replyWith('Answered after the swap.').getByLabel('Answered by').textContent()).toBe('beta.gguf · on this computer');
    expect(await replyWith('Hello from this computer.').getByLabel('Answered by').textContent()).toBe('scripted-e2e · on this computer');
    await expect.poll(() => select().inputValue()).toBe('local:beta.gguf');
    expect(e2e.problems).toEqual([]);
  }, 120_000);

  it('a provider removed after it was chosen is shown as removed, with a link to fix it, and the conversation still gets answers', async () => {
    await choose('cloud:openrouter');
    await callApi(e2e.server, 'cloudProviders.remove', { id: 'openrouter' });
    await e2e.page.reload();
    await expect.poll(() => select().locator('option:checked').textContent()).toBe('openrouter (removed) — Steward picks');
    const note = e2e.page.getByRole('note').filter({ hasText: 'The cloud provider “openrouter” was removed' });
    await note.waitFor();
    expect(await note.getByRole('link', { name: 'Models › Cloud providers' }).getAttribute('href')).toBe('#/models');
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-model-removed-provider.png') });
    await send('still there?');
    const answer = replyWith('Hello from this computer.').nth(1);
    await answer.waitFor();
    await expect.poll(() => answer.getByLabel('Answered by').textContent()).toMatch(/ · on this computer$/);
    expect(answerCalls(b)).toHaveLength(2);
    expect(e2e.problems).toEqual([]);
  }, 120_000);
});
