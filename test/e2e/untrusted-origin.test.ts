/**
 * Untrusted text cannot act, as the user sees it (Chromium against the real local server, with a
 * scripted model that obeys what it reads): a request proposed after reading a file, after a
 * pasted email, and from a memory learned from pasted text each waits on an approval card that
 * names the item it came from; nothing is written. Screenshots go to test-artifacts/ui/.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { chatComposer, chatThread, closeE2e, openChat, openPage, prepareE2eHome, scriptedProviderEnv, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { describeInChromium, launchChromium, type Browser } from './support/chromium.js';
import { REPO_ROOT, startStewardServer, type StewardServer } from './support/steward-server.js';
import { INBOX_NOTE, INBOX_TEXT, PASTED_EMAIL, PASTED_PROCESS, writeUntrustedOriginScript } from './support/untrusted-origin-script.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/ui');
const UI_TIMEOUT = 20_000;
const CUSTOMERS = '- Northwind\n- Contoso\n';

describeInChromium('approval cards name where a request came from (Chromium)', () => {
  let home: string;
  let server: StewardServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const workspace = (file: string) => path.join(home, 'profiles', 'default', 'workspace', file);
  const card = (): Locator => chatThread(page).getByRole('article', { name: /^Approval request/ }).last();
  const sendPasted = async (text: string) => {
    await chatComposer(page).fill(text);
    await chatComposer(page).press('Enter');
    await chatThread(page).getByText(text.split('\n')[0]!).first().waitFor();
  };
  const expectSource = async (origin: string, shot: string) => {
    const note = card().getByRole('note');
    await note.getByText(`Source: Proposed after reading ${origin}`, { exact: false }).waitFor();
    await card().screenshot({ path: path.join(ARTIFACTS, shot), animations: 'disabled' });
  };

  beforeAll(async () => {
    home = prepareE2eHome(ARTIFACTS, 'origin');
    server = await startStewardServer({ home, env: scriptedProviderEnv(home, writeUntrustedOriginScript) });
    mkdirSync(path.dirname(workspace(INBOX_NOTE)), { recursive: true });
    writeFileSync(workspace(INBOX_NOTE), INBOX_TEXT);
    writeFileSync(workspace('notes/customers.md'), CUSTOMERS);
    browser = await launchChromium();
    page = await openPage(browser, UI_TIMEOUT, problems, { console: 'none' });
    await openChat(page, server);
  }, 300_000);

  afterAll(async () => {
    await closeE2e(browser, server, home);
  }, 30_000);

  it('after reading a file: the card names the file, and the file the text asked to empty is untouched', async () => {
    await sendChatMessage(page, 'summarise notes/inbox.md');
    await chatThread(page).getByText('The note asks to empty notes/customers.md.').waitFor();
    await sendChatMessage(page, 'go ahead');
    await expectSource('the file notes/inbox.md', 'origin-file-card.png');
    expect(readFileSync(workspace('notes/customers.md'), 'utf8')).toBe(CUSTOMERS);
  });

  it('a pasted email: the card says the text was pasted by you', async () => {
    await startNewConversation(page);
    await sendPasted(PASTED_EMAIL);
    await expectSource('text pasted by you', 'origin-pasted-card.png');
    expect(existsSync(workspace('notes/pasted.md'))).toBe(false);
  });

  it('memory learned from pasted text waits for confirmation, and a request that recalls it names that conversation', async () => {
    await startNewConversation(page);
    await sendPasted(PASTED_PROCESS);
    await expect
      .poll(async () => ((await callApi(server, 'memory.list', { status: 'pending' })) as { facts: { origin: string | null }[] }).facts.map((f) => f.origin), { timeout: UI_TIMEOUT })
      .toEqual(['text pasted by you']);
    expect(((await callApi(server, 'memory.list', {})) as { facts: unknown[] }).facts).toEqual([]);

    await startNewConversation(page);
    await sendChatMessage(page, 'Send the March invoices where they should go');
    await expectSource('an earlier conversation that quoted text pasted by you', 'origin-memory-card.png');
    expect(existsSync(workspace('notes/invoices.md'))).toBe(false);
    expect(problems).toEqual([]);
  });
});
