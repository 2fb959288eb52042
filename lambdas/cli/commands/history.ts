import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { keyFromArgument } from '../../core/estate/key-argument';
import { sanitize } from '../../core/values/value';
import { openStore, stateDirOf } from '../../wiring/open-store';
import { UsageError, type CliIo } from '../io';
import { loadEstateOrFail } from '../load';
import { FORMATS, parseFormat } from '../options';
import { describeSource } from '../../core/describe-source';
import { suggestion } from '../../core/estate/did-you-mean';
import type { ChangeRecord } from '../../ports/audit-store';

/** Reads the recorded changes of one key; `undefined` when there is no store to read. */
export async function readHistory(
  store: string | boolean | undefined,
  estateFile: string,
  estate: string,
  env: string,
  key: string,
  /** The command's one way to make the state folder, when it has one (explain's session). */
  ensureFolder?: () => Promise<void>,
): Promise<ChangeRecord[] | undefined> {
  const stateDir = stateDirOf(estateFile);
  // Reading must not create an embedded store that no audit has written yet.
  if (typeof store !== 'string' && store !== false && !existsSync(path.join(stateDir, 'store'))) return [];
  const opened = await openStore(store, stateDir, ensureFolder);
  if (!opened) return undefined;
  try {
    return await opened.store.history(estate, env, key);
  } finally {
    await opened.close();
  }
}

/** Text lines for a key's history, oldest first. */
export function historyLines(changes: ChangeRecord[]): string[] {
  if (!changes.length) return ['  no recorded change (values are recorded from the first stored audit on)'];
  return changes.map((c) => {
    const what = c.before === null ? `set to ${c.after}` : c.after === null ? `removed (was ${c.before})` : `${c.before} → ${c.after}`;
    return `  ${c.at}  ${sanitize(what)}  ·  ${sanitize(describeSource(c.source))}`;
  });
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
  if (!names.includes(env)) throw new UsageError(`unknown environment "${env}"${suggestion(env, names)}`);
  const key = keyFromArgument(estate, env, rawKey);
  const changes = await readHistory(opts.store, estate.file, estate.name, env, key);
  if (!changes) throw new UsageError('history needs a store: run without --no-store');
  if (format === 'json') io.stdout.write(`${JSON.stringify({ environment: env, key, changes }, null, 2)}\n`);
  else io.stdout.write(`${[`${sanitize(key)} in ${env}`, ...historyLines(changes)].join('\n')}\n`);
  return 0;
}
