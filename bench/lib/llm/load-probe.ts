/**
 * Child process of the LLM benchmark: loads the model one way (Steward or raw node-llama-cpp)
 * in a fresh process, runs one round of short concurrent requests, and prints what it took and
 * the process's peak memory. A fresh process per load is the only way to measure a cold load and
 * a peak RSS that belongs to one side alone. Protocol (input, output): load-probe-protocol.ts.
 *
 *   node --import tsx bench/lib/llm/load-probe.ts '<json LoadProbeInput>'
 */
import { getLlama, LlamaChatSession, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { openLlamaBackend } from '../../../src-main/core/llm/local/llama-backend.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import { PeakRssSampler } from '../peak-memory.js';
import { streamPrompt } from './bench-prompts.js';
import { SEED, TEMPERATURE } from './llm-subject.js';
import { LOAD_PROBE_MARKER, LoadProbeInputSchema, type LoadProbeInput, type LoadProbeOutput } from './load-probe-protocol.js';
import { stewardDefaultThreads } from './thread-rule.js';

function rawGpu(gpu: LoadProbeInput['gpu']): 'auto' | false | 'cuda' | 'vulkan' | 'metal' {
  return gpu === 'cpu' ? false : gpu;
}

async function vramUsed(llama: Llama): Promise<number | null> {
  if (llama.gpu === false) return null;
  return (await llama.getVramState()).used;
}

async function probeSteward(input: LoadProbeInput, sampler: PeakRssSampler): Promise<LoadProbeOutput> {
  const started = performance.now();
  // The same call the provider makes when given no backend; opened here to keep a handle for the VRAM reading.
  const backend = await openLlamaBackend(input.gpu, { logLevel: LlamaLogLevel.error });
  const provider = await LocalLlamaProvider.open({
    modelPath: input.modelPath,
    llama: backend,
    sequences: input.sequences,
    contextSize: input.contextSize,
    minContextSize: input.contextSize,
    temperature: TEMPERATURE,
    logLevel: LlamaLogLevel.error,
    ...(input.threads !== undefined && { threads: input.threads }),
  });
  const loadMs = performance.now() - started;
  const rssAfterLoadBytes = process.memoryUsage.rss();
  const results = await Promise.all(
    Array.from({ length: input.sequences }, (_, k) => provider.chat({ messages: [{ role: 'user', content: streamPrompt(k) }], maxTokens: input.tokensPerStream, temperature: TEMPERATURE })),
  );
  const info = await provider.info();
  const vram = await vramUsed(backend.llama);
  await provider.close();
  await backend.llama.dispose();
  const memory = sampler.stop();
  return {
    side: 'steward',
    loadMs,
    rssAfterLoadBytes,
    peakRssBytes: memory.peakRssBytes,
    vramUsedBytes: vram,
    backend: info.backend,
    gpuLayers: info.gpuLayers,
    contextSize: info.contextSize,
    sequences: info.sequences,
    tokensGenerated: results.reduce((s, r) => s + r.usage.completionTokens, 0),
  };
}

async function probeRaw(input: LoadProbeInput, sampler: PeakRssSampler): Promise<LoadProbeOutput> {
  const started = performance.now();
  const llama = await getLlama({ gpu: rawGpu(input.gpu), build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: input.modelPath });
  const threads = input.threads ?? stewardDefaultThreads(llama);
  const context = await model.createContext({ contextSize: Math.min(input.contextSize, model.trainContextSize), sequences: input.sequences, threads });
  const sessions = Array.from({ length: input.sequences }, () => new LlamaChatSession({ contextSequence: context.getSequence() }));
  const loadMs = performance.now() - started;
  const rssAfterLoadBytes = process.memoryUsage.rss();
  let tokens = 0;
  await Promise.all(
    sessions.map((session, k) => {
      session.setChatHistory([]);
      return session.prompt(streamPrompt(k), { maxTokens: input.tokensPerStream, temperature: TEMPERATURE, seed: SEED, onToken: (t) => (tokens += t.length) });
    }),
  );
  const vram = await vramUsed(llama);
  const out = {
    backend: llama.gpu === false ? 'cpu' : llama.gpu,
    gpuLayers: model.gpuLayers,
    contextSize: context.contextSize,
  };
  for (const session of sessions) session.dispose();
  await context.dispose();
  await model.dispose();
  await llama.dispose();
  const memory = sampler.stop();
  return { side: 'raw', loadMs, rssAfterLoadBytes, peakRssBytes: memory.peakRssBytes, vramUsedBytes: vram, ...out, sequences: input.sequences, tokensGenerated: tokens };
}

async function main(): Promise<void> {
  const input = LoadProbeInputSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const sampler = new PeakRssSampler(25).start();
  const output = input.side === 'steward' ? await probeSteward(input, sampler) : await probeRaw(input, sampler);
  process.stdout.write(`${LOAD_PROBE_MARKER}${JSON.stringify(output)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`load probe failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
