/**
 * Writes a random-weight GGUF of a real model's shape for GPU speed runs:
 *   node --import tsx bench/make-bench-model.ts llama-1b|llama-8b <file.gguf>
 * (scripts/gpu-bench.sh calls it; see bench/lib/llm/realistic-gguf.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { REALISTIC_SHAPES, writeRealisticGguf } from './lib/llm/realistic-gguf.js';

const [shapeName, file] = process.argv.slice(2);
const shape = REALISTIC_SHAPES[shapeName as keyof typeof REALISTIC_SHAPES];
if (!shape || !file) {
  process.stderr.write(`Usage: node --import tsx bench/make-bench-model.ts ${Object.keys(REALISTIC_SHAPES).join('|')} <file.gguf>\n`);
  process.exit(2);
}
if (existsSync(file)) {
  process.stdout.write(`${file} exists (${(statSync(file).size / 2 ** 30).toFixed(2)} GiB); reusing it\n`);
} else {
  const started = Date.now();
  const bytes = writeRealisticGguf(file, shape);
  process.stdout.write(`wrote ${file}: ${shapeName}, ${(bytes / 2 ** 30).toFixed(2)} GiB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
