import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelCatalog } from '../../../src-preload/schemas/models.js';
import { ModelInvalidError } from '../../../src-main/core/llm/llm-errors.js';
import { deleteInstalledModel, listInstalledModels, listPartialDownloads } from '../../../src-main/core/llm/models/installed-models.js';
import { importModelFile } from '../../../src-main/core/llm/models/importer.js';
import { ModelAlreadyInstalledError } from '../../../src-main/core/llm/models/model-errors.js';
import { catalogEntry, tinyChatGguf, tinyEmbeddingGguf } from './helpers/test-catalog.js';

let root: string;
let modelsDir: string;
let outside: string;
const chat = tinyChatGguf(11);
const catalog: ModelCatalog = {
  version: 1,
  models: [catalogEntry({ id: 'tiny-chat', displayName: 'Tiny Chat', fileName: 'tiny-chat.gguf', source: 'http://127.0.0.1:1/tiny-chat.gguf', sizeBytes: chat.length })],
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'steward-models-'));
  modelsDir = path.join(root, 'models');
  outside = path.join(root, 'downloads');
  mkdirSync(outside);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(outside, name);
  writeFileSync(file, bytes);
  return file;
}

describe('importModelFile', () => {
  it('rejects a file that is not a GGUF, with the reason, and imports nothing', async () => {
    const err = await importModelFile({ sourcePath: write('notes.gguf', 'just some text, not a model'), modelsDir }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelInvalidError);
    expect(err.reason).toMatch(/not a GGUF/);
    expect(await listInstalledModels(modelsDir, catalog)).toEqual([]);
  });

  it('rejects a truncated GGUF, with the reason', async () => {
    const err = await importModelFile({ sourcePath: write('cut.gguf', chat.subarray(0, chat.length - 4096)), modelsDir }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelInvalidError);
    expect(err.reason).toMatch(/truncated/);
    expect(existsSync(path.join(modelsDir, 'cut.gguf'))).toBe(false);

    const headerCut = await importModelFile({ sourcePath: write('head.gguf', chat.subarray(0, 100)), modelsDir }).catch((e) => e);
    expect(headerCut.reason).toMatch(/truncated/);
  });

  it('hard-links a file on the same disk and copies on request', async () => {
    const src = write('my-model.gguf', chat);
    const linked = await importModelFile({ sourcePath: src, modelsDir });
    expect(linked.method).toBe('link');
    expect(statSync(linked.path).ino).toBe(statSync(src).ino);

    const src2 = write('other.gguf', tinyChatGguf(12));
    const copied = await importModelFile({ sourcePath: src2, modelsDir, mode: 'copy' });
    expect(copied.method).toBe('copy');
    expect(statSync(copied.path).ino).not.toBe(statSync(src2).ino);
    expect(statSync(copied.path).size).toBe(statSync(src2).size);
  });

  it('refuses duplicates: the same file name, or the same content under another name', async () => {
    const src = write('tiny-chat.gguf', chat);
    await importModelFile({ sourcePath: src, modelsDir, mode: 'copy' });
    const sameName = await importModelFile({ sourcePath: src, modelsDir }).catch((e) => e);
    expect(sameName).toBeInstanceOf(ModelAlreadyInstalledError);
    expect(sameName.code).toBe('conflict');

    const renamed = write('renamed.gguf', chat);
    const sameContent = await importModelFile({ sourcePath: renamed, modelsDir }).catch((e) => e);
    expect(sameContent).toBeInstanceOf(ModelAlreadyInstalledError);
    expect(sameContent.userMessage).toMatch(/same content as the installed "tiny-chat\.gguf"/);
    expect(existsSync(path.join(modelsDir, 'renamed.gguf'))).toBe(false);
  });

  it('says so when the path does not exist', async () => {
    const err = await importModelFile({ sourcePath: path.join(outside, 'missing.gguf'), modelsDir }).catch((e) => e);
    expect(err.code).toBe('not_found');
    expect(err.userMessage).toMatch(/no file at/);
  });
});

describe('listInstalledModels / deleteInstalledModel', () => {
  it('lists files with catalog metadata and GGUF header facts; partial downloads are listed apart', async () => {
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(path.join(modelsDir, 'tiny-chat.gguf'), chat);
    writeFileSync(path.join(modelsDir, 'embedder.gguf'), tinyEmbeddingGguf());
    writeFileSync(path.join(modelsDir, 'half.gguf'), chat.subarray(0, chat.length / 2));
    writeFileSync(path.join(modelsDir, 'pending.gguf.part'), chat.subarray(0, 1000));
    writeFileSync(path.join(modelsDir, 'readme.txt'), 'not a model');

    const models = await listInstalledModels(modelsDir, catalog, { localModel: 'tiny-chat.gguf', embeddingModel: null, draftModel: null });
    expect(models.map((m) => m.fileName)).toEqual(['embedder.gguf', 'half.gguf', 'tiny-chat.gguf']);
    const tiny = models.find((m) => m.fileName === 'tiny-chat.gguf')!;
    expect(tiny).toMatchObject({ id: 'tiny-chat', catalogId: 'tiny-chat', displayName: 'Tiny Chat', purpose: 'chat', problem: null, defaultFor: ['chat'], sizeBytes: chat.length });
    expect(tiny.gguf).toMatchObject({ version: 3, architecture: 'llama', name: 'steward-tiny-llama', contextLength: 32768, fileType: 'F16' });
    expect(models.find((m) => m.fileName === 'embedder.gguf')).toMatchObject({ id: 'embedder.gguf', catalogId: null, purpose: 'embedding', problem: null });
    expect(models.find((m) => m.fileName === 'half.gguf')!.problem).toMatch(/truncated/);

    expect(await listPartialDownloads(modelsDir, catalog)).toEqual([{ fileName: 'pending.gguf', catalogId: null, bytes: 1000, totalBytes: null }]);
  });

  it('deletes by catalog id or file name, together with an unfinished download, and reports unknown ids', async () => {
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(path.join(modelsDir, 'tiny-chat.gguf'), chat);
    writeFileSync(path.join(modelsDir, 'tiny-chat.gguf.part'), chat.subarray(0, 10));
    writeFileSync(path.join(modelsDir, 'x.gguf'), chat);

    expect(await deleteInstalledModel(modelsDir, catalog, 'tiny-chat')).toEqual({ fileName: 'tiny-chat.gguf', removedFile: true, removedPartial: true });
    expect(existsSync(path.join(modelsDir, 'tiny-chat.gguf.part'))).toBe(false);
    await deleteInstalledModel(modelsDir, catalog, 'x.gguf');
    expect(await listInstalledModels(modelsDir, catalog)).toEqual([]);

    const err = await deleteInstalledModel(modelsDir, catalog, 'x.gguf').catch((e) => e);
    expect(err.code).toBe('not_found');
    const notAModel = await deleteInstalledModel(modelsDir, catalog, 'settings.json').catch((e) => e);
    expect(notAModel.code).toBe('not_found');
  });
});
