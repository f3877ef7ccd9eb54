import { mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspacePathError } from '../../../src-main/core/tools/builtin/tool-errors.js';
import { relativePathProblem, resolveInWorkspace, workspacePathSchema } from '../../../src-main/core/tools/builtin/workspace-path.js';
import { createTestWorkspace, type TestWorkspace } from './helpers/tool-context.js';

describe('workspace path confinement', () => {
  let ws: TestWorkspace;
  beforeEach(async () => {
    ws = await createTestWorkspace();
  });
  afterEach(async () => ws.cleanup());

  it('resolves ordinary relative paths inside the workspace', async () => {
    const resolved = await resolveInWorkspace(ws.dir, 'reports/./q1/../summary.txt');
    expect(resolved.relative).toBe('reports/summary.txt');
    expect(resolved.absolute.endsWith(path.join('workspace', 'reports', 'summary.txt'))).toBe(true);
  });

  it.each([
    ['/etc/passwd', 'is absolute'],
    ['C:\\Windows\\win.ini', 'is absolute'],
    ['~/secrets.txt', 'is absolute'],
    ['../outside.txt', 'leads outside the workspace'],
    ['docs/../../outside.txt', 'leads outside the workspace'],
    ['..\\..\\outside.txt', 'leads outside the workspace'],
    ['a\0b', 'contains a NUL character'],
    ['   ', 'is empty'],
    ['.steward/backups/x', "is inside Steward's private .steward folder"],
  ])('refuses %j with a clear error', async (given, reason) => {
    expect(relativePathProblem(given)).toBe(reason);
    const err = await resolveInWorkspace(ws.dir, given).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspacePathError);
    expect((err as WorkspacePathError).userMessage).toContain(reason);
    expect((err as WorkspacePathError).userMessage).toContain('relative path inside the task');
  });

  it('refuses a symlink inside the workspace that leads outside it', async () => {
    const outside = path.join(os.tmpdir(), `steward-outside-${process.pid}`);
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), 'top secret');
    await mkdir(ws.dir, { recursive: true });
    await symlink(outside, path.join(ws.dir, 'escape'));
    await expect(resolveInWorkspace(ws.dir, 'escape/secret.txt')).rejects.toThrow(/link that leads outside/);
    await expect(resolveInWorkspace(ws.dir, 'escape/new-file.txt')).rejects.toThrow(/link that leads outside/);
  });

  it('gives the model the same reasons through the zod schema', () => {
    const schema = workspacePathSchema('notes/a.md');
    const result = schema.safeParse('../../etc/passwd');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/leads outside the workspace; use a relative path inside the workspace, such as "notes\/a.md"/);
    expect(schema.safeParse('notes/a.md').success).toBe(true);
  });
});
