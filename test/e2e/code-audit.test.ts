import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../lambdas/core/model';
import { scratch } from '../helpers/cli';

// Noted when first loaded: an audit of an estate without `code:` must not pay for the scanner.
const mockLoaded: string[] = [];
function mockNoted(name: string, actual: string): unknown {
  mockLoaded.push(name);
  return jest.requireActual(actual);
}
jest.mock('web-tree-sitter', () => mockNoted('web-tree-sitter', 'web-tree-sitter'));
jest.mock('../../lambdas/adapters/code/tree-sitter-code-reader', () =>
  mockNoted('scanner', '../../lambdas/adapters/code/tree-sitter-code-reader'),
);

/** What `run` loads, in a module registry of its own (as a fresh `drift` process would start). */
async function loadedBy(run: (cli: typeof import('../helpers/cli')) => Promise<unknown>): Promise<string[]> {
  mockLoaded.length = 0;
  await jest.isolateModulesAsync(async () => {
    await run(await import('../helpers/cli'));
  });
  return [...mockLoaded].sort();
}

const GO = `package main

import "os"

func main() {
\tdb := os.Getenv("DB_URL")
\tpass := os.Getenv("DB_PASSWORD")
\tif pass == "" {
\t\tpass = "hunter2-very-s3cret"
\t}
\tinventory := os.Getenv("INVENTORY_SERVICE_URL")
\tif inventory == "" {
\t\tinventory = "http://localhost:8080"
\t}
\t_, _, _ = db, pass, inventory
}
`;

/** A shop with Go code in src/, prod lacking what the code reads, and `code:` as given. */
const shop = (code: string): string =>
  scratch({
    'drift.yaml': `version: 1\nname: shop\nenvironments:\n  staging:\n    sources:\n      - dotenv: { from: staging.env }\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\nparity:\n  - name: all\n    environments: [staging, prod]\nbaseline:\n  undeclared: ignore\n${code}`,
    'staging.env': 'DB_URL=postgres://db\nINVENTORY_SERVICE_URL=http://inventory\nFEATURE_OLD_CHECKOUT=true\n',
    'prod.env': 'DB_URL=postgres://db\nFEATURE_OLD_CHECKOUT=true\n',
    'src/main.go': GO,
  });

const json = (stdout: string): Finding[] => (JSON.parse(stdout) as { findings: Finding[] }).findings;

