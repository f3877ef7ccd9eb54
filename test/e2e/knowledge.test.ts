/**
 * Knowledge folders in Chromium against the real local server: a folder is chosen with the shared
 * path picker's in-app browser (Browse…, go to a folder, open a sub-folder, choose it), its files
 * are indexed (a corrupt PDF shows as failed with the reason), a question in the chat is answered
 * with a citation, and the citation opens the file at the passage, its lines marked; "Open folder"
 * in a browser says that it works in the desktop app and shows where the file is; the citation
 * as a link of its own opens the passage on the Knowledge screen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatThread, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;
const QUESTION = 'How much parental leave do parents get?';

const intent = { type: 'json' as const, value: { intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null } };

describeInChromium('knowledge folders in Chromium', () => {
  const e2e = browserSuite({
    suite: 'knowledge',
    timeoutMs: UI_TIMEOUT,
    watch: { console: 'errors', ignore: /Failed to load resource/ },
    script: (file) => writeFileSync(file, JSON.stringify({ rules: [{ match: { role: 'intent' }, response: intent }], fallback: { type: 'text', text: 'Every parent gets 20 weeks of paid leave [1].' } })),
    prepareHome: (home) => {
      const docs = path.join(home, 'company', 'handbook');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, 'leave.md'), ['# Leave policy', '', 'Holidays are agreed with your manager.', '', '## Parental leave', '', 'Every parent gets 20 weeks of paid parental leave.', 'Tell your manager a month ahead.', ''].join('\n'));
      writeFileSync(path.join(docs, 'scan.pdf'), 'not a pdf at all');
    },
  });

  it('adds a folder with the path picker, shows its files indexed, and a citation in a reply opens the passage', async () => {
    const { page, home } = e2e;
    const company = path.join(home, 'company');
    const docs = path.join(company, 'handbook');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    await page.getByText('No knowledge folders yet.').waitFor();

    // The path picker's in-app browser: go to a folder by its path, open a sub-folder, choose it.
    await page.getByRole('button', { name: 'Browse for Folder to add' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a folder: Folder to add' });
    await picker.getByRole('textbox', { name: 'Folder' }).fill(path.join(company, 'nowhere'));
    await picker.getByRole('button', { name: 'Go' }).click();
    await picker.getByRole('alert').getByText(`The folder ${path.join(company, 'nowhere')} does not exist.`).waitFor();
    await picker.getByRole('textbox', { name: 'Folder' }).fill(company);
    await picker.getByRole('button', { name: 'Go' }).click();
    await picker.getByRole('button', { name: 'Open folder handbook' }).click();
    await picker.getByText(`Chosen: ${docs}`).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'path-picker-browse.png') });
    await picker.getByRole('button', { name: 'Choose this folder' }).click();
    await picker.waitFor({ state: 'hidden' });
    const form = page.getByRole('form', { name: 'Add a knowledge folder' });
    expect(await form.getByRole('textbox', { name: 'Folder to add' }).inputValue()).toBe(docs);
    await form.getByRole('button', { name: 'Add folder' }).click();

    // Indexed, with the corrupt PDF failed and its reason shown.
    const folder = page.getByRole('listitem', { name: docs });
    const files = folder.getByRole('list', { name: `Files in ${docs}` });
    await files.getByRole('listitem').filter({ hasText: 'leave.md' }).getByText('Indexed').waitFor();
    await files.getByText('scan.pdf: it is not a PDF: it does not start with the “%PDF-” header').waitFor();
    await folder.getByText(/1 indexed · 1 failed · \d+ passages/).waitFor();
    await folder.getByText(/In sync · last checked/).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'knowledge.png') });

    // Adding it again is refused under the field, naming why.
    await form.getByRole('textbox', { name: 'Folder to add' }).fill(docs);
    await form.getByRole('button', { name: 'Add folder' }).click();
    await form.getByText(`${docs} is already a knowledge folder. Nothing was added.`).waitFor();

    // Ask in the chat: the answer cites the passage; the citation opens the file at it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await startNewConversation(page);
    await sendChatMessage(page, QUESTION);
    const reply = chatThread(page).getByText('Every parent gets 20 weeks of paid leave');
    await reply.waitFor();
    await chatThread(page).getByRole('link', { name: 'leave.md › Parental leave, lines 5–8' }).waitFor();
    await chatThread(page).getByRole('link', { name: '[1]' }).first().click();
    const preview = page.getByRole('dialog', { name: 'leave.md' });
    await preview.waitFor();
    const cited = preview.locator('[data-cited]');
    await expect.poll(() => cited.count()).toBe(4);
    expect(await cited.nth(2).textContent()).toContain('Every parent gets 20 weeks of paid parental leave.');
    await expect.poll(() => cited.first().evaluate((el) => {
      const box = el.getBoundingClientRect();
      const body = el.closest('.passage-dialog__body')!.getBoundingClientRect();
      return box.top >= body.top && box.bottom <= body.bottom;
    })).toBe(true);
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'knowledge-citation.png') });

    // Open folder in a browser: it says where the file is and that opening works in the desktop app.
    await preview.getByRole('button', { name: 'Open folder' }).click();
    await preview.getByText('Opening folders works in the desktop app. The file is in').waitFor();
    await preview.getByText(docs, { exact: true }).waitFor();
    await preview.getByRole('button', { name: 'Close preview' }).click();
    await preview.waitFor({ state: 'hidden' });

    // The same citation opened as a link of its own (a new tab, a copied link) shows the passage on the Knowledge screen.
    const href = await chatThread(page).getByRole('link', { name: 'leave.md › Parental leave, lines 5–8' }).getAttribute('href');
    expect(href).toMatch(/^#\/knowledge\?passage=\d+$/);
    await page.evaluate((hash) => (window.location.hash = hash), href!);
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    const deepLinked = page.getByRole('dialog', { name: 'leave.md' });
    await deepLinked.locator('[data-cited]').first().waitFor();
    await deepLinked.getByRole('button', { name: 'Close preview' }).click();
    await deepLinked.waitFor({ state: 'hidden' });
    expect(e2e.problems).toEqual([]);
  }, 180_000);
});
