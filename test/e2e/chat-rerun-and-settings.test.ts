/**
 * Chat controls people expect (issue 17), in Chromium against the real local server and a scripted
 * model: Regenerate the last reply; Edit a sent message and re-run from there (it says what will be
 * replaced); a conversation's persona and style preset reach the model (the scripted model answers
 * differently only when both arrive); the model switcher in the header, kept per conversation;
 * reply speed under each reply when Settings › Chat asks; pinned conversations and folders in the
 * sidebar, kept after a reload.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 20_000;

function writeScript(file: string): void {
  writeFileSync(
    file,
    JSON.stringify({
      model: 'scripted-e2e',
      rules: [
        { match: { role: 'intent' }, response: { type: 'json', value: { intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null } } },
        // The first answer to the colour question, then a different one when it is asked again.
        { match: { lastUser: 'favourite colour' }, times: 1, response: { type: 'text', text: 'Blue, I think.' } },
        { match: { lastUser: 'favourite colour' }, response: { type: 'text', text: 'Green, on reflection.' } },
        { match: { lastUser: 'trip to Rome' }, response: { type: 'text', text: 'Here is a plan for Rome.' } },
        { match: { lastUser: 'trip to Paris' }, response: { type: 'text', text: 'Here is a plan for Paris.' } },
        // Only when the persona is in the system prompt AND the Creative temperature arrives.
        { match: { lastUser: 'weather', system: 'Talk like a pirate', temperature: 1.1 }, response: { type: 'text', text: 'Arr, sunny skies ahead, matey.' } },
        { match: { lastUser: 'weather' }, response: { type: 'text', text: 'It is sunny.' } },
        // The attached file's text reaches the model (inside the untrusted-data wrapper).
        { match: { lastUser: 'attached file report\\.txt[\\s\\S]*Quarterly revenue was 42' }, response: { type: 'text', text: 'The report says revenue was 42.' } },
        { match: { lastUser: 'count slowly' }, response: { type: 'text', text: 'one two three four five six seven eight', delayMs: 400, tokenDelayMs: 40 } },
      ],
      fallback: { type: 'text', text: 'Sure — happy to help.' },
    }),
  );
}

describeInChromium('chat rerun and conversation settings in Chromium', () => {
  const e2e = browserSuite({ suite: 'rerun', script: writeScript, timeoutMs: UI_TIMEOUT });

  const send = async (text: string) => {
    await chatComposer(e2e.page).fill(text);
    await chatComposer(e2e.page).press('Enter');
  };
  const reply = (text: string | RegExp) => chatThread(e2e.page).getByRole('article', { name: 'Steward says' }).filter({ hasText: text });
  const newConversation = async () => {
    await e2e.page.getByRole('button', { name: 'New conversation' }).click();
    await e2e.page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
  };

  it('Regenerate answers the last message again and the old answer leaves the thread', async () => {
    await send('what is your favourite colour?');
    await reply('Blue, I think.').waitFor();
    await reply('Blue, I think.').hover();
    await reply('Blue, I think.').getByRole('button', { name: 'Regenerate reply' }).click();
    await reply('Green, on reflection.').waitFor();
    await reply('Blue, I think.').waitFor({ state: 'detached' });
    expect(await chatThread(e2e.page).getByRole('article', { name: 'You said' }).count()).toBe(1);
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-regenerated.png') });
    // Nothing is lost: the replaced answer is listed under Replaced messages.
    await e2e.page.getByRole('button', { name: /^More/ }).click();
    await e2e.page.getByRole('button', { name: 'Replaced messages' }).click();
    const replaced = e2e.page.getByRole('dialog', { name: 'Replaced messages' });
    await replaced.getByRole('listitem', { name: 'Steward, replaced by a regenerate' }).getByText('Blue, I think.').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-replaced-messages.png') });
    await replaced.getByRole('button', { name: 'Close' }).click();
    await replaced.waitFor({ state: 'hidden' });
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('Edit changes a sent message, says what it replaces, and re-runs from there', async () => {
    await newConversation();
    await send('plan a trip to Rome');
    await reply('Here is a plan for Rome.').waitFor();
    const mine = chatThread(e2e.page).getByRole('article', { name: 'You said' }).filter({ hasText: 'trip to Rome' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit message' }).click();
    const form = e2e.page.getByRole('form', { name: 'Edit message' });
    await form.getByText('Your message and the reply after it will be replaced (kept under Replaced messages)').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-edit-message.png') });
    await form.getByRole('textbox', { name: 'New text of your message' }).fill('plan a trip to Paris');
    await form.getByRole('button', { name: 'Save and re-run' }).click();
    await reply('Here is a plan for Paris.').waitFor();
    await chatThread(e2e.page).getByText('plan a trip to Paris').waitFor();
    expect(await chatThread(e2e.page).getByText(/Rome/).count()).toBe(0);
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('a persona and the Creative preset reach the model; a bad number is refused under its field', async () => {
    await newConversation();
    await send('hello there');
    await reply('Sure — happy to help.').waitFor();
    await e2e.page.getByRole('button', { name: 'Conversation settings' }).click();
    const dialog = e2e.page.getByRole('dialog', { name: 'Conversation settings' });
    await dialog.getByRole('textbox', { name: 'Persona' }).fill('Talk like a pirate.');
    await dialog.getByRole('radio', { name: /Creative/ }).check();
    expect(await dialog.getByRole('textbox', { name: 'Temperature' }).inputValue()).toBe('1.1');
    await dialog.getByRole('textbox', { name: 'Max tokens' }).fill('12.5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Max tokens must be a whole number').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-conversation-settings.png') });
    await dialog.getByRole('textbox', { name: 'Max tokens' }).fill('200');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await send('how is the weather?');
    await reply('Arr, sunny skies ahead, matey.').waitFor();
    // Another conversation keeps its own (default) settings.
    await newConversation();
    await send('how is the weather today?');
    await reply('It is sunny.').waitFor();
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('the model switcher lists the local model and the cloud model (not set up), and keeps the choice per conversation', async () => {
    const select = e2e.page.getByRole('combobox', { name: 'Model for this conversation' });
    await select.waitFor();
    expect(await select.inputValue()).toBe('auto');
    const labels = await select.locator('option').allTextContents();
    expect(labels[0]).toBe('Automatic (Steward picks)');
    expect(labels[2]).toBe('Cloud model — not set up');
    expect(await select.locator('option[value="cloud"]').isDisabled()).toBe(true);
    await select.selectOption('local');
    await send('and the weather tomorrow?');
    await reply(/sunny/).nth(1).waitFor();
    await e2e.page.reload();
    await e2e.page.getByRole('combobox', { name: 'Model for this conversation' }).waitFor();
    await expect.poll(() => e2e.page.getByRole('combobox', { name: 'Model for this conversation' }).inputValue()).toBe('local');
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('reply speed shows under replies once switched on in Settings › Chat', async () => {
    await send('count slowly for me');
    await reply(/one two three/).waitFor();
    expect(await e2e.page.getByLabel('Reply speed').count()).toBe(0);
    await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await e2e.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await e2e.page.getByRole('region', { name: 'Chat' }).getByRole('switch', { name: /Show reply speed/ }).click();
    await expect.poll(() => e2e.page.getByRole('region', { name: 'Chat' }).getByRole('switch', { name: /Show reply speed/ }).isChecked()).toBe(true);
    await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    const speed = reply(/one two three/).getByLabel('Reply speed');
    await speed.waitFor();
    expect(await speed.textContent()).toMatch(/First word after \d+(\.\d)? (ms|s).*tokens\/s.*8 tokens.*scripted-e2e/);
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-reply-speed.png') });
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('attaches a text file (picked) and refuses an image with the reason (no model here reads images), keeping it in the box', async () => {
    await newConversation();
    const input = e2e.page.getByTestId('attach-input');
    await input.setInputFiles([{ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') }]);
    const files = e2e.page.getByRole('list', { name: 'Files to send' });
    await files.getByText('photo.png').waitFor();
    await chatComposer(e2e.page).fill('what is in this?');
    await chatComposer(e2e.page).press('Enter');
    await e2e.page.getByRole('alert').filter({ hasText: 'No model that reads images is set up, so Steward cannot look at “photo.png”: the local model reads text only' }).waitFor();
    await files.getByText('photo.png').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-attachment-refused.png') });
    await files.getByRole('button', { name: 'Remove photo.png' }).click();

    await input.setInputFiles([{ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('Quarterly revenue was 42 thousand.') }]);
    await files.getByText('report.txt').waitFor();
    await chatComposer(e2e.page).fill('summarise the report');
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-attachment.png') });
    await chatComposer(e2e.page).press('Enter');
    await reply('The report says revenue was 42.').waitFor();
    await chatThread(e2e.page).getByText(/Attached: report\.txt \(\d+ bytes\)/).waitFor();
    await files.waitFor({ state: 'detached' });
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('pins a conversation and files another in a folder; both stay after a reload', async () => {
    const sidebar = e2e.page.getByRole('complementary', { name: 'Conversations' });
    await sidebar.getByRole('button', { name: /^Pin “what is your favourite colour\?”/ }).click();
    const pinned = sidebar.getByRole('region', { name: 'Pinned' });
    await pinned.getByText('what is your favourite colour?').waitFor();

    await sidebar.getByRole('button', { name: /^Move “plan a trip to Rome” to a folder/ }).click();
    await sidebar.getByLabel('Folder name').fill('x'.repeat(61));
    await sidebar.getByRole('button', { name: 'Move', exact: true }).click();
    await sidebar.getByText('Folder name is too long (max 60 characters)').waitFor();
    await sidebar.getByLabel('Folder name').fill('Travel');
    await sidebar.getByRole('button', { name: 'Move', exact: true }).click();
    await sidebar.getByRole('region', { name: 'Travel' }).getByText('plan a trip to Rome').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-pinned-and-folders.png') });

    await e2e.page.reload();
    await e2e.page.getByRole('complementary', { name: 'Conversations' }).getByRole('region', { name: 'Pinned' }).getByText('what is your favourite colour?').waitFor();
    await e2e.page.getByRole('complementary', { name: 'Conversations' }).getByRole('region', { name: 'Travel' }).getByText('plan a trip to Rome').waitFor();
    expect(e2e.problems).toEqual([]);
  }, 60_000);
});
