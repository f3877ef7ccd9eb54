import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-main/core/errors.js';
import { filesCreateTool } from '../../../src-main/core/tools/builtin/files/files-create.js';
import { filesDiffTool } from '../../../src-main/core/tools/builtin/files/files-diff.js';
import { filesListTool } from '../../../src-main/core/tools/builtin/files/files-list.js';
import { filesReadTool } from '../../../src-main/core/tools/builtin/files/files-read.js';
import { applyUnifiedDiff } from '../../../src-main/core/tools/builtin/files/line-diff.js';
import { FileExistsError, FileTooLargeError, NotATextFileError, RollbackConflictError, WorkspaceFileNotFoundError, WorkspacePathError } from '../../../src-main/core/tools/builtin/tool-errors.js';
import { createTestWorkspace, rollbackTool, runTool, type TestWorkspace } from './helpers/tool-context.js';

describe('workspace file tools', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });
  afterEach(async () => ws.cleanup());

  describe('files.create', () => {
    it('writes a new file, creating folders, and reports it as an artifact', async () => {
      const result = await runTool(filesCreateTool, { path: 'notes/meetings/monday.md', content: '# Monday\n- call Ann\n' }, ws.ctx);
      expect(await readFile(path.join(ws.dir, 'notes/meetings/monday.md'), 'utf8')).toBe('# Monday\n- call Ann\n');
      expect(result.output).toEqual({ path: 'notes/meetings/monday.md', bytes: 20, replaced: false });
      expect(result.summary).toBe('Created notes/meetings/monday.md (20 bytes)');
      expect(result.artifacts?.[0]).toMatchObject({ kind: 'file', path: 'notes/meetings/monday.md' });
    });

    it('succeeds without writing when the file already holds exactly this content (a retry after a crash)', async () => {
      const params = { path: 'notes/a.md', content: 'same' };
      await runTool(filesCreateTool, params, ws.ctx);
      const retry = await runTool(filesCreateTool, params, ws.ctx);
      expect(retry.summary).toBe('notes/a.md already had this content; nothing changed');
      // Rolling back the retry leaves the file: it did not create it.
      await rollbackTool(filesCreateTool, params, retry, ws.ctx);
      expect(await readFile(path.join(ws.dir, 'notes/a.md'), 'utf8')).toBe('same');
    });

    it('refuses to replace an existing file unless overwrite is true, and changes nothing', async () => {
      await runTool(filesCreateTool, { path: 'a.txt', content: 'original' }, ws.ctx);
      const err = await runTool(filesCreateTool, { path: 'a.txt', content: 'new' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileExistsError);
      expect((err as FileExistsError).userMessage).toContain('set overwrite to true');
      expect(await readFile(path.join(ws.dir, 'a.txt'), 'utf8')).toBe('original');

      const replaced = await runTool(filesCreateTool, { path: 'a.txt', content: 'new', overwrite: true }, ws.ctx);
      expect(replaced.output.replaced).toBe(true);
      expect(await readFile(path.join(ws.dir, 'a.txt'), 'utf8')).toBe('new');
    });

    it('rolls back a new file by deleting it and the folders it created', async () => {
      const params = { path: 'drafts/deep/offer.md', content: 'Offer' };
      const result = await runTool(filesCreateTool, params, ws.ctx);
      await rollbackTool(filesCreateTool, params, result, ws.ctx);
      expect(await readdir(ws.dir)).toEqual([]);
    });

    it('rolls back a replacement by restoring the previous content exactly', async () => {
      const previous = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a]);
      await mkdir(ws.dir, { recursive: true });
      await writeFile(path.join(ws.dir, 'data.bin'), previous);
      const params = { path: 'data.bin', content: 'text now', overwrite: true };
      const result = await runTool(filesCreateTool, params, ws.ctx);
      // Rollback data must survive a trip through the database as JSON.
      const stored = JSON.parse(JSON.stringify(result));
      await rollbackTool(filesCreateTool, params, stored, ws.ctx);
      expect(await readFile(path.join(ws.dir, 'data.bin'))).toEqual(previous);
    });

    it('refuses to roll back a file someone changed afterwards, keeping their work', async () => {
      const params = { path: 'plan.md', content: 'v1' };
      const result = await runTool(filesCreateTool, params, ws.ctx);
      await writeFile(path.join(ws.dir, 'plan.md'), 'edited by the user');
      await expect(rollbackTool(filesCreateTool, params, result, ws.ctx)).rejects.toBeInstanceOf(RollbackConflictError);
      expect(await readFile(path.join(ws.dir, 'plan.md'), 'utf8')).toBe('edited by the user');
    });

    it('refuses to guess when the rollback record is unreadable', async () => {
      const params = { path: 'keep.md', content: 'keep me' };
      const result = await runTool(filesCreateTool, params, ws.ctx);
      await expect(rollbackTool(filesCreateTool, params, { ...result, rollbackData: { files: 'garbage' } }, ws.ctx)).rejects.toThrow(/nothing was rolled back/);
      expect(await readFile(path.join(ws.dir, 'keep.md'), 'utf8')).toBe('keep me');
    });

    it('rejects paths outside the workspace before writing anything', async () => {
      const err = await runTool(filesCreateTool, { path: '../escape.txt', content: 'x' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).userMessage).toContain('path: leads outside the workspace');
      // Even if a caller skips validation, execute refuses too.
      await expect(filesCreateTool.execute({ path: '/tmp/escape.txt', content: 'x', overwrite: false }, ws.ctx)).rejects.toBeInstanceOf(WorkspacePathError);
    });

    it('refuses to write over a folder', async () => {
      await mkdir(path.join(ws.dir, 'folder'), { recursive: true });
      await expect(runTool(filesCreateTool, { path: 'folder', content: 'x', overwrite: true }, ws.ctx)).rejects.toThrow(/is a folder, not a file/);
    });
  });

  describe('files.read', () => {
    it('reads text back', async () => {
      await runTool(filesCreateTool, { path: 'hello.txt', content: 'Hello, Jürgen ✓' }, ws.ctx);
      const result = await runTool(filesReadTool, { path: 'hello.txt' }, ws.ctx);
      expect(result.output.content).toBe('Hello, Jürgen ✓');
    });

    it('refuses a file over the size limit with a message naming the sizes', async () => {
      await runTool(filesCreateTool, { path: 'big.txt', content: 'x'.repeat(5000) }, ws.ctx);
      const err = await runTool(filesReadTool, { path: 'big.txt', maxBytes: 1024 }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileTooLargeError);
      expect((err as FileTooLargeError).userMessage).toMatch(/"big.txt" is 4.9 KB, more than the 1.0 KB/);
    });

    it('refuses binary files and missing files clearly', async () => {
      await mkdir(ws.dir, { recursive: true });
      await writeFile(path.join(ws.dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      await expect(runTool(filesReadTool, { path: 'image.png' }, ws.ctx)).rejects.toBeInstanceOf(NotATextFileError);
      const missing = await runTool(filesReadTool, { path: 'nope.txt' }, ws.ctx).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(WorkspaceFileNotFoundError);
      expect((missing as WorkspaceFileNotFoundError).userMessage).toContain('"nope.txt" does not exist');
    });
  });

  describe('files.list', () => {
    it('lists recursively with sizes, hiding Steward’s private folder', async () => {
      await runTool(filesCreateTool, { path: 'site/index.html', content: '<h1>Hi</h1>' }, ws.ctx);
      await runTool(filesCreateTool, { path: 'site/css/styles.css', content: 'body{}' }, ws.ctx);
      await runTool(filesCreateTool, { path: 'readme.md', content: 'abc' }, ws.ctx);
      await runTool(filesCreateTool, { path: 'readme.md', content: 'abcd', overwrite: true }, ws.ctx); // creates a backup in .steward
      const result = await runTool(filesListTool, {}, ws.ctx);
      expect(result.output.entries).toEqual([
        { path: 'readme.md', type: 'file', bytes: 4 },
        { path: 'site', type: 'directory', bytes: 0 },
        { path: 'site/css', type: 'directory', bytes: 0 },
        { path: 'site/index.html', type: 'file', bytes: 11 },
        { path: 'site/css/styles.css', type: 'file', bytes: 6 },
      ]);
      expect(result.output.totalBytes).toBe(21);
      expect(result.summary).toBe('3 files in the workspace');
      expect((await stat(path.join(ws.dir, '.steward'))).isDirectory()).toBe(true);
    });

    it('lists one folder without recursion and says when it truncated', async () => {
      for (let i = 0; i < 5; i++) await runTool(filesCreateTool, { path: `docs/f${i}.txt`, content: 'x' }, ws.ctx);
      await runTool(filesCreateTool, { path: 'docs/sub/deep.txt', content: 'x' }, ws.ctx);
      const flat = await runTool(filesListTool, { path: 'docs', recursive: false }, ws.ctx);
      expect(flat.output.entries.map((e) => e.path)).toEqual(['docs/f0.txt', 'docs/f1.txt', 'docs/f2.txt', 'docs/f3.txt', 'docs/f4.txt', 'docs/sub']);
      const truncated = await runTool(filesListTool, { path: 'docs', maxEntries: 2 }, ws.ctx);
      expect(truncated.output.truncated).toBe(true);
      expect(truncated.summary).toContain('first 2 entries shown');
    });

    it('works on an empty workspace', async () => {
      const result = await runTool(filesListTool, { path: '.' }, ws.ctx);
      expect(result.output.entries).toEqual([]);
    });
  });

  describe('files.diff', () => {
    it('diffs two files', async () => {
      await runTool(filesCreateTool, { path: 'v1.md', content: 'Dear Ann,\nWelcome aboard.\nSalary: 50k\n' }, ws.ctx);
      await runTool(filesCreateTool, { path: 'v2.md', content: 'Dear Ann,\nWelcome aboard.\nSalary: 55k\n' }, ws.ctx);
      const result = await runTool(filesDiffTool, { from: 'v1.md', to: 'v2.md' }, ws.ctx);
      expect(result.output.diff).toBe('--- a/v1.md\n+++ b/v2.md\n@@ -1,3 +1,3 @@\n Dear Ann,\n Welcome aboard.\n-Salary: 50k\n+Salary: 55k\n');
      expect(result.summary).toBe('1 line added, 1 removed');
    });

    it('diffs a file against proposed content', async () => {
      await runTool(filesCreateTool, { path: 'todo.md', content: 'a\nb\n' }, ws.ctx);
      const result = await runTool(filesDiffTool, { from: 'todo.md', proposedContent: 'a\nb\nc\n' }, ws.ctx);
      expect(result.output.additions).toBe(1);
      expect(result.output.diff).toContain('+++ b/todo.md (proposed)');
      expect(applyUnifiedDiff('a\nb\n', result.output.diff)).toBe('a\nb\nc\n');
    });

    it('needs exactly one of "to" or "proposedContent"', async () => {
      const err = await runTool(filesDiffTool, { from: 'a.md' }, ws.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).userMessage).toContain('give exactly one of "to"');
    });

    it('produces a correct (if not minimal) diff for large, completely different files', async () => {
      const a = Array.from({ length: 6000 }, (_, i) => `old ${i}\n`).join('');
      const b = Array.from({ length: 6000 }, (_, i) => `new ${i}\n`).join('');
      await runTool(filesCreateTool, { path: 'a.txt', content: a }, ws.ctx);
      const result = await runTool(filesDiffTool, { from: 'a.txt', proposedContent: b }, ws.ctx);
      expect(result.output).toMatchObject({ additions: 6000, deletions: 6000 });
      expect(applyUnifiedDiff(a, result.output.diff)).toBe(b);
    });
  });
});
