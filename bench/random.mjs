// Deterministic randomness for the generated estates: the same shape is the same bytes on every run.

/** A pseudo-random sequence from a seed. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A number in [0, 1) fixed by (n, salt): per-key decisions that do not depend on the order keys are written in. */
export function hash01(n, salt) {
  let h = Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
