/**
 * A deterministic embedder by feature hashing (words and their character trigrams into a fixed
 * number of signed buckets). Texts that share words land close together, which is what tests and
 * the benchmark need from "semantic" search without a model. The app never selects it: with no
 * embedding model, memory runs keyword + entity search and says so.
 */
import type { Embedder } from './embedder.js';
import { words } from './text-terms.js';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hashEmbed(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
  };
  for (const w of words(text)) {
    add(`w:${w}`, 1);
    const padded = `^${w}$`;
    for (let i = 0; i + 3 <= padded.length; i += 1) add(`t:${padded.slice(i, i + 3)}`, 0.3);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  // An empty text still needs a valid unit vector.
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

export function createHashingEmbedder(dimensions: number): Embedder {
  return { id: `hashing-${dimensions}`, embed: async (texts) => texts.map((t) => hashEmbed(t, dimensions)) };
}
