/** Steward's side of the LLM benchmark: the real LocalLlamaProvider, as the app uses it. */
import type { Llama } from 'node-llama-cpp';
import type { BackendReport } from '../../../src-main/core/llm/local/llama-backend.js';
import { LocalLlamaProvider } from '../../../src-main/core/llm/local/local-llama-provider.js';
import type { ChatMessage } from '../../../src-main/core/llm/provider.js';
import { TEMPERATURE, type BenchOutcome, type BenchRequest, type LlmSubject } from './llm-subject.js';

export interface StewardSubjectOptions {
  backend: { llama: Llama; report: BackendReport };
  modelPath: string;
  contextSize: number;
  /** Sequences of the concurrent setup; 0 skips it (draft runs). */
  concurrentSequences: number;
  /** Only when the user set --threads; otherwise the provider's own default is what is measured. */
  threads?: number;
  draftModelPath?: string;
}

function messagesOf(request: BenchRequest): ChatMessage[] {
  return request.system ? [{ role: 'system', content: request.system }, { role: 'user', content: request.user }] : [{ role: 'user', content: request.user }];
}

export async function createStewardSubject(options: StewardSubjectOptions): Promise<LlmSubject> {
  const common = {
    modelPath: options.modelPath,
    modelId: 'bench',
    contextSize: options.contextSize,
    minContextSize: options.contextSize,
    llama: options.backend,
    temperature: TEMPERATURE,
    ...(options.threads !== undefined && { threads: options.threads }),
  };
  // Single-sequence and concurrent runs get their own provider, shaped like raw's two contexts.
  const single = await LocalLlamaProvider.open({ ...common, sequences: 1, draftModelPath: options.draftModelPath ?? null });
  const multi = options.concurrentSequences > 0 ? await LocalLlamaProvider.open({ ...common, sequences: options.concurrentSequences }) : null;

  // Generated tokens come from the pool's token meters, like raw's, not from usage.completionTokens
  // (which counts streamed pieces and can miss the last token or two).
  const generated = (provider: LocalLlamaProvider) => provider.stats()?.outputTokensGenerated ?? 0;
  const run = async (provider: LocalLlamaProvider, request: BenchRequest): Promise<BenchOutcome> => {
    const before = generated(provider);
    const started = performance.now();
    const result = await provider.chat({ messages: messagesOf(request), maxTokens: request.maxTokens, temperature: TEMPERATURE });
    const ms = performance.now() - started;
    // Exact for sequential requests; for a concurrent batch the batch total is taken instead.
    return { ms, completionTokens: generated(provider) - before, evaluatedPromptTokens: result.evaluatedPromptTokens, text: result.text };
  };

  return {
    name: 'steward',
    request: (request) => run(single, request),
    primeSystemPrompt: (systemPrompt) => single.warmUp({ systemPrompt }),
    async concurrent(requests) {
      if (!multi) throw new Error('this Steward subject has no concurrent setup');
      const before = generated(multi);
      const started = performance.now();
      const outcomes = await Promise.all(requests.map((request) => run(multi, request)));
      const ms = performance.now() - started;
      return { ms, generatedTokens: generated(multi) - before, outcomes };
    },
    countTokens: (text) => single.countTokens(text),
    draftCounters: () => single.stats()?.draft ?? null,
    async describe() {
      const info = await single.info();
      return {
        backend: info.backend,
        gpu: info.gpu,
        backendReason: info.backendReason,
        gpuLayers: info.gpuLayers,
        contextSize: info.contextSize,
        mmap: info.mmap,
        concurrentSequences: multi ? (await multi.info()).sequences : 0,
        speculative: info.speculative,
        threads: options.threads ?? info.threads,
      };
    },
    async close() {
      await multi?.close();
      await single.close();
    },
  };
}
