import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelsCli } from '../../../src-main/cli/models-cli.js';
import { startFileServer, type FileServer } from './helpers/file-server.js';
import { serveTestCatalog, tinyChatGguf, type ServedCatalog } from './helpers/test-catalog.js';

const CLI = path.resolve('src-main/cli/models-cli.ts');

let server: FileServer;
let served: ServedCatalog;
let home: string;
let catalogFile: string;

beforeAll(async () => {
  server = await startFileServer();
  served = serveTestCatalog(server);
  catalogFile = served.writeFile();
  home = mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
});
afterAll(async () => {
  await server.close();
  served.cleanup();
  rmSync(home, { recursive: true, force: true });
});

/** Runs the CLI as `npm run models --` does; async so this process keeps serving the downloads. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env: { ...process.env, STEWARD_HOME: home, STEWARD_MODEL_CATALOG: catalogFile }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const modelsDir = () => path.join(home, 'models');

describe('npm run models', () => {
  it('list shows the catalog in effect and where models live', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Models folder: ${modelsDir()}`);
    expect(r.stdout).toMatch(/ {2}tiny-chat +chat/);
    expect(r.stdout).toMatch(/tiny-embed +embedding/);
  });

  it('pull downloads with progress lines, verifies, and the model then lists as installed', async () => {
    const r = await cli('pull', 'tiny-chat');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Downloading Tiny Chat \(tiny-chat\.gguf/);
    expect(r.stdout).toMatch(/100\.0% +\d/);
    expect(r.stdout).toMatch(/Installed tiny-chat\.gguf \(.*SHA-256 verified\)/);
    expect(statSync(path.join(modelsDir(), 'tiny-chat.gguf')).size).toBe(served.chat.length);
    expect((await cli('list')).stdout).toMatch(/✓ tiny-chat/);
  });

  it('pull resumes by itself after the connection drops', async () => {
    expect((await cli('rm', 'tiny-chat')).code).toBe(0);
    server.switches.dropAfterBytes = 100_000;
    server.switches.dropTimes = 1;
    const before = server.requests.length;
    const r = await cli('pull', 'tiny-chat');
    server.switches.dropAfterBytes = null;
    expect(r.code).toBe(0);
    const mine = server.requests.slice(before);
    expect(mine).toHaveLength(2);
    expect(mine[0]!.bodyBytesSent).toBe(100_000);
    expect(mine[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(mine[1]!.status).toBe(206);
    expect(statSync(path.join(modelsDir(), 'tiny-chat.gguf')).size).toBe(served.chat.length);
  });

  it('fails with exit code 1 and the reason for a download that is not a complete GGUF', async () => {
    const r = await cli('pull', 'broken');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/truncated/);
    expect(existsSync(path.join(modelsDir(), 'broken.gguf'))).toBe(false);
  });

  it('import, rm and bad usage', async () => {
    const junk = path.join(home, 'junk.gguf');
    writeFileSync(junk, 'not a model');
    const bad = await cli('import', junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a GGUF/);

    const good = path.join(home, 'mine.gguf');
    writeFileSync(good, tinyChatGguf(21));
    const ok = await cli('import', good, '--copy');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Imported mine\.gguf/);

    const rm = await cli('rm', 'mine.gguf');
    expect(rm.code).toBe(0);
    expect(existsSync(path.join(modelsDir(), 'mine.gguf'))).toBe(false);

    expect((await cli('pull')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const unknown = await cli('pull', 'no-such-model');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No model "no-such-model"/);
  });

  it('Ctrl+C during a pull exits 130 and keeps the partial download for the next pull', async () => {
    server.switches.stallAfterBytes = 50_000;
    const interrupt = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    const otherHome = mkdtempSync(path.join(os.tmpdir(), 'steward-cli-int-'));
    try {
      const code = await runModelsCli(
        ['pull', 'tiny-chat'],
        {
          stdout: {
            write: (t: string) => {
              out.push(t);
              if (/\d%/.test(t)) interrupt.abort();
            },
          },
          stderr: { write: (t: string) => err.push(t) },
          env: { STEWARD_HOME: otherHome },
          interrupt: interrupt.signal,
        },
        { catalog: served.catalog, detectHardware: async () => ({ totalRamBytes: 16e9, freeRamBytes: 8e9, cpuCores: 4, gpu: null, gpuNote: null }), download: { progressIntervalMs: 0, retries: 0 } },
      );
      expect(code).toBe(130);
      expect(err.join('')).toMatch(/cancelled\. What was downloaded is kept/);
      expect(statSync(path.join(otherHome, 'models', 'tiny-chat.gguf.part')).size).toBeGreaterThan(0);
      expect(existsSync(path.join(otherHome, 'models', 'tiny-chat.gguf'))).toBe(false);
    } finally {
      server.switches.stallAfterBytes = null;
      rmSync(otherHome, { recursive: true, force: true });
    }
  });
});
