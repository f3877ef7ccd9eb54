/**
 * Knowledge folders in Chromium against the real local server: a folder is chosen with the shared
 * path picker's in-app browser (Browse…, go to a folder, open a sub-folder, choose it), its files
 * are indexed (a corrupt PDF shows as failed with the reason), a question in the chat is answered
 * with a citation, and the citation opens the file at the passage, its lines marked; "Open folder"
 * in a browser says that it works in the desktop app and shows where the file is; the citation
 * as a link of its own opens the passage on the Knowledge screen. A task whose work drew on a
 * Word document lists it under Sources on its card and in its details; the source opens at the
 * passage with its section named, and "Open file" in a browser says where the file is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderDocx } from '../../src-main/core/tools/builtin/documents/render-docx.js';
import path from 'node:path';
import { expect, it } from 'vitest';
import { browserSuite, UI_ARTIFACTS } from './support/browser-suite.js';
import { chatThread, sendChatMessage, startNewConversation } from './support/chat-page.js';
import { describeInChromium } from './support/chromium.js';

const UI_TIMEOUT = 30_000;
const QUESTION = 'How much parental leave do parents get?';

const intent = { type: 'json' as const, value: { intent: 'conversation', confidence: 0.95, tool: null, parameters: null, question: null } };
const TASK_REQUEST = 'Write a pension summary for the team';
/** The task: one writing step whose report cites the passage it was given as [1]. */
const taskRules = [
  { match: { role: 'intent', lastUser: 'pension summary' }, response: { type: 'json', value: { ...intent.value, intent: 'complex_task' } } },
  {
    match: { role: 'manager' },
    response: { type: 'json', value: { question: null, title: 'Pension summary', summary: 'One step', steps: [{ title: 'Summarise the pension scheme', tool: null, instructions: 'Summarise it', expectedOutput: 'A summary', expectedFiles: [], estimateSeconds: 5 }] } },
  },
  { match: { role: 'employee' }, response: { type: 'text', text: 'The pension scheme matches five percent of salary [1].' } },
  { match: { role: 'supervisor' }, response: { type: 'json', value: { verdict: 'pass', reasons: ['complete'], feedback: null, question: null } } },
];

describeInChromium('knowledge folders in Chromium', () => {
  const e2e = browserSuite({
    suite: 'knowledge',
    timeoutMs: UI_TIMEOUT,
    watch: { console: 'errors', ignore: /Failed to load resource/ },
    script: (file) => writeFileSync(file, JSON.stringify({ rules: [...taskRules, { match: { role: 'intent' }, response: intent }], fallback: { type: 'text', text: 'Every parent gets 20 weeks of paid leave [1].' } })),
    prepareHome: async (home) => {
      const docs = path.join(home, 'company', 'handbook');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, 'leave.md'), ['# Leave policy', '', 'Holidays are agreed with your manager.', '', '## Parental leave', '', 'Every parent gets 20 weeks of paid parental leave.', 'Tell your manager a month ahead.', ''].join('\n'));
      writeFileSync(path.join(docs, 'scan.pdf'), 'not a pdf at all');
      const benefits = path.join(home, 'company', 'benefits');
      mkdirSync(benefits, { recursive: true });
      writeFileSync(
        path.join(benefits, 'benefits.docx'),
        await renderDocx({ title: 'Benefits', blocks: [{ type: 'heading', level: 1, text: 'Pension' }, { type: 'paragraph', text: 'The pension scheme matches five percent of salary.' }] }),
      );
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
    await preview.getByRole('status').getByText(docs, { exact: true }).waitFor();
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

  it('a finished task lists the Word document its work cited; the source opens at its section, and Open file says where the file is', async () => {
    const { page, home } = e2e;
    const benefits = path.join(home, 'company', 'benefits');
    const file = path.join(benefits, 'benefits.docx');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
    const form = page.getByRole('form', { name: 'Add a knowledge folder' });
    await form.getByRole('textbox', { name: 'Folder to add' }).fill(benefits);
    await form.getByRole('button', { name: 'Add folder' }).click();
    await page.getByRole('listitem', { name: benefits }).getByRole('list', { name: `Files in ${benefits}` }).getByRole('listitem').filter({ hasText: 'benefits.docx' }).getByText('Indexed').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await startNewConversation(page);
    await sendChatMessage(page, TASK_REQUEST);
    const card = chatThread(page).getByRole('article', { name: 'Task: Pension summary' });
    await card.getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });
    const label = '[1] benefits.docx › Pension, lines 3–5';
    const source = card.getByRole('list', { name: 'Sources' }).getByRole('link', { name: label });
    await source.waitFor();
    // The result in the thread cites it as a chat reply does: [1] and a Sources line.
    await chatThread(page).getByText('Finished: Pension summary').waitFor();
    await chatThread(page).getByRole('link', { name: 'benefits.docx › Pension, lines 3–5', exact: true }).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'knowledge-task-sources.png') });

    await source.click();
    const preview = page.getByRole('dialog', { name: 'benefits.docx' });
    await preview.getByText('Section “Pension” · lines 3–5').waitFor();
    await expect.poll(() => preview.locator('[data-cited] mark').allTextContents()).toEqual(['# Pension', 'The pension scheme matches five percent of salary.']);
    await preview.getByRole('button', { name: 'Open file' }).click();
    await preview.getByText('Opening files in their app works in the desktop app. The file is').waitFor();
    await preview.getByRole('status').getByText(file, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(UI_ARTIFACTS, 'knowledge-passage-docx.png') });
    await preview.getByRole('button', { name: 'Close preview' }).click();
    await preview.waitFor({ state: 'hidden' });

    // The task's details list the same source.
    await card.getByRole('link', { name: 'Details' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pension summary' }).waitFor();
    await page.getByRole('region', { name: 'Sources' }).getByRole('link', { name: label }).waitFor();
    expect(e2e.problems).toEqual([]);
  }, 180_000);
});
