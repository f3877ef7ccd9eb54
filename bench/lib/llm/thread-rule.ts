/**
 * CPU threads per evaluation, as LocalLlamaProvider chooses them when none are configured
 * (src-main/core/llm/local/evaluation-threads.ts). Raw node-llama-cpp is given the same number so
 * the comparison measures Steward's code, not a thread setting: on a 2-core machine
 * node-llama-cpp's own default is many times slower than 1 thread.
 */
import type { Llama } from 'node-llama-cpp';
import { defaultEvaluationThreads } from '../../../src-main/core/llm/local/evaluation-threads.js';

export function stewardDefaultThreads(llama: Llama): number {
  return defaultEvaluationThreads(llama.cpuMathCores);
}
