/**
 * What a cited passage of a Word document or a PDF opens at: a .docx passage names its section
 * (Word's heading styles become headings of the extracted text, lines unchanged), a PDF passage
 * its page, and the view is that section's or page's text with the passage's lines. "Open file"
 * (knowledge.openFile) opens the indexed file with the system's app in the desktop app, passes on
 * why the system could not, says where the file is elsewhere, and names a passage or file that is
 * gone — opening nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import type { HostFiles } from '../../../src-main/core/ports.js';
import { renderDocx } from '../../../src-main/core/tools/builtin/documents/render-docx.js';
import { renderPdf } from '../../../src-main/core/tools/builtin/documents/render-pdf.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => toErrorPayload(err));

const host = { opened: [] as string[], answer: '' };
const hostFiles: HostFiles = {
  pick: async () => null,
  reveal: () => undefined,
  async open(file) {
    host.opened.push(file);
    return host.answer;
  },
};

let desktop: TestCore;
let browser: TestCore;
let docs: string;

/** Adds the folder and waits for its first sync (beforeAll cannot poll). */
async function indexed(t: TestCore): Promise<void> {
  const folder = await t.core.request('knowledge.folders.add', { path: docs });
  await t.core.knowledge.idle();
  const files = await t.core.request('knowledge.files.list', { folderId: folder.id, state: 'indexed' });
  if (files.length !== 2) throw new Error(`expected 2 indexed files, got ${JSON.stringify(files)}`);
}

beforeAll(async () => {
  docs = tempDir('steward-knowledge-open-');
  writeFileSync(
    path.join(docs, 'staff.docx'),
    await renderDocx({
      title: 'Staff handbook',
      blocks: [
        { type: 'heading', level: 1, text: 'Leave & holidays' },
        { type: 'paragraph', text: 'Holidays are 25 days a year.' },
        { type: 'heading', level: 2, text: 'Parental leave' },
        { type: 'paragraph', text: 'Every parent gets 20 weeks of paid parental leave.' },
      ],
    }),
  );
  // Enough text for several pages; the pension rule is on the last one.
  const filler = Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph' as const, text: `Clause ${i + 1}: the office opens at nine and closes at six on working days.` }));
  writeFileSync(path.join(docs, 'benefits.pdf'), await renderPdf({ title: 'Benefits', blocks: [...filler, { type: 'paragraph', text: 'The pension scheme matches five percent of salary.' }] }));
  desktop = await createTestCore({ hostFiles });
  browser = await createTestCore();
  await indexed(desktop);
  await indexed(browser);
}, 60_000);

afterAll(async () => {
  await desktop?.dispose();
  await browser?.dispose();
  rmSync(docs, { recursive: true, force: true });
});

describe('where a cited passage is, and Open file', () => {
  it('a Word passage names its section and opens at it', async () => {
    const [leave] = await desktop.core.request('knowledge.search', { query: 'parental leave weeks' });
    expect(leave).toMatchObject({ path: path.join(docs, 'staff.docx'), location: { page: null, heading: 'Parental leave' } });
    const view = await desktop.core.request('knowledge.passage', { id: leave!.id });
    const cited = view.lines.filter((l) => l.number >= leave!.location.lineStart! && l.number <= leave!.location.lineEnd!).map((l) => l.text);
    expect(cited[0]).toBe('## Parental leave');
    expect(cited).toContain('Every parent gets 20 weeks of paid parental leave.');
    // The lines before it are the document's, with the other heading marked too.
    expect(view.lines.map((l) => l.text)).toContain('# Leave & holidays');
    expect(view.lines.map((l) => l.text)).toContain('Holidays are 25 days a year.');
  });

  it('a PDF passage names its page and opens at that page', async () => {
    const [pension] = await desktop.core.request('knowledge.search', { query: 'pension scheme' });
    expect(pension!.path).toBe(path.join(docs, 'benefits.pdf'));
    expect(pension!.location.page).toBeGreaterThan(1);
    const view = await desktop.core.request('knowledge.passage', { id: pension!.id });
    const cited = view.lines.filter((l) => l.number >= pension!.location.lineStart! && l.number <= pension!.location.lineEnd!).map((l) => l.text).join('\n');
    expect(cited).toContain('pension scheme matches five percent');
    // Only that page's text: the first clauses are on page 1.
    expect(view.lines.some((l) => l.text.includes('Clause 1:'))).toBe(false);
  });

  it('Open file opens the indexed file with the system app in the desktop app, and says why when the system cannot', async () => {
    const [leave] = await desktop.core.request('knowledge.search', { query: 'parental leave weeks' });
    const file = path.join(docs, 'staff.docx');
    expect(await desktop.core.request('knowledge.openFile', { id: leave!.id })).toEqual({ opened: true, path: file, folder: docs });
    expect(host.opened).toEqual([file]);

    host.answer = 'No application is registered as handling this file';
    expect(await failure(desktop.core.request('knowledge.openFile', { id: leave!.id }))).toMatchObject({
      message: 'The system could not open staff.docx (No application is registered as handling this file). Use Open folder and open it from there, or install an app for .docx files.',
    });
    host.answer = '';
  });

  it('in a browser it says where the file is; a passage or file that is gone is named and nothing opens', async () => {
    const [leave] = await browser.core.request('knowledge.search', { query: 'parental leave weeks' });
    expect(await browser.core.request('knowledge.openFile', { id: leave!.id })).toEqual({ opened: false, path: path.join(docs, 'staff.docx'), folder: docs });

    const opened = host.opened.length;
    expect(await failure(desktop.core.request('knowledge.openFile', { id: 987_654 }))).toMatchObject({ code: 'not_found', message: expect.stringContaining('Passage 987654 is no longer indexed') });
    expect(await failure(desktop.core.request('knowledge.openFile', { id: 0 }))).toMatchObject({ code: 'invalid_input' });

    // Paused, so the folder is not re-read: the passage stays while its file is deleted.
    const [folder] = (await desktop.core.request('knowledge.status', {})).folders;
    await desktop.core.request('knowledge.folders.setPaused', { id: folder!.id, paused: true });
    const [pension] = await desktop.core.request('knowledge.search', { query: 'pension scheme' });
    rmSync(path.join(docs, 'benefits.pdf'));
    expect(await failure(desktop.core.request('knowledge.openFile', { id: pension!.id }))).toMatchObject({
      code: 'not_found',
      message: `${path.join(docs, 'benefits.pdf')} is no longer there — it may have been moved or deleted. Rescan its folder on the Knowledge screen.`,
    });
    expect(host.opened.length).toBe(opened);
  });
});
