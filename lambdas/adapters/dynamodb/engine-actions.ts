import { createRequire } from 'node:module';
import { checkedTypes, type TypeSpec } from './engine-types';
import { encodedBytes } from './engine-wire';

/** dynalite's store: its LevelDB and the tables on it (opaque here). */
export type EngineStore = { readonly __brand: 'dynalite-store' };

/** An error as dynalite raises it: a status and the body its HTTP handler would answer with. */
type EngineFailure = Error & {
  statusCode?: number;
  body?: { __type?: string; message?: string; Message?: string };
};

type Action = (store: EngineStore, data: object, done: (err: EngineFailure | null, out?: object) => void) => void;
interface ActionRules {
  types: Record<string, TypeSpec>;
  custom?: unknown;
}
interface Validations {
  checkTypes(data: object, types: object): object;
  checkValidations(data: object, types: object, custom: unknown, store: EngineStore): void;
}

/** One item operation (`PutItem`, `Query`, …) with its input as the wire carries it: its output, likewise. */
export type EngineCall = (operation: string, input: object) => Promise<Record<string, unknown>>;

const fromEngine = (): NodeJS.Require => createRequire(require.resolve('dynalite'));

/** Starts dynalite with `start` and keeps the store it makes, which it hands only to its HTTP handler. */
export function keepingStore<T>(start: () => T): { started: T; store: EngineStore } {
  const db = fromEngine()('./db') as { create: (options: unknown) => EngineStore };
  const create = db.create;
  let store: EngineStore | undefined;
  db.create = (options) => (store = create(options));
  try {
    const started = start();
    if (!store) throw new Error('the embedded engine made no store');
    return { started, store };
  } finally {
    db.create = create;
  }
}

/** An engine failure as the SDK raises it: named for its `__type`, with its message and status. */
export function engineError(statusCode: number, body: EngineFailure['body'] = {}): Error {
  const name = body.__type?.split('#').pop() || `EngineError${statusCode}`;
  const err = new Error(body.message ?? body.Message ?? name);
  return Object.assign(err, { name, $fault: statusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: statusCode } });
}

const failure = (err: EngineFailure): Error => (err.statusCode ? engineError(err.statusCode, err.body) : err);

/**
 * Item operations straight to dynalite's own validations and actions on its store: what its HTTP
 * handler does between parsing a request's JSON and writing the answer's, without the request id,
 * checksum and the JSON text both ways (a big first run sends thousands). The type check is the
 * engine's, its types read once (checkedTypes), the engine's own wherever that one does not answer.
 */
export function engineCalls(store: EngineStore): EngineCall {
  const engine = fromEngine();
  const validations = engine('./validations') as Validations;
  const loaded = new Map<string, { action: Action; rules: ActionRules }>();
  const operationOf = (operation: string) => {
    let found = loaded.get(operation);
    if (!found) {
      const file = operation.charAt(0).toLowerCase() + operation.slice(1);
      found = { action: engine(`./actions/${file}`) as Action, rules: engine(`./validations/${file}`) as ActionRules };
      loaded.set(operation, found);
    }
    return found;
  };
  return (operation, input) =>
    new Promise((resolve, reject) => {
      const { action, rules } = operationOf(operation);
      let data: object;
      try {
        data =
          checkedTypes(input as Record<string, unknown>, rules.types, encodedBytes(input)) ?? validations.checkTypes(input, rules.types);
        validations.checkValidations(data, rules.types, rules.custom, store);
      } catch (err) {
        reject(failure(err as EngineFailure));
        return;
      }
      action(store, data, (err, out) => (err ? reject(failure(err)) : resolve((out ?? {}) as Record<string, unknown>)));
    });
}
