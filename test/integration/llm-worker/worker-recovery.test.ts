/**
 * Crash isolation: the inference worker really dies (SIGKILL of the real child process) and the
 * main process survives, tells the caller what happened, restarts the worker and serves again;
 * a model that cannot be loaded is marked failed instead of restarted in a loop.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../../src-main/core/llm/worker/fork-launcher.js';
import type { InferenceLauncher } from '../../../src-main/core/llm/worker/inference-launcher.js';
import { InferenceWorkerMissingError, LocalModelFailedError, LocalModelStoppedError, WorkerReportedError } from '../../../src-main/core/llm/worker/worker-errors.js';
import { WorkerLlmProvider, type WorkerStatus } from '../../../src-main/core/llm/worker/worker-llm-provider.js';
import type { ChatMessage } from '../../../src-main/core/llm/provider.js';
import { tinyLlamaGgufPath } from '../../helpers/tiny-gguf.js';
import { REALISTIC_SHAPES, writeRealisticGguf } from '../../../bench/lib/llm/realistic-gguf.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'steward-worker-'));
const open: WorkerLlmProvider[] = [];
afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

const user = (text: string): ChatMessage[] => [{ role: 'user', content: text }];

/** The real fork launcher, counting how many workers were started. */
function countingLauncher(onLaunch?: (pid: number | undefined) => void): InferenceLauncher & { launches: number } {
  const real = createForkLauncher();
  const launcher = {
    kind: 'fork' as const,
    launches: 0,
    launch(options: { env: Record<string, string> }) {
      launcher.launches++;
      const child = real.launch(options);
      onLaunch?.(child.pid);
      return child;
    },
  };
  return launcher;
}

function track(provider: WorkerLlmProvider): WorkerLlmProvider {
  open.push(provider);
  return provider;
}

