/**
 * Knowledge folders against real files and the real encrypted database: a folder's documents are
 * indexed into passages that know their page, heading and lines; an edit, a new file and a
 * deletion on disk are followed by the watcher; a corrupt PDF fails with what is wrong, an
 * oversized file is left out with the limit; a restart re-reads nothing unchanged; pausing stops
 * the syncing; bad folders are refused, naming why, and nothing is added.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { renderDocx } from '../../../src-main/core/tools/builtin/documents/render-docx.js';
import { renderPdf } from '../../../src-main/core/tools/builtin/documents/render-pdf.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

const POLL = { timeout: 20_000, interval: 100 };
let t: TestCore;
let docs: string;
let folderId: string;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => toErrorPayload(err));
const filesByName = async () => Object.fromEntries((await t.core.request('knowledge.files.list', { folderId })).map((f) => [f.relativePath, f]));
const settled = async () => {
  await expect.poll(async () => (await t.core.request('knowledge.status', {})).folders.every((f) => !f.syncing), POLL).toBe(true);
  await t.core.knowledge.idle();
};

const HANDBOOK = [
  '# Acme handbook',
  '',
  'Welcome to Acme Robotics.',
  '',
  '## Parental leave',
  '',
  'Every parent gets 20 weeks of paid parental leave.',
  'Tell your manager a month ahead.',
  '',
  '## Expenses',
  '',
  'Keep receipts for anything above 25 euros.',
].join('\n');

beforeAll(async () => {
  t = await createTestCore();
  docs = tempDir('steward-knowledge-');
  writeFileSync(path.join(docs, 'handbook.md'), HANDBOOK);
  mkdirSync(path.join(docs, 'policies'));
  writeFileSync(path.join(docs, 'policies', 'travel.txt'), 'Travel policy\n\nTrains are preferred over flights under 600 kilometres.');
  writeFileSync(path.join(docs, 'policies', 'broken.pdf'), 'this is not really a PDF');
  writeFileSync(path.join(docs, 'offer.pdf'), await renderPdf({ title: 'Offer letter', blocks: [{ type: 'paragraph', text: 'The starting salary is 72000 euros a year.' }] }));
  writeFileSync(path.join(docs, 'onboarding.docx'), await renderDocx({ title: 'Onboarding', blocks: [{ type: 'paragraph', text: 'New hires receive a laptop on their first day.' }] }));
  writeFileSync(path.join(docs, 'staff.csv'), 'name,role\nDana Lee,CFO\nSam Park,Engineer\n');
  writeFileSync(path.join(docs, '.secret.md'), 'hidden notes about the zeppelin');
  writeFileSync(path.join(docs, 'photo.png'), 'not a document');
  writeFileSync(path.join(docs, 'huge.txt'), Buffer.alloc(20_000_001, 'a'));
});
afterAll(async () => {
  await t?.dispose();
  rmSync(docs, { recursive: true, force: true });
});

describe('knowledge folders', () => {
  it('indexes a folder\'s documents into passages that know where they came from', async () => {
    const folder = await t.core.request('knowledge.folders.add', { path: docs });
    folderId = folder.id;
    expect(folder.path).toBe(docs);
    await settled();
    const files = await filesByName();
    expect(Object.keys(files).sort()).toEqual(['handbook.md', 'huge.txt', 'offer.pdf', 'onboarding.docx', path.join('policies', 'broken.pdf'), path.join('policies', 'travel.txt'), 'staff.csv']);
    for (const name of ['handbook.md', 'offer.pdf', 'onboarding.docx', 'staff.csv', path.join('policies', 'travel.txt')]) expect(files[name]).toMatchObject({ state: 'indexed', reason: null });
    expect(files[path.join('policies', 'broken.pdf')]).toMatchObject({ state: 'failed', passages: 0 });
    expect(files[path.join('policies', 'broken.pdf')]!.reason).toContain('it is not a PDF: it does not start with the “%PDF-” header');
    expect(files['huge.txt']).toMatchObject({ state: 'skipped', reason: 'left out: it is 20.0 MB, and files up to 20.0 MB are indexed — split it into smaller files' });

    const status = await t.core.request('knowledge.status', {});
    expect(status.folders[0]).toMatchObject({ path: docs, paused: false, error: null, counts: { indexed: 5, failed: 1, skipped: 1, pending: 0 } });
    expect(status.folders[0]!.lastSyncAt).not.toBeNull();
    expect(status.search).toMatchObject({ mode: 'keywords' });

    const [leave] = await t.core.request('knowledge.search', { query: 'How much parental leave do parents get?' });
    expect(leave).toMatchObject({ path: path.join(docs, 'handbook.md'), location: { heading: 'Parental leave', lineStart: 5, lineEnd: 8, page: null } });
    expect(leave!.text).toContain('20 weeks of paid parental leave');
    const [salary] = await t.core.request('knowledge.search', { query: 'starting salary' });
    expect(salary).toMatchObject({ path: path.join(docs, 'offer.pdf'), location: { page: 1 } });
    expect((await t.core.request('knowledge.search', { query: 'laptop first day' }))[0]!.path).toBe(path.join(docs, 'onboarding.docx'));
    expect(await t.core.request('knowledge.search', { query: 'zeppelin' })).toEqual([]);
  });

  it('opens a cited passage in its file with its lines marked', async () => {
    const [leave] = await t.core.request('knowledge.search', { query: 'parental leave' });
    const view = await t.core.request('knowledge.passage', { id: leave!.id });
    expect(view).toMatchObject({ fileName: 'handbook.md', folder: docs, notice: null });
    expect(view.lines[0]).toEqual({ number: 1, text: '# Acme handbook' });
    expect(view.lines.find((l) => l.number === 7)!.text).toBe('Every parent gets 20 weeks of paid parental leave.');
  });

  it('follows edits, new files and deletions on disk', async () => {
    writeFileSync(path.join(docs, 'handbook.md'), HANDBOOK.replace('20 weeks', '26 weeks'));
    writeFileSync(path.join(docs, 'policies', 'remote.md'), '# Remote work\n\nEveryone may work from home on Fridays.');
    rmSync(path.join(docs, 'policies', 'travel.txt'));
    await expect.poll(async () => (await t.core.request('knowledge.search', { query: 'parental leave' }))[0]?.text ?? '', POLL).toContain('26 weeks');
    await expect.poll(async () => (await t.core.request('knowledge.search', { query: 'work from home Fridays' }))[0]?.path ?? '', POLL).toBe(path.join(docs, 'policies', 'remote.md'));
    await expect.poll(async () => Object.keys(await filesByName()), POLL).not.toContain(path.join('policies', 'travel.txt'));
    await settled();
    expect(await t.core.request('knowledge.search', { query: 'trains flights kilometres' })).toEqual([]);
    expect((await t.core.request('knowledge.search', { query: '20 weeks parental' })).some((p) => p.text.includes('20 weeks'))).toBe(false);
  });

  it('refuses a missing folder, a file, a folder already covered and one that contains another, naming why', async () => {
    const missing = path.join(docs, 'nowhere');
    expect(await failure(t.core.request('knowledge.folders.add', { path: missing }))).toMatchObject({ code: 'not_found', message: `The folder ${missing} does not exist. Choose an existing folder. Nothing was added.` });
    expect((await failure(t.core.request('knowledge.folders.add', { path: path.join(docs, 'handbook.md') })))!.message).toBe(
      `${path.join(docs, 'handbook.md')} is a file, not a folder. Choose the folder it is in: ${docs}. Nothing was added.`,
    );
    expect((await failure(t.core.request('knowledge.folders.add', { path: docs })))!.message).toBe(`${docs} is already a knowledge folder. Nothing was added.`);
    expect((await failure(t.core.request('knowledge.folders.add', { path: path.join(docs, 'policies') })))!.message).toBe(
      `${path.join(docs, 'policies')} is inside the knowledge folder ${docs}, which already includes it. Nothing was added.`,
    );
    expect((await failure(t.core.request('knowledge.folders.add', { path: path.dirname(docs) })))!.message).toContain(`contains the knowledge folder ${docs}. Remove ${docs} first`);
    expect((await failure(t.core.call('knowledge.folders.add', { path: 'docs' }, { actor: 'ui' })))!.message).toContain('must be a full path');
    expect((await t.core.request('knowledge.status', {})).folders).toHaveLength(1);
  });

  it('does not follow a paused folder until it is resumed', async () => {
    await t.core.request('knowledge.folders.setPaused', { id: folderId, paused: true });
    writeFileSync(path.join(docs, 'paused.md'), 'The canteen serves lasagne on Tuesdays.');
    // Give a watcher that should be off ample time to (wrongly) act; a rescan of a paused folder is refused.
    expect((await failure(t.core.request('knowledge.folders.rescan', { id: folderId })))!.message).toContain('is paused. Resume it to sync it with the disk.');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await t.core.request('knowledge.search', { query: 'lasagne' })).toEqual([]);
    expect((await t.core.request('knowledge.search', { query: 'parental leave' })).length).toBeGreaterThan(0);
    await t.core.request('knowledge.folders.setPaused', { id: folderId, paused: false });
    await expect.poll(async () => (await t.core.request('knowledge.search', { query: 'lasagne' })).length, POLL).toBe(1);
  });

  it('re-reads nothing unchanged after a restart, and removing a folder removes its passages', async () => {
    await settled();
    const before = await filesByName();
    const { dataDir, secrets } = t;
    await t.core.close();
    t = await createTestCore({ dataDir, secrets });
    await settled();
    const after = await filesByName();
    for (const [name, file] of Object.entries(before)) expect(after[name]?.indexedAt, name).toBe(file.indexedAt);
    expect((await t.core.request('knowledge.search', { query: 'parental leave' }))[0]!.text).toContain('26 weeks');

    expect(await t.core.request('knowledge.folders.remove', { id: folderId })).toEqual({ removed: true });
    expect(await t.core.request('knowledge.search', { query: 'parental leave' })).toEqual([]);
    expect((await t.core.request('knowledge.status', {})).folders).toEqual([]);
  });
});
