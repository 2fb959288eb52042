import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { ownerOnlyFiles, ownerOnlyFolder, stateFolderRefusal } from '../state-folder';
import { DriftError } from '../../core/errors';
import { coalesceEngineWrites } from './coalesced-writes';
import { engineLevelClass, inlineEngineReads } from './inline-reads';
import { engineCalls, keepingStore, type EngineCall } from './engine-actions';
import { parseEngineConditionsOnce } from './parsed-conditions';
import { clearHolder, currentHolder, describeHolder, writeHolder, type StoreHolder } from './store-holder';
import { ENGINE_SIGNATURE, inProcessHandler, type InProcessHandler, type RequestListener } from './in-process-handler';

export interface EmbeddedDynamoDb {
  /** `http://127.0.0.1:PORT`, for clients in other processes. */
  endpoint: string;
  /** Requests straight to the engine, for a client in this process (see embeddedClient). */
  handler: InProcessHandler;
  /** Item operations straight to the engine, without an SDK client or HTTP, for this process's store (see engineClient). */
  call: EngineCall;
  close(): Promise<void>;
}

/** Thrown when another process holds the store folder's LevelDB lock. */
export class EmbeddedStoreLockedError extends DriftError {
  override name = 'EmbeddedStoreLockedError';
  // Another drift run holds it: the user waits or points --store elsewhere.
  readonly userFacing = true;
  constructor(
    readonly dir: string,
    options?: ErrorOptions,
    /** Who holds it, when it said so; how long this process waited for it. */
    readonly held: { holder?: StoreHolder; waitedMs?: number } = {},
  ) {
    const who = held.holder ? ` (${describeHolder(held.holder)})` : '';
    const waited =
      held.waitedMs !== undefined
        ? `; waited ${Math.round(held.waitedMs / 1000)} s for it (DRIFT_STORE_WAIT_MS): let it finish and run again, or run now with --no-store, which reads and writes no history`
        : '';
    super(`the embedded store in ${dir} is in use by another drift process${who}${waited}`, { ...options, context: { dir } });
  }
}

/** How a process that finds the store held behaves, and how it says who it is while it holds it. */
export interface EmbeddedStoreOptions {
  /** Recorded while this process holds the store (`drift audit`), so another one can say who holds it. */
  holder?: string;
  /** How long to wait for a store another process holds before refusing; default: refuse at once. */
  waitMs?: number;
  /** Told once, when the store is held and this process starts waiting: who holds it, if known. */
  onWait?: (holder: StoreHolder | undefined) => void;
}

const WAIT_STEP_MS = 200;

/** assertNotLocked, again while another process holds the lock and `waitMs` has not passed. */
async function waitUntilFree(dir: string, opts: EmbeddedStoreOptions): Promise<void> {
  const started = Date.now();
  const waitMs = opts.waitMs ?? 0;
  for (let told = false; ;) {
    try {
      await assertNotLocked(dir);
      return;
    } catch (err) {
      if (!(err instanceof EmbeddedStoreLockedError)) throw err;
      const holder = currentHolder(dir);
      if (Date.now() - started >= waitMs) {
        const waited = waitMs > 0 ? { waitedMs: Date.now() - started } : {};
        throw new EmbeddedStoreLockedError(dir, { cause: err.cause }, { ...(holder ? { holder } : {}), ...waited });
      }
      if (!told) opts.onWait?.(holder);
      told = true;
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }
}

/** Thrown when LevelDB cannot open the store folder: its files are damaged or not a store's. */
export class EmbeddedStoreUnreadableError extends DriftError {
  override name = 'EmbeddedStoreUnreadableError';
  // The user's files, not drift's fault: said with what to do, never as an internal error.
  readonly userFacing = true;
  constructor(
    readonly dir: string,
    options?: ErrorOptions,
  ) {
    super(
      `the embedded store in ${dir} cannot be opened (LevelDB: ${levelReason(options?.cause)}); move that folder aside to start a new history, or audit with --no-store`,
      { ...options, context: { dir } },
    );
  }
}

// LevelDB's own words name files and what is wrong with them ("Corruption: ...", "IO error: ..."), never stored values.
function levelReason(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  const inner = e?.cause ?? e;
  return (inner?.message ?? inner?.code ?? 'unknown error').replace(/\s+/g, ' ').trim();
}

interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
}

const isLocked = (err: unknown): boolean => {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === 'LEVEL_LOCKED' || e?.cause?.code === 'LEVEL_LOCKED';
};

/**
 * Opens and closes the folder's LevelDB once to learn whether another process holds its lock:
 * dynalite opens it lazily and, when locked, fails inside a request handler and takes the process
 * down, so the check has to come first. (Two drift processes starting within the same few
 * milliseconds can still both pass it; the loser then dies on its first request with LevelDB's error.)
 */
async function assertNotLocked(dir: string): Promise<void> {
  // The `level` dynalite itself depends on, so both open the folder with the same LevelDB.
  const Level = engineLevelClass() as unknown as new (path: string) => LevelDb;
  const db = new Level(dir);
  try {
    await db.open();
  } catch (err) {
    if (isLocked(err)) throw new EmbeddedStoreLockedError(dir, { cause: err });
    throw new EmbeddedStoreUnreadableError(dir, { cause: err });
  }
  await db.close();
}

