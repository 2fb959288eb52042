import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describeHolder, type StoreHolder } from '../adapters/dynamodb/store-holder';
import { ensureStateFolder } from '../adapters/state-folder';
import type { AuditStore } from '../ports/audit-store';
import type { TicketLedger } from '../ports/ticket-ledger';
import { sdkHttp, timeoutsFrom } from './timeouts';
import { DriftError } from '../core/errors';
import { loadFingerprintKey } from '../adapters/fingerprint-key-file';
import { makeFingerprinter, type Fingerprinter } from '../core/fingerprint';

/** Where a CLI run keeps its state (the fingerprint key, the embedded store): `.drift/` beside the estate file. */
export const stateDirOf = (estateFile: string): string => path.join(path.dirname(path.resolve(estateFile)), '.drift');

/** The table the embedded store uses (dynalite wants 3+ characters). */
export const EMBEDDED_TABLE = 'drift';

export interface OpenStore {
  store: AuditStore;
  /** The ticket subscriber's ledger, on the same table. */
  ledger: TicketLedger;
  /** `embedded` for the in-process engine under .drift/, else the DynamoDB table's name. */
  kind: 'embedded' | 'dynamodb';
  table: string;
  close(): Promise<void>;
}

/** How long a CLI run waits for an embedded store another drift process holds (a nightly audit, a teammate's run). */
export const DEFAULT_STORE_WAIT_MS = 10_000;

/** How long a wait is, as people read it: whole seconds, or milliseconds under one (a test's 300 ms is no `0 s`). */
const waitText = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/**
 * The CLI's embedded store options: it waits `DRIFT_STORE_WAIT_MS` (default 10 s) for another
 * process to let the store go, saying on stderr what it waits for, and records its own command (the
 * subcommand only: flags can name files) so a process waiting for it can say who holds it.
 */
export function embeddedStoreOptions(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  stderr: { write(s: string): unknown } = process.stderr,
) {
  const command = argv.slice(2).find((a) => !a.startsWith('-'));
  const set = Number(env.DRIFT_STORE_WAIT_MS);
  const waitMs =
    env.DRIFT_STORE_WAIT_MS !== undefined && env.DRIFT_STORE_WAIT_MS.trim() !== '' && Number.isInteger(set) && set >= 0
      ? set
      : DEFAULT_STORE_WAIT_MS;
  return {
    holder: command ? `drift ${command}` : 'drift',
    waitMs,
    onWait: (holder: StoreHolder | undefined) => {
      const who = holder ? ` (${describeHolder(holder)})` : '';
      stderr.write(`drift: the embedded store is in use by another drift process${who}; waiting up to ${waitText(waitMs)}…\n`);
    },
  };
}

/** Thrown for a `--store` value that names no store we know. */
export class StoreOptionError extends DriftError {
  override name = 'StoreOptionError';
  readonly userFacing = true;
}

/**
 * `--store dynamodb:TABLE` (default AWS credentials and endpoint settings), `--no-store` (none), or
 * by default the embedded engine persisted under `.drift/store` beside the estate file. The SDK
 * client, the store and dynalite are imported here, when a store is opened: a `--no-store` run never loads them.
 */
export async function openStore(
  option: string | boolean | undefined,
  stateDir: string,
  /** Makes the state folder: the command's one call, when it has one. */
  ensureFolder: () => Promise<void> = () => ensureStateFolder(stateDir),
): Promise<OpenStore | undefined> {
  if (option === false) return undefined;
  if (typeof option === 'string') {
    // The kind in any case, as every flag value; the table's name as written.
    const m = /^dynamodb:([A-Za-z0-9_.-]{3,255})$/i.exec(option);
    if (!m) throw new StoreOptionError(`--store ${option}: expected dynamodb:TABLE`);
    const table = m[1] as string;
    const [{ dynamoDbClient }, { DynamoDbStore, tableProblem }, { DynamoDbTicketLedger }] = await Promise.all([
      import('../adapters/dynamodb/dynamodb-client'),
      import('../adapters/dynamodb/dynamodb-store'),
      import('../adapters/dynamodb/ticket-ledger'),
    ]);
    const client = dynamoDbClient(sdkHttp(timeoutsFrom(process.env)));
    // Looked at once before the run: a table that is missing or unreachable is said now, not as a stack mid-run.
    const problem = await tableProblem(client, table).catch((err: Error) => `${err.name}: ${err.message}`);
    if (problem) {
      client.destroy();
      throw new StoreOptionError(`--store ${option}: ${problem}`);
    }
    return {
      store: new DynamoDbStore({ client, table }),
      ledger: new DynamoDbTicketLedger({ client, table }),
      kind: 'dynamodb',
      table,
      close: async () => client.destroy(),
    };
  }
  await ensureFolder();
  const [{ startEmbeddedDynamoDb }, { engineClient }, { DynamoDbStore, ensureTable }, { DynamoDbTicketLedger }] = await Promise.all([
    import('../adapters/dynamodb/embedded-dynamodb'),
    import('../adapters/dynamodb/engine-client'),
    import('../adapters/dynamodb/dynamodb-store'),
    import('../adapters/dynamodb/ticket-ledger'),
  ]);
  const engine = await startEmbeddedDynamoDb(path.join(stateDir, 'store'), embeddedStoreOptions(process.env, process.argv));
  // In this process: no socket, so no timeouts to set either.
  const client = engineClient(engine);
  try {
    await ensureTable(client, EMBEDDED_TABLE);
  } catch (err) {
    client.destroy();
    await engine.close();
    throw err;
  }
  return {
    store: new DynamoDbStore({ client, table: EMBEDDED_TABLE, batchWrites: true }),
    ledger: new DynamoDbTicketLedger({ client, table: EMBEDDED_TABLE }),
    kind: 'embedded',
    table: EMBEDDED_TABLE,
    close: async () => {
      client.destroy();
      await engine.close();
    },
  };
}

/** The store only when there is one to read: `--store dynamodb:TABLE`, or the embedded one an earlier run made (never a new one). */
export async function openExistingStore(
  option: string | boolean | undefined,
  stateDir: string,
  ensureFolder?: () => Promise<void>,
): Promise<OpenStore | undefined> {
  if (typeof option !== 'string' && !existsSync(path.join(stateDir, 'store'))) return undefined;
  return openStore(option, stateDir, ensureFolder);
}

/**
 * The estate's fingerprinter for a command that collects nothing (`code scan`, `publish`, `history`): its key
 * from DRIFT_FINGERPRINT_KEY or the estate's `.drift/`, else one for this run alone; nothing is written.
 */
export async function cliFingerprinter(estateFile: string, env: NodeJS.ProcessEnv): Promise<Fingerprinter> {
  return makeFingerprinter(await loadFingerprintKey({ fromEnv: env.DRIFT_FINGERPRINT_KEY, stateDir: stateDirOf(estateFile), keep: false }));
}
