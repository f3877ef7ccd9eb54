/**
 * Deterministic pseudo-random numbers for generated test weights. Each tensor draws from its own
 * stream keyed by (seed, tensor name), so two models built from the same seed share every tensor
 * they have in common (a 1-layer draft model equals the first layer of an 8-layer one).
 */

/** FNV-1a over the key, mixed with the seed: a stable 32-bit stream id. */
function streamSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: tiny, fast, good enough for test weights (not for cryptography). */
function mulberry32(a: number): () => number {
  let state = a >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` normally distributed values (Box–Muller) with the given standard deviation. */
export function seededNormals(seed: number, key: string, count: number, std: number): Float32Array {
  const next = mulberry32(streamSeed(seed, key));
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = Math.max(next(), 1e-12);
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1)) * std;
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