describe('code: in the audit', () => {
  test('an estate without code: never loads the scanner or web-tree-sitter', async () => {
    const loaded = await loadedBy(async ({ drift }) => {
      expect((await drift(['audit', '--no-store', '-c', 'examples/drift.yaml', '--format', 'json'])).code).toBe(1);
    });
    expect(loaded).toEqual([]);
  });

  test('with code: unset (a fallback read is medium, whoever sets the key), unread for the dead flag, and the scanner loaded', async () => {
    const dir = shop('code: src\n');
    let findings: Finding[] = [];
    const loaded = await loadedBy(async ({ drift }) => {
      const run = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml'), '--format', 'json']);
      expect(run.code).toBe(0);
      findings = json(run.stdout);
    });
    expect(loaded).toEqual(['scanner', 'web-tree-sitter']);
    expect(findings.map((f) => [f.kind, f.environment ?? f.group, f.key, f.severity])).toEqual(
      expect.arrayContaining([
        ['unset', 'prod', 'inventory.service.url', 'medium'],
        ['unset', 'staging', 'db.password', 'medium'],
        ['unread', 'staging', 'feature.old.checkout', 'low'],
      ]),
    );
    const text = JSON.stringify(findings);
    expect(text).toContain('src/main.go:11 (os.Getenv');
    expect(text).not.toContain('hunter2');
  });

  test('code: { tests: true } reads the tree’s tests too: a key only a test reads is no longer unread', async () => {
    const withTest = (code: string) => {
      const dir = shop(code);
      writeFileSync(
        path.join(dir, 'src', 'checkout_test.go'),
        'package main\n\nimport "os"\n\nvar old = os.Getenv("FEATURE_OLD_CHECKOUT")\n',
      );
      return path.join(dir, 'drift.yaml');
    };
    const { drift } = await import('../helpers/cli');
    const unread = async (file: string) =>
      json((await drift(['audit', '--no-store', '-c', file, '--format', 'json'])).stdout)
        .filter((f) => f.kind === 'unread')
        .map((f) => f.key);
    expect(await unread(withTest('code: src\n'))).toContain('feature.old.checkout');
    expect(await unread(withTest('code: { path: src, tests: true }\n'))).not.toContain('feature.old.checkout');
    const bad = await drift(['validate', '-c', withTest('code: { path: src, tests: yes-please }\n')]);
    expect(bad.code).toBe(2);
  });

  test('a tree that does not exist is a source-error (exit 3), not a crash; validate refuses it where it is written', async () => {
    const dir = shop('code: { path: gone }\n');
    const { drift } = await import('../helpers/cli');
    const run = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml'), '--format', 'json', '--fail-on', 'critical']);
    expect(run.code).toBe(3);
    expect(
      json(run.stdout)
        .filter((f) => f.kind === 'source-error')
        .map((f) => f.message),
    ).toEqual(['code gone could not be read: gone does not exist; unset is judged on the other trees, unread not at all']);
    const validate = await drift(['validate', '-c', path.join(dir, 'drift.yaml')]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/drift\.yaml:15:\d+: code: gone does not exist/);
  });

  test('a tree outside the estate folder is refused unless the estate is trusted', async () => {
    const dir = shop('code: ../\n');
    const { drift } = await import('../helpers/cli');
    const run = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml'), '--format', 'json', '--fail-on', 'critical']);
    expect(json(run.stdout).find((f) => f.kind === 'source-error')!.message).toContain("is outside the estate file's folder");
  });

  test('drift explain shows where the code reads the key, with its fallback; a key only the code reads is explained too', async () => {
    const dir = shop('code: src\n');
    const { drift } = await import('../helpers/cli');
    const run = await drift(['explain', 'prod', 'INVENTORY_SERVICE_URL', '-c', path.join(dir, 'drift.yaml'), '--no-store']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'the code reads it:\n    src/main.go:11  INVENTORY_SERVICE_URL via os.Getenv: falls back to "http://localhost:8080"',
    );
    expect(run.stdout).toContain('MEDIUM unset: inventory.service.url is not set in prod');
    const secret = await drift(['explain', 'prod', 'db.password', '-c', path.join(dir, 'drift.yaml'), '--no-store', '--format', 'json']);
    expect(secret.stdout).not.toContain('hunter2');
    expect(JSON.parse(secret.stdout).code).toEqual([
      expect.objectContaining({ file: 'src/main.go', line: 7, fallback: { kind: 'default', secret: true } }),
    ]);
  });

  test('drift code check: 0 when every unset read falls back (reported), 1 for a read without default, 3 when the tree is gone', async () => {
    const { drift } = await import('../helpers/cli');
    const dir = shop('code: src\n');
    const prod = await drift(['code', 'check', '--env', 'prod', '-c', path.join(dir, 'drift.yaml'), '--format', 'json']);
    expect(prod.code).toBe(0);
    const doc = JSON.parse(prod.stdout) as { failing: number; unset: Finding[] };
    expect(doc.failing).toBe(0);
    // Only prod is collected: no parity raise here.
    expect(doc.unset.map((f) => [f.key, f.severity])).toEqual([
      ['db.password', 'medium'],
      ['inventory.service.url', 'medium'],
    ]);
    writeFileSync(path.join(dir, 'prod.env'), 'FEATURE_OLD_CHECKOUT=true\n');
    const failing = await drift(['code', 'check', '--env', 'prod', '-c', path.join(dir, 'drift.yaml')]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      'HIGH unset: db.url is not set in prod but the code reads DB_URL at src/main.go:6 (os.Getenv): no default: the code gets nothing',
    );
    expect(failing.stdout).toContain(
      'prod lacks 3 of the 3 keys the code reads: 1 without a default (the gate fails on these), 2 with one',
    );
    const gone = await drift(['code', 'check', '--env', 'prod', '-c', path.join(shop('code: gone\n'), 'drift.yaml')]);
    expect(gone.code).toBe(3);
    expect(gone.stdout).toContain('prod sets every key found read (0), but 1 code tree could not be read');
  });

  test('drift code check with a source that failed does not say the environment sets every key the code reads', async () => {
    const { drift } = await import('../helpers/cli');
    const dir = shop('code: src\n');
    const file = path.join(dir, 'drift.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '      - dotenv: { from: prod.env }\n',
        '      - dotenv: { from: prod.env }\n      - file: { from: prod.yml }\n',
      ),
    );
    // prod.yml is missing: DB_URL (read without a default, set nowhere readable) may or may not be in it.
    writeFileSync(path.join(dir, 'prod.env'), 'FEATURE_OLD_CHECKOUT=true\n');
    const run = await drift(['code', 'check', '--env', 'prod', '-c', file]);
    expect(run.code).toBe(3);
    expect(run.stdout).not.toContain('sets every key');
    expect(run.stdout).toContain('prod: 1 source could not be read, so the 3 keys the code reads were not checked there');
  });

  test('drift code check on an estate without code: is a usage error', async () => {
    const { drift } = await import('../helpers/cli');
    const run = await drift(['code', 'check', '--env', 'production-us', '-c', 'examples/drift.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('declares no code:');
  });
});
