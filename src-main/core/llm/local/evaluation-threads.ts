/**
 * CPU threads per llama.cpp evaluation when none are configured: all math cores but one, at
 * least 1 — with the model on the CPU and also with it fully on a GPU.
 *
 * Why one core stays free: node-llama-cpp runs each decode on a libuv worker thread while Node's
 * main thread and other pool threads sample tokens and serve the app. llama.cpp's CPU workers wait
 * for each other at every step, so one of them pushed off its core by those threads stalls all of
 * them. Measured on a 2-core machine (docs/benchmarks.md): 2 threads decoded 10 parallel requests
 * 6× slower than 1 thread, while llama.cpp's own tool, which decodes on its main thread, got
 * faster with 2. With every layer on a GPU the CPU threads only feed it, so fewer cost nothing;
 * node-llama-cpp's own default there is every core, the first suspect for the parallel-decode
 * collapse measured on an H100 (not yet re-measured on a GPU: `npm run bench:llm -- --threads N`).
 */
export function defaultEvaluationThreads(cpuMathCores: number): number {
  return Math.max(1, Math.floor(cpuMathCores) - 1);
}
