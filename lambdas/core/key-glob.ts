import { canonicalKey } from './keys';
import { wildcardTest } from './wildcard';

const STAR = '\u0001';
const ONE = '\u0002';

/**
 * A key glob as people write it (`runtime.*`, `*_URL`, `feature.?.enabled`) turned into a test on
 * canonical keys: the literal parts are canonicalised like keys, `*` matches any run of characters
 * (dots included) and `?` one character.
 */
export function keyGlob(glob: string): (key: string) => boolean {
  // The wildcards ride through canonicalKey as characters it neither splits on nor changes.
  const canonical = canonicalKey(glob.replace(/\*/g, STAR).replace(/\?/g, ONE));
  if (!canonical.includes(STAR) && !canonical.includes(ONE)) return (key) => key === canonical;
  return wildcardTest(canonical, STAR, ONE);
}

/** True for a key any of the globs matches; false for every key when there are none. */
export function anyKeyGlob(globs: readonly string[] | undefined): (key: string) => boolean {
  const tests = (globs ?? []).map(keyGlob);
  return (key) => tests.some((t) => t(key));
}

export const isKeyGlob = (text: string): boolean => /[*?]/.test(text);
