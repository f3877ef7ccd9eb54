/**
 * Untrusted text cannot act, as the user sees it (Chromium against the real local server, with a
 * scripted model that obeys what it reads): a request proposed after reading a file, after a
 * pasted email, and from a memory learned from pasted text each waits on an approval card that
 * names the item it came from; nothing is written. Screenshots go to test-artifacts/ui/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { callApi } from './support/api-client.js';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatComposer, chatThread, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';
import { INBOX_NOTE, INBOX_TEXT, PASTED_EMAIL, PASTED_PROCESS, writeUntrustedOriginScript } from './support/untrusted-origin-script.js';

const UI_TIMEOUT = 20_000;
const CUSTOMERS = '- Northwind\n- Contoso\n';

describeInChromium('approval cards name where a request came from (Chromium)', () => {
  const e2e = browserSuite({ suite: 'origin', script: writeUntrustedOriginScript, timeoutMs: UI_TIMEOUT, watch: { console: 'none' } });
  const workspace = (file: string) => path.join(e2e.home, 'profiles', 'default', 'workspace', file);
  const card = (): Locator => chatThread(e2e.page).getByRole('article', { name: /^Approval request/ }).last();
  const sendPasted = async (text: string) => {
    await chatComposer(e2e.page).fill(text);
    await chatComposer(e2e.page).press('Enter');
    await chatThread(e2e.page).getByText(text.split('\n')[0]!).first().waitFor();
  };
  const expectSource = async (origin: string, shot: string) => {
    const note = card().getByRole('note');
    await note.getByText(`Source: Proposed after reading ${origin}`, { exact: false }).waitFor();
    await card().screenshot({ path: path.join(UI_ARTIFACTS, shot), animations: 'disabled' });
  };

  beforeAll(() => {
    mkdirSync(path.dirname(workspace(INBOX_NOTE)), { recursive: true });
    writeFileSync(workspace(INBOX_NOTE), INBOX_TEXT);
    writeFileSync(workspace('notes/customers.md'), CUSTOMERS);
  });

  it('after reading a file: the card names the file, and the file the text asked to empty is untouched', async () => {
    await sendChatMessage(e2e.page, 'summarise notes/inbox.md');
    await chatThread(e2e.page).getByText('The note asks to empty notes/customers.md.').waitFor();
    await sendChatMessage(e2e.page, 'go ahead');
    await expectSource('the file notes/inbox.md', 'origin-file-card.png');
    expect(readFileSync(workspace('notes/customers.md'), 'utf8')).toBe(CUSTOMERS);
  });

  it('a pasted email: the card says the text was pasted by you', async () => {
    await startNewConversation(e2e.page);
    await sendPasted(PASTED_EMAIL);
    await expectSource('text pasted by you', 'origin-pasted-card.png');
    expect(existsSync(workspace('notes/pasted.md'))).toBe(false);
  });

  it('memory learned from pasted text waits for confirmation, and a request that recalls it names that conversation', async () => {
    await startNewConversation(e2e.page);
    await sendPasted(PASTED_PROCESS);
    await expect
      .poll(async () => ((await callApi(e2e.server, 'memory.list', { status: 'pending' })) as { facts: { origin: string | null }[] }).facts.map((f) => f.origin), { timeout: UI_TIMEOUT })
      .toEqual(['text pasted by you']);
    expect(((await callApi(e2e.server, 'memory.list', {})) as { facts: unknown[] }).facts).toEqual([]);

    await startNewConversation(e2e.page);
    await sendChatMessage(e2e.page, 'Send the March invoices where they should go');
    await expectSource('an earlier conversation that quoted text pasted by you', 'origin-memory-card.png');
    expect(existsSync(workspace('notes/invoices.md'))).toBe(false);
    expect(e2e.problems).toEqual([]);
  });
});
