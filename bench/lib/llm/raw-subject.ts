/**
 * The baseline: node-llama-cpp used directly, with none of Steward's code — getLlama, loadModel,
 * createContext, one LlamaChatSession per sequence — on the same model file, backend, context
 * size and thread count as Steward's side.
 */
import { DraftSequenceTokenPredictor, LlamaChatSession, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaModel } from 'node-llama-cpp';
import { PRIME_QUESTION } from './bench-prompts.js';
import { SEED, TEMPERATURE, type BenchOutcome, type BenchRequest, type LlmSubject } from './llm-subject.js';

export interface RawSubjectOptions {
  llama: Llama;
  modelPath: string;
  contextSize: number;
  concurrentSequences: number;
  /** Threads per evaluation; the bench passes Steward's default rule (thread-rule.ts) or --threads. */
  threads: (model: LlamaModel) => number | undefined;
  draftModelPath?: string;
  /** Same speculative settings as Steward's draft-model.ts defaults, so only the code around them differs. */
  draftOptions?: { minTokens: number; maxTokens: number };
}

interface Lane {
  sequence: LlamaContextSequence;
  session: LlamaChatSession;
}

function lane(sequence: LlamaContextSequence): Lane {
  return { sequence, session: new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false }) };
}

async function prompt(l: Lane, request: BenchRequest): Promise<BenchOutcome> {
  // A fresh history each time, like a stateless API call; the sequence's KV cache still holds the
  // tokens of the last request, and LlamaChat reuses whatever prefix matches.
  l.session.setChatHistory(request.system ? [{ type: 'system', text: request.system }] : []);
  const before = l.sequence.tokenMeter.getState();
  const started = performance.now();
  const text = await l.session.prompt(request.user, { maxTokens: request.maxTokens, temperature: TEMPERATURE, seed: SEED });
  const ms = performance.now() - started;
  const used = l.sequence.tokenMeter.diff(before);
  const completionTokens = used.usedOutputTokens;
  // Each generated token but the last is fed back as input; what remains is prompt evaluation.
  return { ms, completionTokens, evaluatedPromptTokens: Math.max(0, used.usedInputTokens - Math.max(0, completionTokens - 1)), text };
}

export async function createRawSubject(options: RawSubjectOptions): Promise<LlmSubject> {
  const { llama } = options;
  const model = await llama.loadModel({ modelPath: options.modelPath });
  const threads = options.threads(model);
  const contextSize = Math.min(options.contextSize, model.trainContextSize);
  const singleContext = await model.createContext({ contextSize, sequences: 1, threads });
  const multiContext: LlamaContext | null =
    options.concurrentSequences > 0 ? await model.createContext({ contextSize, sequences: options.concurrentSequences, threads }) : null;

  let draftModel: LlamaModel | null = null;
  let draftContext: LlamaContext | null = null;
  let predictor: DraftSequenceTokenPredictor | null = null;
  if (options.draftModelPath) {
    draftModel = await llama.loadModel({ modelPath: options.draftModelPath });
    draftContext = await draftModel.createContext({ contextSize: singleContext.contextSize, sequences: 1, threads });
    predictor = new DraftSequenceTokenPredictor(draftContext.getSequence(), options.draftOptions ?? { minTokens: 1, maxTokens: 1 });
  }
  const single = lane(singleContext.getSequence(predictor ? { tokenPredictor: predictor } : undefined));
  const lanes = multiContext ? Array.from({ length: options.concurrentSequences }, () => lane(multiContext.getSequence())) : [];

  return {
    name: 'raw',
    request: (request) => prompt(single, request),
    async primeSystemPrompt(systemPrompt) {
      // What Steward's warmUp() does: the system prompt, a one-word question, one token.
      await prompt(single, { system: systemPrompt, user: PRIME_QUESTION, maxTokens: 1 });
    },
    async concurrent(requests) {
      if (requests.length > lanes.length) throw new Error(`raw subject has ${lanes.length} sequences, asked for ${requests.length}`);
      const started = performance.now();
      const outcomes = await Promise.all(requests.map((request, k) => prompt(lanes[k]!, request)));
      const ms = performance.now() - started;
      return { ms, generatedTokens: outcomes.reduce((sum, o) => sum + o.completionTokens, 0), outcomes };
    },
    countTokens: async (text) => model.tokenize(text).length,
    draftCounters() {
      if (!predictor) return null;
      const p = single.sequence.tokenPredictions;
      return { validated: p.validated, refuted: p.refuted, used: p.used, unused: p.unused };
    },
    async describe() {
      return {
        backend: llama.gpu === false ? 'cpu' : llama.gpu,
        gpuLayers: model.gpuLayers,
        contextSize: singleContext.contextSize,
        mmap: model.useMmap,
        concurrentSequences: lanes.length,
        threads: threads ?? "node-llama-cpp's default",
        draft: predictor ? { minTokens: predictor.minTokens, maxTokens: predictor.maxTokens } : null,
      };
    },
    async close() {
      for (const l of [single, ...lanes]) l.session.dispose({ disposeSequence: true });
      await multiContext?.dispose();
      await singleContext.dispose();
      await draftContext?.dispose();
      await draftModel?.dispose();
      await model.dispose();
    },
  };
}
