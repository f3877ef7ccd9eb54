/**
 * The chat page end to end: the real local server (its own STEWARD_HOME, real encrypted store,
 * real keychain) serving the built renderer, driven in Debian's Chromium. Screenshots go to
 * test-artifacts/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postApi } from './support/api-client.js';
import { chatComposer, chatThread, closeE2e, collectProblemsOnEveryPage, prepareE2eHome } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './support/steward-server.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const UI_TIMEOUT = 15_000;
const FIRST_MESSAGE = 'Please draft a welcome email for Dana, our new bookkeeper, starting Monday.';

// Its own setup rather than browserSuite(): opening the printed link is what the first test checks
// (browserSuite() opens it before any test), and problems are collected on every page the
// context opens, the token pages included. Still one server and one Chromium for the file.
describeInChromium('chat page in Chromium', () => {
  let home: string;
  let server: StewardServer;
  let browser: Browser;
  let page: Page;
  /** Script errors and CSP violations seen on any page: the UI must run without either. */
  const problems: string[] = [];

  const screenshot = (name: string, target: Page = page) => target.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
  const composer = (target: Page = page) => chatComposer(target);
  const thread = (target: Page = page) => chatThread(target);

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'chat');
    server = await startStewardServer({ home });
    browser = await launchChromium();
    collectProblemsOnEveryPage(browser.context, problems);
    page = await browser.context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
  }, 300_000);

  afterAll(async () => {
    await closeE2e(browser, server, home);
  }, 30_000);

  it('opens from the printed link and takes the token out of the address bar', async () => {
    await page.goto(server.chatUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'Start a conversation' }).isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toContain('/chat/');
    // Empty box: nothing to send yet.
    expect(await page.getByRole('button', { name: 'Send message' }).isDisabled()).toBe(true);
  });

  it('sends a message, shows it and the system reply, and keeps both after a reload', async () => {
    await composer().fill(FIRST_MESSAGE);
    await composer().press('Enter');

    await thread().getByText(FIRST_MESSAGE).waitFor();
    await page.getByText(/No assistant is configured yet/).waitFor();
    expect(await composer().inputValue()).toBe('');
    // The first message created a conversation, listed in the sidebar and addressed in the URL.
    await page.getByRole('navigation', { name: 'Conversation list' }).getByText(/Please draft a welcome email/).first().waitFor();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/c\/.+/);

    await page.reload();
    await thread().getByText(FIRST_MESSAGE).waitFor();
    await page.getByRole('note', { name: 'Notice from Steward' }).getByText(/No assistant is configured yet/).waitFor();
    expect(await thread().getByText(FIRST_MESSAGE).count()).toBe(1);
    await screenshot('e2e-chat.png');

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('e2e-chat-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps a multi-line draft with Shift+Enter and shows the server’s reason when a send is refused', async () => {
    await composer().click();
    await composer().pressSequentially('first line');
    await composer().press('Shift+Enter');
    await composer().pressSequentially('second line');
    expect(await composer().inputValue()).toBe('first line\nsecond line');

    const tooLong = 'x'.repeat(100_001);
    await composer().fill(tooLong);
    await composer().press('Enter');
    const error = page.getByRole('alert').filter({ hasText: /too long/ });
    await error.waitFor();
    expect(await error.textContent()).toContain('max 100,000 characters');
    expect((await composer().inputValue()).length).toBe(tooLong.length);
    expect(await thread().getByText(tooLong).count()).toBe(0);
    await composer().fill('');
  });

  it('stops following new messages when the reader scrolls up, and offers a way back', async () => {
    const conversationId = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/c\//, ''));
    // Another client (a script, the terminal chat) writes into the open conversation.
    const sendElsewhere = async (text: string) => {
      const response = await postApi(server, 'chat.send', { conversationId, text });
      expect(response.status).toBe(200);
    };
    const history = page.getByLabel('Message history');
    const atBottom = () => history.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4);

    for (let i = 1; i <= 6; i++) await sendElsewhere(`Filler ${i}: a note long enough to take some room in the thread so that it scrolls.`);
    await thread().getByText(/^Filler 6:/).waitFor();
    await expect.poll(atBottom).toBe(true);

    await history.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    await sendElsewhere('Arrived while you were reading');
    // The list is virtualised: the new row is not even in the DOM while the reader is up top,
    // but the button says something arrived, and the reader was not dragged down.
    await page.getByRole('button', { name: 'New messages' }).waitFor();
    expect(await history.evaluate((el) => el.scrollTop)).toBe(0);

    await page.getByRole('button', { name: 'New messages' }).click();
    await expect.poll(atBottom).toBe(true);
    await thread().getByText('Arrived while you were reading').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /Jump to latest|New messages/ }).count()).toBe(0);
  });

  it('renames and deletes a conversation from the sidebar', async () => {
    const list = page.getByRole('navigation', { name: 'Conversation list' });
    await page.getByRole('button', { name: 'New conversation' }).click();
    await composer().fill('Scratch conversation to delete');
    await composer().press('Enter');
    await list.getByText('Scratch conversation to delete').first().waitFor();

    await list.getByRole('button', { name: 'Rename “Scratch conversation to delete”' }).click();
    const titleField = list.getByRole('textbox', { name: 'Conversation title' });
    await titleField.fill('Q3 supplier review');
    await titleField.press('Enter');
    await list.getByText('Q3 supplier review').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Q3 supplier review' }).waitFor();

    await list.getByRole('button', { name: 'Delete “Q3 supplier review”' }).click();
    await list.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => list.getByText('Q3 supplier review').count()).toBe(0);
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
  });

  it('shows "Reconnecting…" while the server is down, keeps the draft, and recovers', async () => {
    await page.getByRole('navigation', { name: 'Conversation list' }).getByText(/Please draft a welcome email/).first().click();
    // It opens on its latest message (older rows are virtualised away until scrolled to).
    await thread().getByText('Arrived while you were reading').waitFor();
    await composer().fill('Draft typed while the server restarts');

    const port = server.port;
    await server.stop();
    await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
    expect(await composer().inputValue()).toBe('Draft typed while the server restarts');
    await screenshot('e2e-reconnecting.png');

    server = await startStewardServer({ home, port });
    expect(server.port, 'the restarted server must reuse the port the page knows').toBe(port);
    await expect.poll(() => page.getByText('Reconnecting…').count(), { timeout: 30_000 }).toBe(0);
    expect(await composer().inputValue()).toBe('Draft typed while the server restarts');
    await composer().press('Enter');
    await thread().getByText('Draft typed while the server restarts').waitFor();
  }, 90_000);

  it('asks for the link when there is no token, and says so when a token is refused', async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(`${server.origin}/chat/`);
      await fresh.getByRole('heading', { name: 'Connect to Steward' }).waitFor();
      await fresh.getByText('npm run serve').first().waitFor();

      await fresh.goto(`${server.origin}/chat/#token=not-the-right-token`);
      await fresh.reload();
      await fresh.getByText('The token was not accepted.').waitFor();
      await screenshot('e2e-token-rejected.png', fresh);

      // Pasting the printed link connects.
      await fresh.getByRole('textbox', { name: 'Or paste the link or its token here' }).fill(server.chatUrl);
      await fresh.getByRole('button', { name: 'Connect' }).click();
      await fresh.getByRole('navigation', { name: 'Conversation list' }).getByText(/Please draft a welcome email/).first().waitFor();
    } finally {
      await fresh.close();
    }
  });

  it('quick command view sends one message to a new conversation and confirms it', async () => {
    const quick = await browser.context.newPage();
    try {
      await quick.setViewportSize({ width: 640, height: 120 });
      await quick.goto(`${server.origin}/chat/#/quick&token=${server.token}`);
      const input = quick.getByRole('textbox', { name: 'Tell Steward what to do' });
      await input.fill('Remind me to call the accountant on Friday');
      await input.press('Enter');
      await quick.getByRole('status').filter({ hasText: 'Sent “Remind me to call the accountant on Friday”' }).waitFor();
      expect(await input.inputValue()).toBe('');
      await screenshot('e2e-quick.png', quick);
    } finally {
      await quick.close();
    }
    await page.getByRole('navigation', { name: 'Conversation list' }).getByText('Remind me to call the accountant on Friday').first().waitFor();
  });

  it('ran every page without script errors or Content-Security-Policy violations', () => {
    expect(problems).toEqual([]);
  });
});
