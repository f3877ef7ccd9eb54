// postinstall: fixes a bug in node-llama-cpp 3.22.x's speculative decoding. In
// LlamaContextSequence._evaluate the list `validatedTokens` is read but never filled, so every
// draft guess after the first in a run is refuted and its evaluation wasted. One line fills it.
// Idempotent; a version without the exact code is left alone (the app then keeps 1 guess per step).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'node_modules', 'node-llama-cpp', 'dist', 'evaluator', 'LlamaContext', 'LlamaContext.js');
export const PATCH_MARKER = '/* steward: validated draft token */';
const anchor = [
  'this._loadedTokenPredictions.push([evalTokens[i], [resultToken, probabilities, confidence]]);',
  '                                    this._validatedTokenPredictions++;',
  '                                    this._unusedTokenPredictions++;',
].join('\n');

if (!existsSync(file)) {
  console.log('steward: node-llama-cpp not installed; speculative-decoding patch skipped.');
} else {
  const source = readFileSync(file, 'utf8');
  if (source.includes(PATCH_MARKER)) {
    // already patched
  } else if (!source.includes(anchor)) {
    console.log('steward: node-llama-cpp changed; speculative-decoding patch not needed or not applicable (drafts stay at 1 token per step).');
  } else {
    writeFileSync(file, source.replace(anchor, `${anchor}\n                                    validatedTokens.push([evalTokens[i], resultToken]); ${PATCH_MARKER}`));
    console.log('steward: patched node-llama-cpp speculative decoding (validated draft tokens are now kept).');
  }
}
