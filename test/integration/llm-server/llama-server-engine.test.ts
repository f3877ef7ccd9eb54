/**
 * The llama-server engine: llama.cpp's own server, built from the source node-llama-cpp ships
 * (`node scripts/build-llama-cpp-tools.mjs`), started by Steward on 127.0.0.1 with an API key and
 * used through the OpenAI-compatible provider, on the generated tiny GGUF.
 *
 * The build takes long on a small CI machine, so the tests that need the binary run when it is
 * there and are skipped with the reason printed when it is not; the error paths run always.
 */
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findBuiltLlamaCppTool, resolveLlamaServerBinary } from '../../../src-main/core/llm/llama-server/llama-server-binary.js';
import { LlamaServerMissingError, LlamaServerPortInUseError } from '../../../src-main/core/llm/llama-server/llama-server-errors.js';
import { assertPortFree } from '../../../src-main/core/llm/llama-server/llama-server-process.js';
import { LlamaServerProvider } from '../../../src-main/core/llm/llama-server/llama-server-provider.js';
import { LocalModelStoppedError } from '../../../src-main/core/llm/worker/worker-errors.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';

const binary = process.env.STEWARD_LLAMA_SERVER ?? findBuiltLlamaCppTool('llama-server');
if (!binary) {
  console.warn('[llama-server tests] SKIPPED the tests that run llama-server: it is not built on this machine. Build it with `node scripts/build-llama-cpp-tools.mjs` (offline) or set STEWARD_LLAMA_SERVER.');
}

const holders: Server[] = [];
const providers: LlamaServerProvider[] = [];
afterAll(async () => {
  await Promise.all(providers.map((p) => p.close()));
  for (const h of holders) h.close();
});

/** Holds a port on 127.0.0.1 the way another program would. */
function holdPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    holders.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

describe('llama-server engine: errors that need no binary', () => {
  it('a binary that is not built names the build command; a wrong path in settings says which setting', () => {
    const empty = path.join(os.tmpdir(), 'steward-no-llama-tools');
    expect(() => resolveLlamaServerBinary(null, empty)).toThrow(LlamaServerMissingError);
    expect(() => resolveLlamaServerBinary(null, empty)).toThrow(/^llama-server is not built yet \(looked for .*build-cpu\/bin\/llama-server\)\. Build it offline .* with `node scripts\/build-llama-cpp-tools\.mjs`/);
    expect(() => resolveLlamaServerBinary('/opt/nowhere/llama-server')).toThrow(/^llama-server was not found at \/opt\/nowhere\/llama-server \(settings llm\.llamaServerBinary\)\./);
  });

  it('a port another program holds is refused with the port and what to do', async () => {
    const port = await holdPort();
    const error = await assertPortFree(port).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlamaServerPortInUseError);
    expect((error as LlamaServerPortInUseError).code).toBe('port_unavailable');
    expect((error as LlamaServerPortInUseError).userMessage).toBe(
      `Port ${port} on 127.0.0.1 is already in use by another program, so llama-server cannot start there. Choose another port (settings llm.llamaServerPort) or leave it empty to pick a free one, or stop the other program.`,
    );
  });

  it('the provider with no binary fails with the same clear error and does not loop', async () => {
    const provider = new LlamaServerProvider({ modelPath: tinyLlamaGgufPath(), binary: '/opt/nowhere/llama-server' });
    providers.push(provider);
    await expect(provider.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/llama-server was not found at \/opt\/nowhere/);
    expect(provider.status()).toMatchObject({ state: 'failed', failedReason: expect.stringMatching(/not found/) });
  });
});

describe.skipIf(!binary)('llama-server engine on the tiny GGUF', () => {
  let provider: LlamaServerProvider;

  it('starts on 127.0.0.1 with an API key, streams, counts tokens exactly, runs parallel requests and answers JSON', async () => {
    provider = new LlamaServerProvider({ modelPath: tinyLlamaGgufPath(), modelId: 'tiny', binary: binary!, contextSize: 2048, gpu: 'cpu', threads: 1, parallel: 4 });
    providers.push(provider);
    await provider.load();
    expect(provider.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The key is required: a chat request without it is refused (/health and /v1/models are public in llama-server).
    const anonymous = await fetch(`${provider.url}/v1/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 }) });
    expect(anonymous.status).toBe(401);

    expect(await provider.countTokens('hello world')).toBe(11);
    const pieces: string[] = [];
    const streamed = await provider.chat({ messages: [{ role: 'user', content: 'Say something.' }], maxTokens: 16, temperature: 0, onToken: (t) => pieces.push(t) });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(streamed.text);
    expect(streamed.usage.completionTokens).toBe(16);

    const all = await Promise.all([0, 1, 2, 3].map((i) => provider.chat({ messages: [{ role: 'user', content: `Question ${i}` }], maxTokens: 8, temperature: 0 })));
    for (const r of all) expect(r.usage.completionTokens).toBe(8);

    const Flag = z.object({ ok: z.boolean() });
    const json = await provider.chatJson({ messages: [{ role: 'user', content: 'ok?' }], schema: Flag, schemaName: 'Flag', maxTokens: 30 });
    expect(Flag.safeParse(json.value).success).toBe(true);
    expect(provider.status()).toMatchObject({ state: 'ready', restarts: 0 });
  }, 180_000);

  it('kill -9 of llama-server: the call fails clearly and the next one starts it again', async () => {
    const pid = provider.status().pid!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => provider.status().state, { timeout: 10_000 }).toBe('restarting');
    expect(provider.status().lastCrash?.reason).toMatch(/SIGKILL/);
    const next = await provider.chat({ messages: [{ role: 'user', content: 'back?' }], maxTokens: 4, temperature: 0 });
    expect(next.usage.completionTokens).toBe(4);
    expect(provider.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(provider.status().pid).not.toBe(pid);
    void LocalModelStoppedError;
  }, 180_000);

  it('a configured port in use is a clear error, and nothing is started', async () => {
    const port = await holdPort();
    const busy = new LlamaServerProvider({ modelPath: tinyLlamaGgufPath(), binary: binary!, port, contextSize: 2048, gpu: 'cpu' });
    providers.push(busy);
    await expect(busy.load()).rejects.toBeInstanceOf(LlamaServerPortInUseError);
    expect(busy.status()).toMatchObject({ state: 'failed', pid: null });
  });
});
