import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { keyFromArgument } from '../../core/estate/key-argument';
import { references, typedParameter } from '../../core/engine/referenced-key';
import { hiddenText, secretParts } from '../../core/values/hidden-names';
import { cliFingerprinter, openStore, stateDirOf } from '../../wiring/open-store';
import { unknownEnvironment } from '../unknown-environment';
import { UsageError, type CliIo } from '../io';
import { loadEstateOrFail } from '../load';
import { FORMATS, parseFormat } from '../options';
import { describeSource } from '../../core/describe-source';
import { suggestion } from '../../core/estate/did-you-mean';
import type { AuditStore, ChangeRecord } from '../../ports/audit-store';
import type { EnvironmentSpec, Estate } from '../../core/estate/model';
import { baselineSecretPolicy } from '../../core/sources/context';
import type { Origin, SourceRef } from '../../core/model';
import { displayValue, sanitize } from '../../core/values/value';
import { declaredSourceSnapshot, type StoredFor } from '../../use-cases/previous-snapshot';

/** What a key's history says: its recorded changes and, when an environment is given, its value as last stored. */
export interface KeyHistory {
  changes: ChangeRecord[];
  /** The value the environment's highest-precedence source holds, from the store's last snapshots, where it sets the key. */
  current?: { value: string; source: SourceRef };
}

/**
 * Runs `read` on the estate's store in one session: `empty` when no audit has written the embedded
 * store yet (reading must not create one), undefined when there is no store to read (`--no-store`).
 */
async function onStore<T>(
  store: string | boolean | undefined,
  estate: Pick<Estate, 'file'>,
  empty: T,
  read: (s: AuditStore) => Promise<T>,
  /** The command's one way to make the state folder, when it has one (explain's session). */
  ensureFolder?: () => Promise<void>,
): Promise<T | undefined> {
  const stateDir = stateDirOf(estate.file);
  if (typeof store !== 'string' && store !== false && !existsSync(path.join(stateDir, 'store'))) return empty;
  const opened = await openStore(store, stateDir, ensureFolder);
  if (!opened) return undefined;
  try {
    return await read(opened.store);
  } finally {
    await opened.close();
  }
}

/**
 * Reads the recorded changes of one key (and its stored value: `environment`), as they may be shown:
 * those of a key the baseline makes secret hidden, whatever the store kept; `undefined` when there is
 * no store to read.
 */
export async function readHistory(
  store: string | boolean | undefined,
  estate: Pick<Estate, 'file' | 'name' | 'baseline'>,
  env: string,
  key: string,
  ensureFolder?: () => Promise<void>,
): Promise<KeyHistory | undefined> {
  return onStore(store, estate, { changes: [] }, (s) => storedHistory(s, estate, env, key), ensureFolder);
}

async function storedHistory(
  store: AuditStore,
  estate: Pick<Estate, 'name' | 'baseline'>,
  env: string,
  key: string,
  environment?: EnvironmentSpec,
): Promise<KeyHistory> {
  const changes = await store.history(estate.name, env, key);
  const current = environment ? await storedValue(store, estate, environment, key) : undefined;
  const read = current ? { changes, current } : { changes };
  return baselineSecretPolicy(estate.baseline)(key) ? asSecret(read) : read;
}

/** The key's value in the last stored snapshot of the last source (the one that wins) that sets it. */
async function storedValue(
  store: AuditStore,
  estate: StoredFor,
  environment: EnvironmentSpec,
  key: string,
): Promise<KeyHistory['current']> {
  for (const spec of [...environment.sources].reverse()) {
    const snapshot = await declaredSourceSnapshot(store, estate, environment.name, spec);
    const held = snapshot?.observations.filter((o) => o.key === key).at(-1);
    if (held)
      return { value: displayValue(held.value), source: { type: spec.type, location: held.origin.location, ...versionOf(held.origin) } };
  }
  return undefined;
}

/**
 * What the last stored snapshots of an environment's sources know: the keys they hold (for "did you
 * mean"), and the key an ECS secret reads SSM parameter `parameter` as; undefined before any stored audit.
 */
async function storedNames(
  store: AuditStore,
  estate: StoredFor,
  environment: EnvironmentSpec,
  parameter: string | undefined,
): Promise<{ keys: Set<string>; referenced?: string } | undefined> {
  const keys = new Set<string>();
  let referenced: string | undefined;
  for (const spec of environment.sources) {
    const snapshot = await declaredSourceSnapshot(store, estate, environment.name, spec);
    for (const o of snapshot?.observations ?? []) {
      keys.add(o.key);
      if (parameter !== undefined && references(o, parameter)) referenced = o.key;
    }
  }
  // No source snapshot stored yet (an audit that stored nothing of ENV): nothing is known of any key.
  if (!keys.size) return undefined;
  return referenced !== undefined ? { keys, referenced } : { keys };
}

