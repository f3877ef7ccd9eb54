/**
 * Chat controls people expect (issue 17), in Chromium against the real local server with a
 * scripted model that is slow on purpose: "Thinking…" shows at once after sending, before the
 * model's first word; Stop (button or Esc) ends the reply, keeps what was written and marks it
 * stopped; the full answer never arrives after it.
 */
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 20_000;
const STORY = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ') + ' THE END';

function writeScript(file: string): void {
  writeFileSync(
    file,
    JSON.stringify({
      rules: [
        { match: { role: 'intent' }, response: { type: 'json', value: { intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null } } },
        // Three seconds before the first word, then one word every 150 ms: like a local model on a CPU.
        { match: { lastUser: 'slow story' }, response: { type: 'text', text: STORY, tokens: STORY.split(/(?= )/), delayMs: 3000, tokenDelayMs: 150 } },
      ],
      fallback: { type: 'text', text: 'Sure — happy to help.' },
    }),
  );
}

describeInChromium('chat controls in Chromium', () => {
  const e2e = browserSuite({ suite: 'controls', script: writeScript, timeoutMs: UI_TIMEOUT });

  const stopButton = () => e2e.page.getByRole('button', { name: 'Stop generating' });

  it('shows "Thinking…" at once, then Stop keeps what was written and marks the reply stopped', async () => {
    await chatComposer(e2e.page).fill('tell me a slow story');
    await chatComposer(e2e.page).press('Enter');
    // Before the model's first word (it waits three seconds) the thread already says Steward is on it.
    const status = e2e.page.getByRole('status').filter({ hasText: 'Thinking…' });
    await status.waitFor();
    expect(await chatThread(e2e.page).getByText('word0').count()).toBe(0);
    await stopButton().waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-thinking.png') });

    await chatThread(e2e.page).getByText(/word3\b/).waitFor();
    await stopButton().click();
    await chatThread(e2e.page).getByText('(stopped)').waitFor();
    await stopButton().waitFor({ state: 'detached' });
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-stopped.png') });
    // Nothing more arrives after the stop.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await chatThread(e2e.page).getByText(/THE END/).count()).toBe(0);
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('Esc in the message box stops a reply too, and the next message is answered normally', async () => {
    await chatComposer(e2e.page).fill('another slow story');
    await chatComposer(e2e.page).press('Enter');
    await stopButton().waitFor();
    await chatComposer(e2e.page).press('Escape');
    await expect.poll(() => chatThread(e2e.page).getByText(/\(stopped\)|^Stopped\.$/).count()).toBeGreaterThanOrEqual(2);
    await stopButton().waitFor({ state: 'detached' });

    await chatComposer(e2e.page).fill('hello again');
    await chatComposer(e2e.page).press('Enter');
    await chatThread(e2e.page).getByText('Sure — happy to help.').waitFor();
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('copies a whole message, exports the conversation as Markdown and JSON, and lists the shortcuts', async () => {
    await e2e.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.origin });
    const reply = chatThread(e2e.page).getByRole('article', { name: 'Steward says' }).filter({ hasText: 'Sure — happy to help.' }).last();
    await reply.hover();
    await reply.getByRole('button', { name: 'Copy message' }).click();
    await reply.getByRole('button', { name: 'Copy message' }).getByText('Copied').waitFor();
    expect(await e2e.page.evaluate(() => navigator.clipboard.readText())).toBe('Sure — happy to help.');

    // Export lives under the header's More menu, which closes after each choice.
    const more = e2e.page.getByRole('button', { name: /^More/ });
    await more.click();
    const [markdown] = await Promise.all([e2e.page.waitForEvent('download'), e2e.page.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toBe('tell-me-a-slow-story.md');
    const md = readFileSync((await markdown.path())!, 'utf8');
    expect(md).toMatch(/^# tell me a slow story\n/);
    expect(md).toContain('## You · ');
    expect(md).toContain('hello again');
    expect(md).toContain('Sure — happy to help.');
    expect(md).toContain('_(stopped)_');

    await more.click();
    const [json] = await Promise.all([e2e.page.waitForEvent('download'), e2e.page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { format: string; conversation: { title: string }; messages: { role: string; text: string }[] };
    expect(exported.format).toBe('steward-conversation');
    expect(exported.conversation.title).toBe('tell me a slow story');
    expect(exported.messages.filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['tell me a slow story', 'another slow story', 'hello again']);

    await chatComposer(e2e.page).press('Control+/');
    const sheet = e2e.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.getByText('Stop the reply being written (in the message box)').waitFor();
    await e2e.page.screenshot({ path: path.join(UI_ARTIFACTS, 'chat-shortcuts.png') });
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'hidden' });
    expect(e2e.problems).toEqual([]);
  }, 60_000);

  it('in the browser, Settings says the quick-command shortcut and notifications work in the desktop app', async () => {
    await e2e.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await e2e.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const quick = e2e.page.getByRole('region', { name: 'Quick command' });
    await quick.getByRole('note', { name: 'Desktop app only' }).getByText(/quick-command shortcut works in the desktop app/).waitFor();
    const notifications = e2e.page.getByRole('region', { name: 'Notifications' });
    await notifications.getByRole('note', { name: 'Desktop app only' }).getByText(/Desktop notifications works in the desktop app/).waitFor();
    expect(await notifications.getByRole('switch', { name: /Desktop notifications/ }).isDisabled()).toBe(true);
    expect(e2e.problems).toEqual([]);
  }, 60_000);
});
