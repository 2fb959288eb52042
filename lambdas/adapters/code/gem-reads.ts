import type { CodeRead } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';

/** A Ruby application's dependencies: Bundler loads the gems it lists, which may read variables themselves. */
export const GEMFILE = /(^|\/)Gemfile$/;

interface GemRead {
  readonly name: string;
  /** What the gem uses when the variable is unset; undefined: it falls back to something it computes. */
  readonly value?: string;
}

/**
 * Gems that read variables without the application's code naming them: Sidekiq connects to the Redis that
 * REDIS_URL names, or the variable REDIS_PROVIDER names (`redis://localhost:6379/0` without either); redis-rb's
 * `Redis.new` to REDIS_URL's (`redis://localhost:6379`).
 */
const GEM_READS: ReadonlyArray<{ gem: string; via: string; reads: readonly GemRead[] }> = [
  { gem: 'sidekiq', via: 'Sidekiq', reads: [{ name: 'REDIS_PROVIDER' }, { name: 'REDIS_URL', value: 'redis://localhost:6379/0' }] },
  { gem: 'redis', via: 'redis-rb', reads: [{ name: 'REDIS_URL', value: 'redis://localhost:6379' }] },
];

/** Where a Gemfile lists `gem`: its line, 1-based; 0 when it does not (a commented line does not count). */
function lineOf(text: string, gem: string): number {
  const listed = new RegExp(`^\\s*gem\\s*\\(?\\s*["']${gem}["']`);
  return text.split('\n').findIndex((line) => listed.test(line)) + 1;
}

/** The reads of the gems a Gemfile lists (GEM_READS), each a read with a default at the gem's line, via `Sidekiq (Gemfile)`. */
export function gemReads(text: string, file: string): CodeRead[] {
  return GEM_READS.flatMap(({ gem, via, reads }) => {
    const line = lineOf(text, gem);
    if (line === 0) return [];
    return reads.map((r): CodeRead => ({
      name: r.name,
      key: canonicalKey(r.name),
      file,
      line,
      column: 1,
      language: 'ruby',
      via: `${via} (Gemfile)`,
      fallback: r.value === undefined ? { kind: 'default' } : { kind: 'default', value: r.value },
    }));
  });
}