const versionOf = (o: Origin): Partial<SourceRef> => ({
  ...(o.version !== undefined ? { version: o.version } : {}),
  ...(o.modifiedAt ? { modifiedAt: o.modifiedAt } : {}),
  ...(o.modifiedBy ? { modifiedBy: o.modifiedBy } : {}),
});

const SHOWN_SECRET = /^<secret:[0-9a-f]+>$/;
const hidden = (v: string | null): string | null => (v === null || SHOWN_SECRET.test(v) ? v : '<secret>');

/**
 * A history of a key secret by name or declaration, whatever the store kept: a key declared
 * `secret: true` after its values were stored in plain text must not show them before the next audit rewrites them.
 */
function asSecret(h: KeyHistory): KeyHistory {
  const changes = h.changes.map((c) => ({
    ...c,
    before: hidden(c.before),
    after: hidden(c.after),
    ...(c.notInEffect ? { notInEffect: { ...c.notInEffect, value: hidden(c.notInEffect.value) ?? '' } } : {}),
  }));
  return h.current ? { changes, current: { ...h.current, value: hidden(h.current.value) ?? '' } } : { changes };
}

/** Text lines for a key's history, oldest first; with no change recorded, the value as stored and what its source says of it. */
export function historyLines(history: KeyHistory): string[] {
  const { changes, current } = history;
  if (!changes.length) {
    const none = '  no recorded change (values are recorded from the first stored audit on)';
    return current ? [none, `  stored value: ${sanitize(current.value)}  ·  ${sanitize(describeSource(current.source))}`] : [none];
  }
  return changes.map((c) => {
    const what = c.before === null ? `set to ${c.after}` : c.after === null ? `removed (was ${c.before})` : `${c.before} → ${c.after}`;
    const over = c.notInEffect;
    const note = over ? `  (not in effect: ${c.after === null ? 'still set' : 'overridden'} by ${over.by}: ${over.value})` : '';
    return `  ${c.at}  ${sanitize(what)}  ·  ${sanitize(describeSource(c.source))}${sanitize(note)}`;
  });
}

/**
 * How a typed name is spelt with a credential in it hidden, as the snapshots (and so the store) spell
 * it. The key is read, never made, and only for such a name: history writes nothing.
 */
async function nameHider(typed: string, estateFile: string, env: NodeJS.ProcessEnv): Promise<(name: string) => string> {
  if (!secretParts(typed, new Map()).length) return (name) => name;
  const fp = await cliFingerprinter(estateFile, env);
  return (name) => hiddenText(name, fp);
}

/** `drift history ENV KEY`: the value over time, with who and when where the platform says. */
export async function historyCommand(
  env: string,
  rawKey: string,
  opts: { config: string; format: string; store?: string | boolean },
  io: CliIo,
): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  const estate = await loadEstateOrFail(opts.config, io);
  const names = estate.environments.map((e) => e.name);
  if (!names.includes(env)) throw unknownEnvironment(env, names);
  const typed = keyFromArgument(estate, env, rawKey, await nameHider(rawKey, estate.file, io.env));
  const spec = estate.environments.find((e) => e.name === env);
  const found = await onStore(opts.store, estate, { key: typed, history: { changes: [] } as KeyHistory }, async (store) => {
    const history = await storedHistory(store, estate, env, typed, spec);
    // Nothing recorded of a key the baseline does not declare: the stored snapshots say what it is, if anything.
    if (!spec || history.changes.length || history.current || estate.baseline.keys.has(typed)) return { key: typed, history };
    const stored = await storedNames(store, estate, spec, typedParameter(rawKey));
    if (stored?.referenced !== undefined)
      return { key: stored.referenced, history: await storedHistory(store, estate, env, stored.referenced, spec) };
    if (stored)
      throw new UsageError(
        `${env} has no key ${sanitize(typed)} in the stored snapshots${suggestion(typed, [...stored.keys, ...estate.baseline.keys.keys()])}`,
      );
    return { key: typed, history };
  });
  if (!found) throw new UsageError('history needs a store: run without --no-store');
  const { key, history } = found;
  if (format === 'json') io.stdout.write(`${JSON.stringify({ environment: env, key, ...history }, null, 2)}\n`);
  else io.stdout.write(`${[`${sanitize(key)} in ${env}`, ...historyLines(history)].join('\n')}\n`);
  return 0;
}
