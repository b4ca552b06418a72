/**
 * Mulberry32: a small, fast, seedable pseudo-random generator for synthetic records. Deterministic per seed, so
 * the same `hoso seed` gives the same data on every machine. Never for anything secret (keys come from
 * node:crypto).
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