describe('the worker dies, the app does not', () => {
  it('kill -9 mid-request: the request fails with a clear error, the worker restarts and the next request works', async () => {
    const statuses: WorkerStatus[] = [];
    const launcher = countingLauncher();
    const provider = track(new WorkerLlmProvider({ launcher, modelPath: tinyLlamaGgufPath(), modelId: 'tiny', sequences: 2, contextSize: 2048, onStatus: (s) => statuses.push(s) }));
    await provider.load();
    const firstPid = provider.pid!;
    let killed = false;
    const error = await provider
      .chat({
        messages: user('Write a very long story.'),
        maxTokens: 5000,
        temperature: 0,
        onToken: () => {
          if (!killed) {
            killed = true;
            process.kill(firstPid, 'SIGKILL');
          }
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalModelStoppedError);
    expect((error as LocalModelStoppedError).userMessage).toMatch(/^The local model stopped: it was killed \(SIGKILL.*\)\. Steward is restarting it; send your request again in a moment\.$/);
    expect(provider.status()).toMatchObject({ state: 'restarting', lastCrash: { reason: expect.stringMatching(/SIGKILL/) } });

    const next = await provider.chat({ messages: user('Are you back?'), maxTokens: 5, temperature: 0 });
    expect(next.usage.completionTokens).toBe(5);
    expect(provider.pid).not.toBe(firstPid);
    expect(provider.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(launcher.launches).toBe(2);
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready', 'restarting', 'starting', 'ready']);
  }, 120_000);

  it('a worker that dies on every load is restarted once, then the model is marked failed: no loop', async () => {
    // Each worker is killed as soon as it starts, so it dies while loading the model.
    const launcher = countingLauncher((pid) => setTimeout(() => pid && process.kill(pid, 'SIGKILL'), 50));
    const provider = track(new WorkerLlmProvider({ launcher, modelPath: tinyLlamaGgufPath(), modelId: 'tiny', sequences: 1, contextSize: 2048, restartDelayMs: 50 }));
    const first = await provider.load().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(LocalModelStoppedError);
    const later = await provider.chat({ messages: user('hi'), maxTokens: 2 }).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(LocalModelFailedError);
    expect((later as LocalModelFailedError).userMessage).toMatch(/^The local model tiny is marked as failed and was not restarted: the inference worker stopped 2 times in a row while loading it \(last: it was killed \(SIGKILL/);
    await new Promise((r) => setTimeout(r, 500));
    expect(launcher.launches).toBe(2);
    expect(provider.status()).toMatchObject({ state: 'failed', failedReason: expect.stringMatching(/2 times in a row/) });
    // Fails fast from now on, without starting anything.
    await expect(provider.countTokens('x')).rejects.toBeInstanceOf(LocalModelFailedError);
    expect(launcher.launches).toBe(2);
  }, 60_000);
});

describe('bad model files through the worker: a clear error, marked failed, never restarted', () => {
  const expectFailedOnce = async (modelPath: string, message: RegExp) => {
    const launcher = countingLauncher();
    const provider = track(new WorkerLlmProvider({ launcher, modelPath, sequences: 1, contextSize: 2048 }));
    const error = await provider.chat({ messages: user('hi'), maxTokens: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerReportedError);
    expect((error as WorkerReportedError).code).toBe('model_invalid');
    expect((error as WorkerReportedError).userMessage).toMatch(message);
    await expect(provider.embed(['x'])).rejects.toThrow(message);
    expect(launcher.launches).toBe(1);
    expect(provider.status()).toMatchObject({ state: 'failed', failedReason: expect.stringMatching(message) });
  };

  it('a file that is not a GGUF', async () => {
    const zip = path.join(dir, 'zip.gguf');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]));
    await expectFailedOnce(zip, /it is not a GGUF file/);
  }, 60_000);

  it('a truncated GGUF', async () => {
    const partial = path.join(dir, 'partial.gguf');
    copyFileSync(tinyLlamaGgufPath(), partial);
    truncateSync(partial, Math.floor(readFileSync(partial).length * 0.6));
    await expectFailedOnce(partial, /truncated: it has \d+ bytes but its header describes \d+/);
  }, 60_000);

  it('a model larger than this machine\'s memory', async () => {
    // A complete-looking 70B-shaped file: the header is real, the ~38 GB of weights are a sparse hole.
    const huge = path.join(dir, 'huge.gguf');
    // A 70B layer is ~0.45 GB in Q4_K: enough layers to be twice this machine's RAM, whatever the machine.
    const blockCount = Math.ceil((2 * os.totalmem()) / 0.45e9);
    writeRealisticGguf(huge, { ...REALISTIC_SHAPES['llama-70b'], vocabSize: 32_000, blockCount }, { sparse: true });
    const launcher = countingLauncher();
    const provider = track(new WorkerLlmProvider({ launcher, modelPath: huge, sequences: 1, contextSize: 2048, gpu: 'cpu' }));
    const error = await provider.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerReportedError);
    expect((error as WorkerReportedError).userMessage).toMatch(
      /^The model huge\.gguf could not be loaded: there is not enough memory for it \(the model alone is [\d.]+ GB; this machine has [\d.]+ GB of RAM.*\)\. Try a smaller model/,
    );
    expect(launcher.launches).toBe(1);
    expect(provider.status().state).toBe('failed');
  }, 180_000);

  it('a worker entry missing after an update', async () => {
    const provider = track(new WorkerLlmProvider({ launcher: createForkLauncher(path.join(dir, 'gone', 'llm-worker.js')), modelPath: tinyLlamaGgufPath(), sequences: 1 }));
    const error = await provider.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceWorkerMissingError);
    expect((error as InferenceWorkerMissingError).userMessage).toMatch(/^Steward's inference worker is missing \(.*gone\/llm-worker\.js\), so the local model cannot run\. Run `npm install` and `npm run build` again to restore it\.$/);
    expect(provider.status().state).toBe('failed');
  });
});

describe('the main process stays responsive', () => {
  it('a timer keeps firing on schedule while the worker evaluates a long prompt', async () => {
    const provider = track(await WorkerLlmProvider.open({ launcher: createForkLauncher(), modelPath: tinyLlamaGgufPath(), sequences: 1, contextSize: 16_384 }));
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const result = await provider.chat({ messages: user('ledger entry '.repeat(900)), maxTokens: 1, temperature: 0 });
    const took = performance.now() - started;
    clearInterval(timer);
    expect(result.usage.promptTokens).toBeGreaterThan(11_000);
    // The evaluation takes a while (seconds on a CPU)…
    expect(took).toBeGreaterThan(300);
    // …and the event loop here never stalled for more than a fraction of it.
    expect(gaps.length).toBeGreaterThan(took / 10 / 3);
    expect(Math.max(...gaps)).toBeLessThan(Math.max(250, took / 4));
  }, 120_000);
});
