/**
 * The boundary itself: the real worker process validates every message it receives and says
 * what it did not understand, instead of acting on half of it; a request before any model is
 * loaded gets a clear error; and the worker runs with the one-thread libuv pool it was given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../../src-main/core/llm/worker/fork-launcher.js';
import { workerEnvironment, type InferenceProcess } from '../../../src-main/core/llm/worker/inference-launcher.js';
import { WorkerMessageSchema, type WorkerMessage } from '../../../src-main/core/llm/worker/worker-protocol.js';

let worker: InferenceProcess;
const received: WorkerMessage[] = [];

beforeAll(async () => {
  worker = createForkLauncher().launch({ env: workerEnvironment(1) });
  worker.onMessage((raw) => received.push(WorkerMessageSchema.parse(raw)));
  // Starting a process that imports node-llama-cpp takes seconds on a busy machine.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker did not say ready within 80 s')), 80_000);
    worker.onMessage((raw) => {
      if ((raw as { type?: string }).type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}, 90_000);

afterAll(() => worker?.kill());

const next = async (type: WorkerMessage['type']): Promise<WorkerMessage> => {
  await expect.poll(() => received.find((m) => m.type === type), { timeout: 20_000, interval: 20 }).toBeDefined();
  const index = received.findIndex((m) => m.type === type);
  return received.splice(index, 1)[0]!;
};

describe('inference worker protocol', () => {
  it('reports its pid and the libuv pool size it runs with', () => {
    expect(received.find((m) => m.type === 'ready')).toMatchObject({ type: 'ready', threadPoolSize: '1', pid: worker.pid });
  });

  it('refuses a malformed message with what was wrong, and keeps running', async () => {
    (worker as unknown as { send(m: unknown): void }).send({ type: 'chat', id: 'seven', request: {}, stream: 'yes' });
    const refusal = await next('protocolError');
    expect(refusal).toMatchObject({ type: 'protocolError', message: expect.stringMatching(/^the inference worker received a message it does not understand: /) });
    (worker as unknown as { send(m: unknown): void }).send({ type: 'format-disk' });
    expect((await next('protocolError')).type).toBe('protocolError');
  });

  it('answers a request made before any model is loaded with a clear error', async () => {
    worker.send({ type: 'countTokens', id: 1, text: 'hello' });
    const answer = await next('error');
    expect(answer).toMatchObject({ type: 'error', id: 1, error: { code: 'provider_failed', userMessage: 'The local model failed: the inference worker has no model loaded yet.' } });
  });
});
