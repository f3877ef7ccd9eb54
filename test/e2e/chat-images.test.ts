/**
 * Images in chat (issue 17), in Chromium against the real local server: a cloud provider added on
 * the Models screen and pointed at a local OpenAI-compatible fake, with a model that reads images
 * (gpt-4o). The user attaches one PNG with the file picker and drops another on the composer,
 * sees both thumbnails, sends, and reads the reply; the fake received each picture as an
 * `image_url` data-URL content part beside the user's text. Then a text-only model becomes the
 * cloud model and the same attachment is refused in the chat with the reason and where to choose
 * another model, nothing reaches the model and the pictures stay in the box; the reason's link to
 * Models › Image input lets the user mark that model as reading images, and back in the chat the
 * waiting pictures go to it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { completionBody, startOpenAiFake, streamChunks, type OpenAiFake, type RecordedRequest } from '../fakes/openai-fake.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;

/** Two real PNGs (1×1, a red and a blue pixel): the server checks the bytes are an image. */
const RED_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const BLUE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC';

type ContentPart = { type: string; text?: string; image_url?: { url: string } };
type WireMessage = { role: string; content: string | ContentPart[] };

const models = (...ids: string[]) => ({ status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) } });
const intentJson = JSON.stringify({ intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null });
const lastUserParts = (request: RecordedRequest): ContentPart[] => {
  const user = (request.body as { messages: WireMessage[] }).messages.filter((m) => m.role === 'user').at(-1)!;
  return typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
};
const imageUrls = (request: RecordedRequest) => lastUserParts(request).filter((p) => p.type === 'image_url').map((p) => p.image_url?.url);