/**
 * True for LevelDB's own failure to read its files (a damaged data file): its asynchronous calls give
 * a `LEVEL_CORRUPTION` or `LEVEL_IO_ERROR` code, its synchronous read (see inline-reads) only
 * LevelDB's status text.
 */
function isStorageFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === 'LEVEL_CORRUPTION' || e?.code === 'LEVEL_IO_ERROR') return true;
  return e?.code === undefined && typeof e?.message === 'string' && /^(IO error|Corruption): /.test(e.message);
}

/** The engine's calls, a storage failure thrown as the store that cannot be read (what to do), not as drift's fault. */
function unreadableAsUserError(dir: string, call: EngineCall): EngineCall {
  return (operation, input) =>
    call(operation, input).catch((err: unknown) => {
      throw isStorageFailure(err) ? new EmbeddedStoreUnreadableError(dir, { cause: err }) : err;
    });
}

/** Starts dynalite in this process on 127.0.0.1 (a free port), persisted under `dir`. */
export async function startEmbeddedDynamoDb(dir: string, opts: EmbeddedStoreOptions = {}): Promise<EmbeddedDynamoDb> {
  // Owner-only, whatever the umask: the store holds findings, values and fingerprints.
  await ownerOnlyFolder(dir).catch((err: unknown) => {
    // A file where the store's folder belongs, or a folder that cannot be written: the user's to fix.
    throw stateFolderRefusal(dir, err) ?? err;
  });
  await waitUntilFree(dir, opts);
  await ownerOnlyFiles(dir);
  const { default: dynalite } = await import('dynalite');
  inlineEngineReads();
  coalesceEngineWrites();
  parseEngineConditionsOnce();
  const { started: server, store } = keepingStore(() => dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // dynalite opens its LevelDB on its own in the background, and a failed open (another engine holding
  // the folder since the check above) leaves every later request failing as "Database is closed":
  // the open is waited for here, so the loser of that race is told at once.
  try {
    await (store as unknown as { db: LevelDb }).db.open();
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (isLocked(err)) {
      const holder = currentHolder(dir);
      throw new EmbeddedStoreLockedError(dir, { cause: err }, holder ? { holder } : {});
    }
    throw new EmbeddedStoreUnreadableError(dir, { cause: err });
  }
  if (opts.holder !== undefined) writeHolder(dir, opts.holder, new Date());
  const { port } = server.address() as AddressInfo;
  const [listener] = server.listeners('request') as RequestListener[];
  if (!listener) throw new Error('the embedded engine has no request listener');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    handler: inProcessHandler(listener),
    call: unreadableAsUserError(dir, engineCalls(store)),
    // LevelDB writes new files under the process's umask: made owner-only when the store closes too.
    close: async () => {
      // Before the lock goes: after it, the record may already be the next holder's.
      if (opts.holder !== undefined) clearHolder(dir);
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await ownerOnlyFiles(dir);
    },
  };
}

/** The headers dynalite looks for, with a fixed signature: the engine is in this process, on loopback. */
function unsignedRequest<R extends { headers: Record<string, string> }>(request: R): R {
  Object.assign(request.headers, ENGINE_SIGNATURE);
  return request;
}

/** Middleware the embedded client goes without (see embeddedClient). */
export const LOOPBACK_NEEDLESS = ['getUserAgentMiddleware', 'recursionDetectionMiddleware'] as const;

/**
 * The one client made for the embedded engine: given the engine itself, its requests go to it in
 * this process (no socket); given an endpoint, over HTTP (other processes, tests).
 */
export function embeddedClient(target: string | EmbeddedDynamoDb): DynamoDBClient {
  return withoutLoopbackNeedless(new DynamoDBClient(embeddedConfig(target)));
}

/** The embedded client's settings: in this process given the engine, else over HTTP to the endpoint. */
export function embeddedConfig(target: string | EmbeddedDynamoDb): DynamoDBClientConfig {
  const endpoint = typeof target === 'string' ? target : target.endpoint;
  return {
    ...(typeof target === 'string' ? {} : { requestHandler: target.handler }),
    endpoint,
    region: 'us-east-1',
    // dynalite listens on loopback only and checks that requests are signed, not by whom: fixed
    // dummy credentials keep the SDK from searching the environment, profiles or instance metadata
    // for real ones it must not need (nor send them anywhere).
    credentials: { accessKeyId: 'drift-embedded', secretAccessKey: 'drift-embedded' },
    // It checks that a signature is there, never what it says: signing every request (a SHA-256 of
    // the body and an HMAC chain) would be most of a big first run's client-side time.
    signer: { sign: async (request) => unsignedRequest(request) },
    // In-process engine: errors are answers, not weather; one retry covers a kept-alive socket the
    // server closed just as a request was sent on it.
    maxAttempts: 2,
    // Nothing adds middleware to this client after it is made: the stack is put in order once per
    // command type instead of on every request, which a big first run makes thousands of.
    cacheMiddleware: true,
  };
}

/** The client without the steps a loopback engine needs none of. */
export function withoutLoopbackNeedless<C extends DynamoDBClient>(client: C): C {
  // Steps that mean something only to AWS (a user agent to parse, a Lambda trace id to pass on):
  // about a tenth of each request's client-side time, and the engine reads neither header.
  for (const name of LOOPBACK_NEEDLESS) client.middlewareStack.remove(name);
  return client;
}
