/**
 * The timed parts of the LLM benchmark. Every measurement runs the identical request sequence on
 * both subjects, repeated `reps` times with the order of the two sides alternating between
 * repetitions (so neither side always runs on a cooler or warmer machine), and keeps every sample;
 * the report uses medians.
 */
import { DECODE_PROMPT, streamPrompt, TTFT_QUESTION, variantOf } from './bench-prompts.js';
import type { BenchOutcome, LlmSubject } from './llm-subject.js';

export type Side = 'steward' | 'raw';
export type PerSide<T> = Record<Side, T>;

export interface TtftSamples {
  coldMs: number[];
  cachedMs: number[];
  /** Prompt tokens evaluated by the cold requests (the whole prompt but the shared chat-template start). */
  coldEvaluatedTokens: number[];
  /** Prompt tokens evaluated by the cached requests (the new question only, if the prefix was reused). */
  cachedEvaluatedTokens: number[];
  /** evaluated tokens ÷ seconds of each cold request. */
  promptTokensPerSecond: number[];
}

export interface DecodeSamples {
  tokensPerSecond: number[];
  completionTokens: number[];
  evaluatedPromptTokens: number[];
  firstText: string;
}

export interface ConcurrencySamples {
  streams: number;
  /** Sum of generated tokens over all streams ÷ wall time of the batch. */
  aggregateTokensPerSecond: number[];
  completionTokens: number[];
}

function emptyTtft(): TtftSamples {
  return { coldMs: [], cachedMs: [], coldEvaluatedTokens: [], cachedEvaluatedTokens: [], promptTokensPerSecond: [] };
}

/** Both subjects, in the order for repetition `rep`. */
function inTurn(subjects: PerSide<LlmSubject>, rep: number): LlmSubject[] {
  return rep % 2 === 0 ? [subjects.raw, subjects.steward] : [subjects.steward, subjects.raw];
}

/** Untimed requests on both sides so lazy allocations, page faults and thread pools are done before timing. */
export async function warmUp(subjects: PerSide<LlmSubject>, maxStreams: number, tokensPerStream: number): Promise<void> {
  for (const subject of [subjects.raw, subjects.steward]) {
    await subject.request({ user: DECODE_PROMPT, maxTokens: 16 });
    await subject.request({ user: DECODE_PROMPT, maxTokens: 16 });
    if (maxStreams > 0) await subject.concurrent(Array.from({ length: maxStreams }, (_, k) => ({ user: streamPrompt(k), maxTokens: Math.min(16, tokensPerStream) })));
  }
}

/**
 * Time to first token, measured as the wall time of a request for exactly one token.
 * Cold: a system prompt the sequence has not seen (its first characters differ, so only the chat
 * template's opening tokens match). Cached: the side primes a system prompt the way it is meant to
 * (Steward: warmUp({systemPrompt}); raw: a session that already evaluated it), then the same
 * question follows. Both prompts have exactly the same length.
 */
export async function measureTtft(subjects: PerSide<LlmSubject>, systemPrompt: string, reps: number): Promise<PerSide<TtftSamples>> {
  const out: PerSide<TtftSamples> = { steward: emptyTtft(), raw: emptyTtft() };
  for (let rep = 0; rep < reps; rep++) {
    for (const subject of inTurn(subjects, rep)) {
      const s = out[subject.name];
      const cold = await subject.request({ system: variantOf(systemPrompt, 'cold', rep), user: TTFT_QUESTION, maxTokens: 1 });
      s.coldMs.push(cold.ms);
      s.coldEvaluatedTokens.push(cold.evaluatedPromptTokens);
      s.promptTokensPerSecond.push(cold.evaluatedPromptTokens / (cold.ms / 1000));

      const warm = variantOf(systemPrompt, 'warm', rep);
      await subject.primeSystemPrompt(warm);
      const cached = await subject.request({ system: warm, user: TTFT_QUESTION, maxTokens: 1 });
      s.cachedMs.push(cached.ms);
      s.cachedEvaluatedTokens.push(cached.evaluatedPromptTokens);
    }
  }
  return out;
}

/**
 * Single-sequence decode speed: generated tokens ÷ wall time of a request whose prompt is already
 * in the sequence's cache (one request of the same prompt runs first), so the time is decoding.
 */
export async function measureDecode(subjects: PerSide<LlmSubject>, maxTokens: number, reps: number): Promise<PerSide<DecodeSamples>> {
  const out: PerSide<DecodeSamples> = {
    steward: { tokensPerSecond: [], completionTokens: [], evaluatedPromptTokens: [], firstText: '' },
    raw: { tokensPerSecond: [], completionTokens: [], evaluatedPromptTokens: [], firstText: '' },
  };
  for (const subject of [subjects.raw, subjects.steward]) await subject.request({ user: DECODE_PROMPT, maxTokens: 1 });
  for (let rep = 0; rep < reps; rep++) {
    for (const subject of inTurn(subjects, rep)) {
      const r: BenchOutcome = await subject.request({ user: DECODE_PROMPT, maxTokens });
      const s = out[subject.name];
      s.tokensPerSecond.push(r.completionTokens / (r.ms / 1000));
      s.completionTokens.push(r.completionTokens);
      s.evaluatedPromptTokens.push(r.evaluatedPromptTokens);
      if (rep === 0) s.firstText = r.text;
    }
  }
  return out;
}

/** Aggregate decode throughput with N streams at once, each on its own sequence, prompts already cached. */
export async function measureConcurrency(subjects: PerSide<LlmSubject>, levels: readonly number[], tokensPerStream: number, reps: number): Promise<PerSide<ConcurrencySamples[]>> {
  const out: PerSide<ConcurrencySamples[]> = { steward: [], raw: [] };
  for (const streams of levels) {
    const requests = Array.from({ length: streams }, (_, k) => ({ user: streamPrompt(k), maxTokens: tokensPerStream }));
    const level: PerSide<ConcurrencySamples> = {
      steward: { streams, aggregateTokensPerSecond: [], completionTokens: [] },
      raw: { streams, aggregateTokensPerSecond: [], completionTokens: [] },
    };
    for (let rep = 0; rep < reps; rep++) {
      for (const subject of inTurn(subjects, rep)) {
        const { ms, generatedTokens: tokens } = await subject.concurrent(requests);
        level[subject.name].aggregateTokensPerSecond.push(tokens / (ms / 1000));
        level[subject.name].completionTokens.push(tokens);
      }
    }
    out.steward.push(level.steward);
    out.raw.push(level.raw);
  }
  return out;
}
