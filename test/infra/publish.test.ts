import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lambdas/cli/main';

const s3 = mockClient(S3Client);

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, cwd };
  return main(['node', 'drift', ...args], io).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
}

function estateDir(estate: string, baseline?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-publish-'));
  writeFileSync(path.join(dir, 'drift.yaml'), estate);
  if (baseline) writeFileSync(path.join(dir, 'baseline.yaml'), baseline);
  return dir;
}

beforeEach(() => s3.reset());

describe('drift publish', () => {
  test('validates, then uploads the baseline file and the estate file, printing the version ids', async () => {
    s3.on(PutObjectCommand, { Key: 'estates/shop/baseline.yaml' }).resolves({ VersionId: 'v-base' });
    s3.on(PutObjectCommand, { Key: 'estates/shop/drift.yaml' }).resolves({ VersionId: 'v-estate' });
    const dir = estateDir(
      'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: baseline.yaml\n',
      'keys:\n  port: { type: int, value: 8080 }\n',
    );
    const r = await run(['publish', '--bucket', 'drift-estates', '-c', 'drift.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => [p.Bucket, p.Key])).toEqual([
      ['drift-estates', 'estates/shop/baseline.yaml'],
      ['drift-estates', 'estates/shop/drift.yaml'],
    ]);
    expect(String(puts[1]!.Body)).toContain('name: shop');
    expect(r.stdout).toBe(
      'baseline.yaml → s3://drift-estates/estates/shop/baseline.yaml version v-base\ndrift.yaml → s3://drift-estates/estates/shop/drift.yaml version v-estate\n',
    );
  });

  test('takes another prefix', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'v1' });
    const dir = estateDir('version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\n');
    const r = await run(['publish', '--bucket', 'b', '--prefix', 'teams/a', '-c', 'drift.yaml'], dir);
    expect(r.code).toBe(0);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['teams/a/shop/drift.yaml']);
  });

  test('a broken estate file: exit 2 with the positioned error, nothing uploaded', async () => {
    const dir = estateDir('version: 1\nenvironments:\n  dev:\n    sourcs: []\n');
    const r = await run(['publish', '--bucket', 'drift-estates', '-c', 'drift.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drift.yaml:4:5: environments.dev: unknown field "sourcs" (did you mean "sources"?)');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  // Every drift.yaml under estates/ is read as an estate: a baseline so named in a subfolder would fail every night as one.
  test('a baseline file named drift.yaml, in a subfolder too: exit 2, nothing uploaded', async () => {
    const dir = estateDir(
      'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: base/drift.yaml\n',
    );
    mkdirSync(path.join(dir, 'base'));
    writeFileSync(path.join(dir, 'base', 'drift.yaml'), 'keys:\n  port: { type: int, value: 8080 }\n');
    const r = await run(['publish', '--bucket', 'drift-estates', '-c', 'drift.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the baseline file cannot be named drift.yaml: every drift.yaml in the installation's bucket is read as an estate file",
    );
    expect(s3.commandCalls(PutObjectCommand)).toEqual([]);
  });

  test('a baseline in a folder whose name starts with two dots is inside the estate folder: uploaded under it', async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: 'v' });
    const dir = estateDir(
      'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: ..shared/base.yaml\n',
    );
    mkdirSync(path.join(dir, '..shared'));
    writeFileSync(path.join(dir, '..shared', 'base.yaml'), 'keys:\n  port: { type: int, value: 8080 }\n');
    // A name starting with "." is a hidden folder, read only from a trusted estate file.
    const r = await run(['publish', '--bucket', 'drift-estates', '-c', 'drift.yaml'], dir, { DRIFT_TRUST_ESTATE_PATHS: '1' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
      'estates/shop/..shared/base.yaml',
      'estates/shop/drift.yaml',
    ]);
  });

  test('--bucket is required (exit 2)', async () => {
    const dir = estateDir('version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\n');
    expect((await run(['publish', '-c', 'drift.yaml'], dir)).code).toBe(2);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test('AWS refusing an upload is said with what was not uploaded: exit 2, no stack, what went before stays', async () => {
    s3.on(PutObjectCommand, { Key: 'estates/shop/baseline.yaml' }).resolves({ VersionId: 'v-base' });
    s3.on(PutObjectCommand, { Key: 'estates/shop/drift.yaml' }).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    const dir = estateDir(
      'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: baseline.yaml\n',
      'keys:\n  port: { type: int, value: 8080 }\n',
    );
    const r = await run(['publish', '--bucket', 'drift-estates', '-c', 'drift.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('baseline.yaml → s3://drift-estates/estates/shop/baseline.yaml version v-base\n');
    expect(r.stderr).toBe('drift: publish: s3://drift-estates/estates/shop/drift.yaml was not uploaded: AccessDenied: Access Denied\n');
  });
});
