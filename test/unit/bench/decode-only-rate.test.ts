import { describe, expect, it } from 'vitest';
import { decodeOnlyRate } from '../../../bench/lib/llm/engine-matrix.js';

// The engines table compares Steward's concurrent decode with llama-batched-bench's S_TG, which
// leaves prompt processing out; this rate must leave it out too, or every engine looks slow.
describe('decode-only rate of concurrent streams', () => {
  it('leaves out the time before the last stream got its first token', () => {
    // Two streams: prompts take 1 s; then each streams 10 tokens 100 ms apart.
    const stream = (start: number) => Array.from({ length: 10 }, (_, i) => start + i * 100);
    const rate = decodeOnlyRate([stream(1000), stream(1000)]);
    // After both first tokens (t = 1000): 9 tokens each over 900 ms → 20 tokens/s.
    expect(rate).toBeCloseTo(20, 5);
  });

  it('opens the window at the slowest first token, counting only tokens after it', () => {
    const fast = [0, 100, 200, 300, 400];
    const slow = [300, 400, 500];
    // Window 300 → 500: fast contributes 400, slow contributes 400 and 500 → 3 tokens in 0.2 s.
    expect(decodeOnlyRate([fast, slow])).toBeCloseTo(15, 5);
  });

  it('is null when there is nothing to measure', () => {
    expect(decodeOnlyRate([])).toBeNull();
    expect(decodeOnlyRate([[], []])).toBeNull();
    expect(decodeOnlyRate([[5], [5]])).toBeNull();
  });
});
