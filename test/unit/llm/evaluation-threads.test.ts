/** llama.cpp never gets every core: Node's main thread and the sampling jobs need one (evaluation-threads.ts). */
import { describe, expect, it } from 'vitest';
import { defaultEvaluationThreads } from '../../../src-main/core/llm/local/evaluation-threads.js';

describe('defaultEvaluationThreads', () => {
  it('leaves one math core free, and never goes below one thread', () => {
    expect(defaultEvaluationThreads(16)).toBe(15);
    expect(defaultEvaluationThreads(2)).toBe(1);
    expect(defaultEvaluationThreads(1)).toBe(1);
    expect(defaultEvaluationThreads(0)).toBe(1);
  });
});