describeInChromium('images in chat, in Chromium', () => {
  let vision: OpenAiFake;
  let textOnly: OpenAiFake;
  beforeAll(async () => {
    [vision, textOnly] = await Promise.all([startOpenAiFake(), startOpenAiFake()]);
  });
  afterAll(async () => {
    await Promise.all([vision?.close(), textOnly?.close()]);
  });
  const e2e = browserSuite({ suite: 'chat-images', timeoutMs: UI_TIMEOUT, watch: { console: 'errors', ignore: /Failed to load resource/ } });

  /** Adds an OpenAI-compatible provider on Models › Cloud providers, tests it and makes `model` the cloud model. */
  async function useCloudProvider(page: Page, preset: string, name: string, fake: OpenAiFake, model: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cloud providers' }) });
    const form = section.getByRole('form', { name: 'Add a cloud provider' });
    await form.getByLabel('Preset').selectOption(preset);
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByRole('button', { name: 'Add provider' }).click();
    const row = section.getByRole('listitem', { name });
    fake.reply('/v1/models', models(model));
    await row.getByRole('button', { name: 'Test connection' }).click();
    await row.getByText(/^Connected to .*: 1 model listed/).waitFor();
    await row.getByLabel(`Model of ${name}`).selectOption(model);
    await row.getByRole('button', { name: 'Use as cloud model' }).click();
    await row.getByText('cloud model', { exact: true }).waitFor();
  }

  async function openNewChat(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
  }

  /** Attaches red.png with the file picker and drops blue.png on the composer, as a user would. */
  async function attachBothWays(page: Page): Promise<void> {
    await page.getByTestId('attach-input').setInputFiles([{ name: 'red.png', mimeType: 'image/png', buffer: Buffer.from(RED_PNG, 'base64') }]);
    const dataTransfer = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'blue.png', { type: 'image/png' }));
      return transfer;
    }, BLUE_PNG);
    const composer = page.getByRole('form', { name: 'Write a message' });
    await composer.dispatchEvent('dragenter', { dataTransfer });
    await composer.dispatchEvent('dragover', { dataTransfer });
    await composer.dispatchEvent('drop', { dataTransfer });
    const files = page.getByRole('list', { name: 'Files to send' });
    await files.getByRole('img', { name: 'Thumbnail of red.png' }).waitFor();
    await files.getByRole('img', { name: 'Thumbnail of blue.png' }).waitFor();
  }

  it('sends a picked and a dropped PNG to a model that reads images, as image_url parts beside the text', async () => {
    const { page } = e2e;
    await useCloudProvider(page, 'ollama', 'Ollama', vision, 'gpt-4o');
    await openNewChat(page);
    await attachBothWays(page);
    await chatComposer(page).fill('Which colours are these pixels?');
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-images-attached.png') });

    vision.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: intentJson, model: 'gpt-4o' }) }, { stream: streamChunks(['One red pixel ', 'and one blue pixel.']) });
    await chatComposer(page).press('Enter');
    const thread = chatThread(page);
    await thread.getByText('One red pixel and one blue pixel.').waitFor({ timeout: 60_000 });
    await page.getByRole('list', { name: 'Files to send' }).waitFor({ state: 'detached' });
    // The sent message keeps its pictures in the thread.
    const sentImages = thread.getByLabel('Attached images');
    await sentImages.getByRole('img', { name: 'red.png' }).waitFor();
    await sentImages.getByRole('img', { name: 'blue.png' }).waitFor();
    // Shown as a tile the user can see, not at the picture's own 1×1 size.
    expect((await sentImages.getByRole('img', { name: 'red.png' }).boundingBox())?.width).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-images-answered.png') });

    const calls = vision.requestsTo('/v1/chat/completions');
    const withImages = calls.filter((c) => imageUrls(c).length > 0);
    // The question and its answer both went with the pictures (the intent check and the reply).
    expect(withImages.length).toBeGreaterThanOrEqual(2);
    for (const call of withImages) {
      expect((call.body as { model: string }).model).toBe('gpt-4o');
      const parts = lastUserParts(call);
      expect(parts[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Which colours are these pixels?') });
      expect(imageUrls(call)).toEqual([`data:image/png;base64,${RED_PNG}`, `data:image/png;base64,${BLUE_PNG}`]);
    }
    expect(e2e.problems).toEqual([]);
  }, 180_000);

  it('with a text-only model in use the same pictures are refused with the reason, and nothing is sent; the reason\'s link marks the model as reading images', async () => {
    const { page } = e2e;
    await useCloudProvider(page, 'lmstudio', 'LM Studio', textOnly, 'llama3.1');
    await openNewChat(page);
    await attachBothWays(page);
    await chatComposer(page).fill('And these?');
    await chatComposer(page).press('Enter');
    const refusal = page.getByRole('form', { name: 'Write a message' }).getByRole('alert');
    await refusal.getByText(/The cloud model llama3\.1 is not known to read images, so it cannot look at “red\.png”, “blue\.png”\./).waitFor();
    // Says which models read images and where to choose one; both places are links.
    expect(await refusal.textContent()).toMatch(/If it does read images, mark it so under Models › Image input; otherwise use one that does, such as gpt-4o, as the cloud model under Models › Cloud providers\. Nothing was sent\./);
    await refusal.getByRole('link', { name: 'Models › Cloud providers' }).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-images-refused.png') });
    // Nothing was sent: no call to either model with the pictures, no message in the thread, the pictures and the text still in the box.
    const files = page.getByRole('list', { name: 'Files to send' });
    await files.getByRole('img', { name: 'Thumbnail of red.png' }).waitFor();
    expect(await chatComposer(page).inputValue()).toBe('And these?');
    expect(await chatThread(page).getByText('And these?').count()).toBe(0);
    expect(textOnly.requestsTo('/v1/chat/completions')).toEqual([]);
    // (Memory may still be learning from the first conversation's turn in the background: only that may reach the vision model.)
    expect(vision.requestsTo('/v1/chat/completions').filter((c) => JSON.stringify(c.body).includes('And these?'))).toEqual([]);

    // The user knows this model reads images: the link opens Models › Image input, where they say so.
    await refusal.getByRole('link', { name: 'Models › Image input' }).click();
    const imageInput = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Image input' }) });
    await imageInput.getByRole('combobox', { name: 'Cloud model llama3.1 reads images' }).selectOption('yes');
    await expect.poll(() => imageInput.getByRole('combobox', { name: 'Cloud model llama3.1 reads images' }).inputValue()).toBe('yes');
    // The other provider's model, which a conversation may choose in the chat, is listed too (judged by its name).
    expect(await imageInput.getByRole('combobox', { name: 'gpt-4o (Ollama) reads images' }).inputValue()).toBe('name');
    // Back in the chat the pictures and the words are still waiting, and now they go.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await files.getByRole('img', { name: 'Thumbnail of blue.png' }).waitFor();
    expect(await chatComposer(page).inputValue()).toBe('And these?');
    textOnly.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: intentJson, model: 'llama3.1' }) }, { stream: streamChunks(['Red and blue again.']) });
    await chatComposer(page).press('Enter');
    await chatThread(page).getByText('Red and blue again.').waitFor({ timeout: 60_000 });
    const sent = textOnly.requestsTo('/v1/chat/completions').filter((c) => imageUrls(c).length > 0);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(imageUrls(sent[0]!)).toEqual([`data:image/png;base64,${RED_PNG}`, `data:image/png;base64,${BLUE_PNG}`]);
    expect(lastUserParts(sent[0]!)[0]).toMatchObject({ type: 'text', text: expect.stringContaining('And these?') });
    expect(e2e.problems).toEqual([]);
  }, 180_000);
});
