import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';

/** Where jest's global setup tells the test files (in every worker) the shared engine listens. */
export const SHARED_ENDPOINT = 'DRIFT_TEST_DYNALITE_ENDPOINT';
export const SHARED_DIR = 'DRIFT_TEST_DYNALITE_DIR';

let shared: { engine: EmbeddedDynamoDb; dir: string } | undefined;

/** jest globalSetup: one dynalite for the whole run, in jest's own process; each test file makes its own tables on it. */
export async function startSharedDynalite(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-dynalite-'));
  shared = { engine: await startEmbeddedDynamoDb(dir), dir };
  // Workers start after global setup and inherit the environment.
  process.env[SHARED_ENDPOINT] = shared.engine.endpoint;
  process.env[SHARED_DIR] = dir;
}

/** jest globalTeardown: stops the shared engine and removes its folder. */
export async function stopSharedDynalite(): Promise<void> {
  if (!shared) return;
  await shared.engine.close();
  rmSync(shared.dir, { recursive: true, force: true });
  shared = undefined;
}
