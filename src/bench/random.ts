// A small deterministic generator, so every bench run measures the same data.

/** Uniform numbers in [0, 1) from a linear congruential generator, e.g. `const random = lcg(42)`. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}
