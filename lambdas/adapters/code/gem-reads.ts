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

// Bundler's groups a gem is in: a `group :development, :test do` block's, or its own `group:` / `groups:` option; a
// list may be written as symbols or strings, or as Ruby's word lists (`%i[development test]`, `%w(…)`).
const GROUP_BLOCK = /^\s*group\s*(?:\(\s*)?(%[iIwW](?:\[[^[\]]*\]|\([^()]*\))|(?::\w+|["']\w+["'])(?:\s*,\s*(?::\w+|["']\w+["']))*)/;
const GROUP_OPTION = /\bgroups?\s*(?::|=>)\s*(%[iIwW](?:\[[^[\]]*\]|\([^()]*\))|\[[^[\]]*\]|:\w+|["']\w+["'])/;
const groupsIn = (list: string): string[] => [...list.replace(/^%\w/, '').matchAll(/:?["']?(\w+)["']?/g)].map((m) => m[1] as string);
// The groups a deployed application leaves out (`bundle config set without development:test`): a gem only of these is not loaded there.
const NOT_DEPLOYED = new Set(['development', 'test']);

/** Where a Gemfile lists `gem` for the deployed application: its line, 1-based; 0 when it does not (commented, or only for development and test). */
function lineOf(text: string, gem: string): number {
  const listed = new RegExp(`^\\s*gem\\s*(?:\\(\\s*)?["']${gem}["']`);
  // The groups of each open block (null: a block that is no group, `platforms :ruby do`).
  const blocks: Array<string[] | null> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/#.*/, '');
    if (/^\s*end\b/.test(line)) blocks.pop();
    // A block that is no group still ends with `end`: `if ENV['CI']`, `platforms :ruby do`, `source '…' do`.
    else if (/^\s*(?:if|unless|case|while|until|begin|def|class|module)\b/.test(line)) blocks.push(null);
    else if (/\bdo\s*(?:\|[^|]*\|\s*)?$/.test(line)) {
      const group = GROUP_BLOCK.exec(line);
      blocks.push(group ? groupsIn(group[1] as string) : null);
    } else if (listed.test(line)) {
      const own = GROUP_OPTION.exec(line);
      const groups = [...blocks, own ? groupsIn(own[1] as string) : null].filter((g): g is string[] => g !== null);
      if (groups.every((g) => g.some((name) => !NOT_DEPLOYED.has(name)))) return i + 1;
    }
  }
  return 0;
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
