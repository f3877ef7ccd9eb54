/**
 * The shared path picker's core half, through the real dispatcher: files.browse lists a folder of
 * this computer (sub-folders and matching files with size and time, hidden ones left out, home by
 * default) and explains every bad path; files.pickNative and files.reveal use the desktop host
 * when there is one and say what to do when there is not.
 */
import { chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFiles } from '../../../src-main/core/ports.js';
import { toErrorPayload } from '../../../src-main/core/errors.js';
import { createTestCore, tempDir, type TestCore } from '../../helpers/test-core.js';

let plain: TestCore;
let desktop: TestCore;
const hostCalls = { picks: [] as Parameters<HostFiles['pick']>[0][], revealed: [] as string[], answer: null as string | null };
const hostFiles: HostFiles = {
  async pick(request) {
    hostCalls.picks.push(request);
    return hostCalls.answer;
  },
  reveal(absolutePath) {
    hostCalls.revealed.push(absolutePath);
  },
  async open() {
    return '';
  },
};
let root: string;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => toErrorPayload(err));

beforeAll(async () => {
  plain = await createTestCore();
  desktop = await createTestCore({ hostFiles });
  root = tempDir('steward-browse-');
  mkdirSync(path.join(root, 'Models'));
  mkdirSync(path.join(root, 'documents'));
  mkdirSync(path.join(root, '.cache'));
  writeFileSync(path.join(root, 'qwen.gguf'), Buffer.alloc(1234));
  writeFileSync(path.join(root, 'LLAMA.GGUF'), 'x');
  writeFileSync(path.join(root, 'notes.txt'), 'hello');
  writeFileSync(path.join(root, '.secret.gguf'), 'hidden');
  utimesSync(path.join(root, 'qwen.gguf'), new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
  symlinkSync(path.join(root, 'documents'), path.join(root, 'docs-link'));
  symlinkSync(path.join(root, 'gone'), path.join(root, 'broken-link'));
});
afterAll(async () => {
  await plain.dispose();
  await desktop.dispose();
});

describe('files.browse (the in-app path picker)', () => {
  it('lists sub-folders and the files with the wanted extensions, with size and time, hidden ones left out', async () => {
    const listing = await plain.core.request('files.browse', { path: root, pick: 'file', extensions: ['.GGUF'] });
    expect(listing.path).toBe(root);
    expect(listing.parent).toBe(path.dirname(root));
    expect(listing.folders.map((f) => f.name)).toEqual(['docs-link', 'documents', 'Models']);
    expect(listing.files.map((f) => f.name)).toEqual(['LLAMA.GGUF', 'qwen.gguf']);
    expect(listing.files[1]).toEqual({ name: 'qwen.gguf', path: path.join(root, 'qwen.gguf'), size: 1234, modifiedAt: '2026-01-02T03:04:05.000Z' });
    expect(listing.notListed).toBe(0);

    const everything = await plain.core.request('files.browse', { path: root, pick: 'file' });
    expect(everything.files.map((f) => f.name)).toEqual(['LLAMA.GGUF', 'notes.txt', 'qwen.gguf']);
  });

  it('lists only folders when a folder is being picked, and starts at the home folder', async () => {
    const folders = await plain.core.request('files.browse', { path: `${root}/Models/..`, pick: 'folder' });
    expect(folders.path).toBe(root);
    expect(folders.files).toEqual([]);
    expect(folders.folders.map((f) => f.name)).toContain('Models');

    const home = await plain.core.request('files.browse', { pick: 'folder' });
    expect(home.path).toBe(path.resolve(os.homedir()));
    expect(home.home).toBe(os.homedir());
  });

  it('explains a relative, missing or file path and a bad extension, naming what is wrong', async () => {
    const relative = await failure(plain.core.call('files.browse', { path: 'Documents' }, { actor: 'ui' }));
    expect(relative).toMatchObject({ code: 'invalid_input' });
    expect(relative!.message).toContain('must be a full path such as /home/you/Documents');

    const missing = path.join(root, 'nowhere');
    expect(await failure(plain.core.request('files.browse', { path: missing, pick: 'file' }))).toMatchObject({
      code: 'not_found',
      message: `The folder ${missing} does not exist. Go up a level or type another path.`,
    });
    expect(await failure(plain.core.request('files.browse', { path: path.join(root, 'notes.txt'), pick: 'file' }))).toMatchObject({
      message: `${path.join(root, 'notes.txt')} is a file, not a folder. Browse its folder instead: ${root}`,
    });
    const badExtension = await failure(plain.core.call('files.browse', { path: root, extensions: ['gguf'] }, { actor: 'ui' }));
    expect(badExtension!.message).toContain('must be an extension with its dot, like ".pdf"');
  });

  it.skipIf(process.getuid?.() === 0)('names a folder it may not read', async () => {
    const locked = path.join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      expect(await failure(plain.core.request('files.browse', { path: locked, pick: 'file' }))).toMatchObject({
        message: `Steward cannot open the folder ${locked}: permission denied. Choose another folder, or check its permissions.`,
      });
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('is the owner\'s: a person signed in with their own token may not browse this computer', async () => {
    const person = await plain.core.request('people.add', { name: 'Sam Park', email: 'sam@example.com', role: 'manager' });
    const refused = await failure(plain.core.call('files.browse', { path: root }, { actor: 'ui', personId: person.id }));
    expect(refused).toMatchObject({ code: 'unauthorized' });
    expect(refused!.message).toContain('Sam Park (manager) may not browse the folders of this computer');
  });
});

describe('files.pickNative and files.reveal (the desktop host)', () => {
  it('opens the desktop app\'s own dialog with the picker\'s request, and says where it works when there is none', async () => {
    hostCalls.answer = path.join(root, 'qwen.gguf');
    expect(await desktop.core.request('files.pickNative', { pick: 'file', title: 'Choose a model file', extensions: ['.gguf'] })).toEqual({ path: path.join(root, 'qwen.gguf') });
    expect(hostCalls.picks).toEqual([{ pick: 'file', title: 'Choose a model file', extensions: ['.gguf'] }]);
    hostCalls.answer = null;
    expect(await desktop.core.request('files.pickNative', { pick: 'folder' })).toEqual({ path: null });

    const refused = await failure(plain.core.request('files.pickNative', { pick: 'folder' }));
    expect(refused!.message).toContain('The system file dialog opens only in the Steward desktop app (npm start)');
  });

  it('reveals a file in the file manager in the desktop app, and answers its folder elsewhere', async () => {
    const file = path.join(root, 'notes.txt');
    expect(await desktop.core.request('files.reveal', { path: file })).toEqual({ revealed: true, path: file, folder: root });
    expect(hostCalls.revealed).toEqual([file]);
    expect(await plain.core.request('files.reveal', { path: file })).toEqual({ revealed: false, path: file, folder: root });

    // A workspace file as previews name it (relative), confined to the workspace.
    const workspace = plain.core.paths.workspaceDir;
    mkdirSync(path.join(workspace, 'reports'), { recursive: true });
    writeFileSync(path.join(workspace, 'reports', 'offer.md'), '# Offer');
    expect(await plain.core.request('files.reveal', { workspacePath: 'reports/offer.md' })).toMatchObject({ revealed: false, folder: path.join(workspace, 'reports') });
    expect(await failure(plain.core.request('files.reveal', { workspacePath: '../../etc/passwd' }))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(plain.core.request('files.reveal', { path: path.join(root, 'gone.txt') }))).toMatchObject({
      code: 'not_found',
      message: `${path.join(root, 'gone.txt')} is no longer there — it may have been moved or deleted.`,
    });
    expect(hostCalls.revealed).toHaveLength(1);
  });
});
