import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { inflateStored } from '../../lambdas/adapters/dynamodb/observation-codec';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';
import { drift, type CliRun } from './cli';

/** Every file under `dir`, at any depth. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

/** Every item of the embedded store beside an estate in `dir` as text, compressed chunks opened. */
export async function storeText(dir: string): Promise<string> {
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine.endpoint);
  try {
    let text = '';
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: 'drift', ExclusiveStartKey: start as never }));
      for (const item of page.Items ?? [])
        for (const v of Object.values(item)) text += v.B ? inflateStored(v.B).toString('utf8') : JSON.stringify(v);
      start = page.LastEvaluatedKey;
    } while (start);
    return text;
  } finally {
    client.destroy();
    await engine.close();
  }
}

/** A canary check: `where: canary` for each canary `text` holds. */
export const leakScanner =
  (canaries: readonly string[]) =>
  (where: string, text: string): string[] =>
    canaries.filter((c) => text.includes(c)).map((c) => `${where}: ${c}`);

/**
 * The outputs every canary test reads: the audit as JSON (into the store) and in every other format
 * (without it), and the diff of environments `a` and `b` as text and JSON. Returns the JSON audit's run.
 */
export async function auditAndDiffOutputs(run: (args: string[]) => Promise<CliRun>, a: string, b: string): Promise<CliRun> {
  const json = await run(['audit', '--format', 'json']);
  // Every other format the audit has (REPORT_FORMATS): a new one is checked for leaks without a line here.
  for (const format of REPORT_FORMATS.filter((f) => f !== 'json')) await run(['audit', '--format', format, '--no-store']);
  await run(['diff', a, b]);
  await run(['diff', a, b, '--format', 'json']);
  return json;
}

/**
 * A canary check of the CLI in `dir`: `run` adds what each command's stdout and stderr leak to
 * `found`, `checkStore` what the store holds; `leaks` scans any other text (a recording's files).
 */
export function canaryCli(dir: string, canaries: readonly string[]) {
  const leaks = leakScanner(canaries);
  const found: string[] = [];
  return {
    leaks,
    found,
    run: leakCheckedCli(dir, leaks, found),
    checkStore: async (): Promise<void> => {
      found.push(...leaks('store', await storeText(dir)));
    },
  };
}

/** Runs `drift ARGS` in `dir`, adding what its stdout and stderr leak to `found`. */
export const leakCheckedCli =
  (dir: string, leaks: ReturnType<typeof leakScanner>, found: string[]) =>
  async (args: string[]): Promise<CliRun> => {
    const r = await drift(args, { cwd: dir });
    found.push(...leaks(`${args.join(' ')} stdout`, r.stdout), ...leaks(`${args.join(' ')} stderr`, r.stderr));
    return r;
  };
