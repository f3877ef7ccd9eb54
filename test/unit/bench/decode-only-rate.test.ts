import { describe, expect, it } from 'vitest';
import { decodeOnlyRate, type StreamArrivals } from '../../../bench/lib/llm/engine-matrix.js';

// The engines table compares Steward's concurrent decode with llama-batched-bench's S_TG, which
// leaves prompt processing out; this rate must leave it out too, or every engine looks slow.
const stream = (times: number[], completionTokens = times.length, chars = 1): StreamArrivals => ({ pieces: times.map((at) => ({ at, chars })), completionTokens });

describe('decode-only rate of concurrent streams', () => {
  it('leaves out the time before the last stream got its first token', () => {
    // Two streams: prompts take 1 s; then each streams 10 one-token pieces 100 ms apart.
    const times = Array.from({ length: 10 }, (_, i) => 1000 + i * 100);
    // After both first tokens (t = 1000): 9 tokens each over 900 ms → 20 tokens/s.
    expect(decodeOnlyRate([stream(times), stream(times)])).toBeCloseTo(20, 5);
  });

  it('opens the window at the slowest first token, counting only what arrived after it', () => {
    // Window 300 → 500: the fast stream's piece at 400, the slow stream's at 400 and 500 → 3 tokens in 0.2 s.
    expect(decodeOnlyRate([stream([0, 100, 200, 300, 400]), stream([300, 400, 500])])).toBeCloseTo(15, 5);
  });

  it('counts the tokens inside batched pieces, not the pieces', () => {
    // The worker sends what arrived in each 8 ms as one piece: 4 pieces of 4 characters holding 16 tokens.
    const batched = stream([0, 100, 200, 300], 16, 4);
    // 3 of the 4 equal pieces arrive after the window opens: 12 tokens over 0.3 s.
    expect(decodeOnlyRate([batched])).toBeCloseTo(40, 5);
  });

  it('is null when there is nothing to measure', () => {
    expect(decodeOnlyRate([])).toBeNull();
    expect(decodeOnlyRate([stream([]), stream([])])).toBeNull();
    expect(decodeOnlyRate([stream([5]), stream([5])])).toBeNull();
  });
});
