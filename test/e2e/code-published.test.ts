import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishedCodeReader } from '../../lambdas/adapters/s3/published-code-reader';
import { S3Objects } from '../../lambdas/adapters/s3/s3-objects';
import { readCode } from '../../lambdas/use-cases/read-code';
import { estateFrom } from '../helpers/estate';
import { drift, scratch } from '../helpers/cli';
import { serveMemoryBucket, type MemoryObjects } from '../helpers/memory-bucket';

const s3 = mockClient(S3Client);
const objects: MemoryObjects = new Map();
beforeEach(() => {
  s3.reset();
  objects.clear();
  serveMemoryBucket(s3, objects);
});

const ESTATE = `version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\ncode: { path: src }\n`;
const JS = `const url = process.env.INVENTORY_SERVICE_URL || 'http://localhost:8080';\nconst key = process.env.API_TOKEN ?? 'tok-9f8e7d6c5b4a3f2e1d0c';\n`;

describe('code: on AWS, from the scan drift publish uploads', () => {
  test('publish scans the code and uploads code-scan.json before the estate; the Lambda reader gives the CLI its reads', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': 'A=1\n', 'src/app.js': JS });
    const run = await drift(['publish', '--bucket', 'b', '-c', path.join(dir, 'drift.yaml')], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect([...objects.keys()]).toEqual(['estates/shop/code-scan.json', 'estates/shop/drift.yaml']);
    expect(objects.get('estates/shop/code-scan.json')!.toString()).not.toContain('tok-9f8e7d6c5b4a3f2e1d0c');
    // The tree as the estate names it, not where the publishing machine keeps its checkout.
    const published = JSON.parse(objects.get('estates/shop/code-scan.json')!.toString()) as {
      trees: Array<{ path: string; scan: { root: string } }>;
    };
    expect(published.trees.map((t) => [t.path, t.scan.root])).toEqual([['src', 'src']]);
    expect(objects.get('estates/shop/code-scan.json')!.toString()).not.toContain(dir);

    const estate = estateFrom(ESTATE);
    const reader = new PublishedCodeReader(new S3Objects(new S3Client({ region: 'eu-west-1' }), 'b'), 'estates/shop/drift.yaml');
    const code = await readCode(reader, estate);
    expect(code!.failed).toEqual([]);
    expect([...code!.reads.keys()]).toEqual(['api.token', 'inventory.service.url']);
    expect(code!.reads.get('inventory.service.url')![0]).toMatchObject({
      file: 'src/app.js',
      line: 1,
      fallback: { kind: 'default', value: "'http://localhost:8080'" },
    });
  });

  test('code-scan.json keeps no default of a key the baseline declares secret (secret: true, secrets: { undeclared: true })', async () => {
    const estate = `${ESTATE}baseline:\n  secrets: { undeclared: true }\n  keys:\n    stripe.account: { secret: true }\n    log.level: { enum: [debug, info] }\n`;
    const code = `const sk = process.env.STRIPE_ACCOUNT || 'acct-CANARYdeclared';\nconst cdn = process.env.CDN_SIGNER || 'cdn-CANARYundeclared';\nconst level = process.env.LOG_LEVEL || 'info';\n`;
    const dir = scratch({ 'drift.yaml': estate, 'prod.env': 'A=1\n', 'src/app.js': code });
    const run = await drift(['publish', '--bucket', 'b', '-c', path.join(dir, 'drift.yaml')], { cwd: dir });
    expect(run.code).toBe(0);
    const published = objects.get('estates/shop/code-scan.json')!.toString();
    expect(published).not.toMatch(/CANARY/);
    // A declared key that is no secret keeps its default.
    expect(published).toContain("'info'");
  });

  test('no published scan: a tree failure (a source-error in the audit), not a crash', async () => {
    const reader = new PublishedCodeReader(new S3Objects(new S3Client({ region: 'eu-west-1' }), 'b'), 'estates/shop/drift.yaml');
    const code = await readCode(reader, estateFrom(ESTATE));
    expect(code!.failed).toEqual([
      { tree: 'src', error: 'no code-scan.json beside the estate: run drift publish from a checkout of the code' },
    ]);
  });

  test('publish refuses an estate whose code tree cannot be read, uploading nothing', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': 'A=1\n' });
    const run = await drift(['publish', '--bucket', 'b', '-c', path.join(dir, 'drift.yaml')], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('src does not exist');
    expect(objects.size).toBe(0);
  });
});
