import { createRequire } from 'node:module';

/** The part of classic-level's LevelDB class the engine's reads go through. */
interface LevelReads {
  _get(key: unknown, options: unknown): Promise<unknown>;
  _getSync?(key: unknown, options: unknown): unknown;
  [INLINE]?: true;
}

const INLINE = Symbol.for('drift.inlineLevelReads');

/** The LevelDB class dynalite opens its folder with (its own `level`, whatever else is installed). */
export function engineLevelClass(): { prototype: unknown } & (new (path: string) => unknown) {
  return (createRequire(require.resolve('dynalite'))('level') as { Level: { prototype: unknown } & (new (path: string) => unknown) }).Level;
}

/**
 * Makes the engine's LevelDB reads run inline: the same lookup (`getSync`, same key, options and
 * result), still answered through a promise, but without a trip through libuv's thread pool. Every
 * conditional write reads its item first, and in a big first run that round trip cost more than the
 * lookup itself (tens of microseconds against one or two). dynalite's per-key lock still orders the
 * read, the check and the write, so conditions decide exactly as before. Idempotent; a LevelDB
 * without `getSync` keeps its asynchronous reads.
 */
export function inlineEngineReads(): boolean {
  const proto = engineLevelClass().prototype as LevelReads;
  if (proto[INLINE]) return true;
  if (!Object.hasOwn(proto, '_getSync') || typeof proto._getSync !== 'function') return false;
  proto._get = async function (this: LevelReads, key: unknown, options: unknown): Promise<unknown> {
    return this._getSync!(key, options);
  };
  proto[INLINE] = true;
  return true;
}
