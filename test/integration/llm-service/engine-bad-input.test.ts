/**
 * Bad input to the local engine (issue 19): a model file that is not a GGUF, a truncated GGUF, an
 * inference worker missing after an update, and a llama-server port already in use each give a
 * clear error in llm.status (what the Models screen shows), naming what is wrong and what to do —
 * and nothing else is affected: the chat still answers with the cloud model (the real openai
 * client against the OpenAI-compatible fake), and other requests work.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { LlmService } from '../../../src-main/core/llm/llm-service.js';
import { createForkLauncher } from '../../../src-main/core/llm/worker/fork-launcher.js';
import { completionBody, startOpenAiFake } from '../../fakes/openai-fake.js';
import { createTestCore, type TestCore } from '../../helpers/test-core.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const open: TestCore[] = [];
afterAll(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

async function coreWithModel(file: string, contents: Buffer) {
  const t = await createTestCore({ installAgent: false });
  open.push(t);
  mkdirSync(t.core.paths.modelsDir, { recursive: true });
  writeFileSync(path.join(t.core.paths.modelsDir, file), contents);
  return t;
}

describe('bad input to the local engine', () => {
  it('a file that is not a GGUF and a truncated GGUF are named on the Models screen before any reply; the cloud model still answers', async () => {
    const fake = await startOpenAiFake();
    onTestFinished(() => fake.close());
    const t = await coreWithModel('model.gguf', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]));
    await t.core.request('settings.update', { patch: { llm: { localModel: 'model.gguf', cloud: { enabled: true, baseUrl: fake.url, model: 'gpt-4o-mini' } } } });
    await t.core.llm.settled();
    const status = await t.core.request('llm.status', {});
    expect(status.local.configured).toBe(false);
    expect(status.local.problem).toMatch(/The model file .*model\.gguf cannot be used: it is not a GGUF file\. Delete it and download it again .*or import a complete \.gguf file/);
    fake.reply('/v1/chat/completions', { status: 200, body: completionBody({ content: 'Cloud here.' }) });
    const answer = await t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.text).toBe('Cloud here.');
    // Other screens load as before.
    await expect(t.core.request('conversations.list', {})).resolves.toEqual([]);

    const full = readFileSync(tinyLlamaGgufPath());
    writeFileSync(path.join(t.core.paths.modelsDir, 'cut.gguf'), full.subarray(0, Math.floor(full.length * 0.6)));
    await t.core.request('settings.update', { patch: { llm: { localModel: 'cut.gguf' } } });
    await t.core.llm.settled();
    expect((await t.core.request('llm.status', {})).local.problem).toMatch(/cut\.gguf cannot be used: the file is truncated: it has \d+ bytes but its header describes \d+ \(an interrupted download\?\)/);
    // A good file clears it.
    copyFileSync(tinyLlamaGgufPath(), path.join(t.core.paths.modelsDir, 'good.gguf'));
    await t.core.request('settings.update', { patch: { llm: { localModel: 'good.gguf' } } });
    await t.core.llm.settled();
    expect((await t.core.request('llm.status', {})).local).toMatchObject({ configured: true, problem: null });
  }, 60_000);

  it('a missing inference worker after an update fails with what to run, and the status says the model failed and why', async () => {
    const t = await createTestCore({ installAgent: false });
    open.push(t);
    mkdirSync(t.core.paths.modelsDir, { recursive: true });
    copyFileSync(tinyLlamaGgufPath(), path.join(t.core.paths.modelsDir, 'tiny.gguf'));
    t.core.settings.update({ llm: { localModel: 'tiny.gguf' } });
    const llm = await LlmService.create({
      db: t.core.db.raw,
      settings: t.core.settings,
      secrets: t.secrets,
      events: t.core.events,
      modelsDir: t.core.paths.modelsDir,
      inferenceLauncher: createForkLauncher(path.join(t.dataDir, 'gone', 'llm-worker.js')),
    });
    onTestFinished(() => llm.close());
    await expect(llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 })).rejects.toThrow(
      /Steward's inference worker is missing \(.*gone.*llm-worker\.js\), so the local model cannot run\. Run `npm install` and `npm run build` again to restore it\./,
    );
    await expect.poll(() => llm.status().local.runtime?.failedReason ?? null).toMatch(/inference worker is missing/);
  }, 60_000);

  it('a llama-server port already in use is named with what to do, without starting anything', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const port = (busy.address() as { port: number }).port;
    const t = await coreWithModel('tiny.gguf', readFileSync(tinyLlamaGgufPath()));
    // Any existing program passes the binary check; the port is checked before it would run.
    await t.core.request('settings.update', { patch: { llm: { localModel: 'tiny.gguf', engine: 'llama-server', llamaServerBinary: process.execPath, llamaServerPort: port } } });
    await t.core.llm.settled();
    expect((await t.core.request('llm.status', {})).local.llamaServer).toEqual({ binary: process.execPath, problem: null });
    await expect(t.core.llm.router.chat({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 })).rejects.toThrow(
      new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use by another program, so llama-server cannot start there\\. Choose another port \\(settings llm\\.llamaServerPort\\)`),
    );
    expect((await t.core.request('llm.status', {})).local.runtime).toMatchObject({ engine: 'llama-server', state: 'failed', failedReason: expect.stringMatching(/already in use/) });
    // A binary that is not there: the status names the path and the setting, and the command that builds one.
    await t.core.request('settings.update', { patch: { llm: { llamaServerBinary: '/opt/nowhere/llama-server' } } });
    expect((await t.core.request('llm.status', {})).local.llamaServer).toEqual({
      binary: null,
      problem: expect.stringMatching(/llama-server was not found at \/opt\/nowhere\/llama-server \(settings llm\.llamaServerBinary\)\. Fix the path, or clear it to use the copy built by `node scripts\/build-llama-cpp-tools\.mjs`/),
    });
  }, 60_000);
});
