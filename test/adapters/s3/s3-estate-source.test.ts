import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileEstateSource } from '../../../lambdas/adapters/estate-file';
import { MAX_ESTATE_FILE_BYTES } from '../../../lambdas/adapters/estate-reader';
import { S3EstateSource } from '../../../lambdas/adapters/s3/s3-estate-source';
import { S3Objects } from '../../../lambdas/adapters/s3/s3-objects';
import { S3RunArtifacts } from '../../../lambdas/adapters/s3/s3-run-artifacts';
import { EstateLoadError } from '../../../lambdas/use-cases/plan-run';

const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const mock = mockClient(client);
const store = new Map<string, Array<{ v: string; body: Buffer }>>();

function put(key: string, text: string | Buffer, versioned = true): string {
  const list = store.get(key) ?? [];
  const v = versioned ? `v${list.length + 1}` : 'null';
  list.push({ v, body: Buffer.from(text) });
  store.set(key, list);
  return v;
}

beforeEach(() => {
  store.clear();
  mock.reset();
  mock.on(GetObjectCommand).callsFake((i: { Key: string; VersionId?: string }) => {
    const list = store.get(i.Key) ?? [];
    const o = i.VersionId ? list.find((x) => x.v === i.VersionId) : list.at(-1);
    if (!o) throw new NoSuchKey({ message: 'no such key', $metadata: {} });
    return { Body: Readable.from([o.body]), VersionId: o.v };
  });
  mock.on(ListObjectsV2Command).callsFake((i: { Prefix: string; ContinuationToken?: string }) => {
    const keys = [...store.keys()].filter((k) => k.startsWith(i.Prefix)).sort();
    // Two pages, to walk the paginator.
    const page = i.ContinuationToken ? keys.slice(1) : keys.slice(0, 1);
    return {
      Contents: page.map((Key) => ({ Key })),
      IsTruncated: !i.ContinuationToken && keys.length > 1,
      NextContinuationToken: i.ContinuationToken ? undefined : 't',
    };
  });
  mock.on(PutObjectCommand).callsFake((i: { Key: string; Body: Buffer }) => ({ VersionId: put(i.Key, i.Body) }));
});

const source = () => new S3EstateSource(new S3Objects(client, 'bucket'));
const ESTATE =
  'version: 1\nenvironments:\n  prod:\n    region: eu-west-1\n    sources:\n      - ssm: { path: /prod/ }\nbaseline: baseline.yaml\n';

describe('S3 estate source', () => {
  test('lists only drift.yaml files under estates/, across pages', async () => {
    put('estates/a/drift.yaml', ESTATE);
    put('estates/a/baseline.yaml', 'keys: {}\n');
    put('estates/b/nested/drift.yaml', ESTATE);
    expect(await source().listKeys()).toEqual(['estates/a/drift.yaml', 'estates/b/nested/drift.yaml']);
  });

  test('pins the estate and its baseline file to the versions read, and reads those versions later', async () => {
    put('estates/shop/drift.yaml', ESTATE);
    put('estates/shop/baseline.yaml', 'keys:\n  api.timeout: 30s\n');
    const first = await source().load({ key: 'estates/shop/drift.yaml' });
    expect(first.ref).toEqual({
      key: 'estates/shop/drift.yaml',
      versionId: 'v1',
      baseline: { key: 'estates/shop/baseline.yaml', versionId: 'v1' },
    });
    expect(first.estate.name).toBe('shop');
    expect(first.baseline).toEqual({ file: 'estates/shop/drift.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), version: 'v1' });

    // `drift publish` mid-run: the pinned run still audits what it planned.
    put('estates/shop/baseline.yaml', 'keys:\n  api.timeout: 60s\n');
    const pinned = await source().load(first.ref);
    expect(pinned.estate.baseline.keys.get('api.timeout')?.value).toBe('30s');
    expect((await source().load({ key: 'estates/shop/drift.yaml' })).estate.baseline.keys.get('api.timeout')?.value).toBe('60s');
  });

  test('an unversioned bucket pins nothing', async () => {
    put('estates/x/drift.yaml', ESTATE.replace('baseline: baseline.yaml\n', ''), false);
    const r = await source().load({ key: 'estates/x/drift.yaml' });
    expect(r.ref).toEqual({ key: 'estates/x/drift.yaml' });
    expect(r.baseline.version).toBeUndefined();
  });

  test('one loader: the same bytes on disk and in the bucket give the same estate, version hash and problems', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-estates-'));
    const both = (name: string, text: string): void => {
      put(`estates/${name}`, text);
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    };
    both('shop/drift.yaml', ESTATE);
    both('shop/baseline.yaml', 'keys:\n  api.timeout: 30s\n');
    const onDisk = await new FileEstateSource([]).load({ key: path.join(dir, 'shop/drift.yaml') });
    const inBucket = await source().load({ key: 'estates/shop/drift.yaml' });
    const plain = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x)).replaceAll(`${dir}/`, 'estates/');
    expect(plain(onDisk.estate)).toBe(plain(inBucket.estate));
    expect(onDisk.baseline.sha256).toBe(inBucket.baseline.sha256);
    expect(onDisk.warnings).toEqual(inBucket.warnings);

    both('gone/drift.yaml', ESTATE);
    const problems = async (load: Promise<unknown>) => plain(((await load.catch((e: unknown) => e)) as EstateLoadError).problems);
    const fromDisk = await problems(new FileEstateSource([]).load({ key: path.join(dir, 'gone/drift.yaml') }));
    expect(fromDisk).toContain('"line":7,"column":11,"message":"cannot read the baseline file baseline.yaml: not found"');
    expect(fromDisk).toBe(await problems(source().load({ key: 'estates/gone/drift.yaml' })));
  });

  test('problems are positioned in the S3 key; a baseline outside estates/ or missing is an error at `baseline:`', async () => {
    put('estates/bad/drift.yaml', 'version: 1\nenvironments:\n  prod:\n    sources:\n      - ssm: { pth: /x/ }\n');
    await expect(source().load({ key: 'estates/bad/drift.yaml' })).rejects.toThrow(/^estates\/bad\/drift\.yaml:5:\d+: /);
    put('estates/out/drift.yaml', ESTATE.replace('baseline.yaml', '../../secrets/baseline.yaml'));
    await expect(source().load({ key: 'estates/out/drift.yaml' })).rejects.toThrow(
      /estates\/out\/drift\.yaml:7:\d+: the baseline file .* is outside estates\//,
    );
    put('estates/gone/drift.yaml', ESTATE);
    const err = await source()
      .load({ key: 'estates/gone/drift.yaml' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EstateLoadError);
    expect((err as Error).message).toMatch(/cannot read the baseline file baseline.yaml: not found/);
  });

  // A function may list the bucket only under estates/: S3 then answers a missing object with 403, not 404. The
  // estate whose baseline is missing fails to load (its own problem, reported), not every estate's run.
  test("a baseline S3 refuses to read (AccessDenied, as it answers a missing key to a role that cannot list it) is that estate's load error", async () => {
    put('estates/denied/drift.yaml', ESTATE);
    mock
      .on(GetObjectCommand, { Key: 'estates/denied/baseline.yaml' })
      .rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const err = await source()
      .load({ key: 'estates/denied/drift.yaml' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EstateLoadError);
    expect((err as Error).message).toMatch(
      /^estates\/denied\/drift\.yaml:7:\d+: cannot read the baseline file baseline.yaml: not found, or not readable by this function \(S3 says AccessDenied\)$/,
    );
  });
});

describe('an estate or baseline file too large to be one', () => {
  const TOO_LARGE = `larger than ${MAX_ESTATE_FILE_BYTES / 1024 / 1024} MiB (an estate or baseline file is far smaller)`;

  test('on disk: refused by its size before it is read, estate file or baseline file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-big-estate-'));
    writeFileSync(path.join(dir, 'drift.yaml'), '');
    truncateSync(path.join(dir, 'drift.yaml'), MAX_ESTATE_FILE_BYTES + 1);
    await expect(new FileEstateSource([]).load({ key: path.join(dir, 'drift.yaml') })).rejects.toThrow(
      `cannot read the estate file: ${TOO_LARGE}`,
    );
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'b/drift.yaml'), ESTATE);
    writeFileSync(path.join(dir, 'b/baseline.yaml'), '');
    truncateSync(path.join(dir, 'b/baseline.yaml'), MAX_ESTATE_FILE_BYTES + 1);
    await expect(new FileEstateSource([]).load({ key: path.join(dir, 'b/drift.yaml') })).rejects.toThrow(
      `cannot read the baseline file baseline.yaml: ${TOO_LARGE}`,
    );
  });

  test('in the bucket: an object that streams on is read no further than the limit', async () => {
    // Four times the limit, then the end: a reader without one fails this test, not the machine.
    let pulled = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    mock.on(GetObjectCommand).callsFake(() => ({
      Body: Readable.from(
        (function* endless() {
          while (pulled < 4 * MAX_ESTATE_FILE_BYTES) {
            pulled += chunk.length;
            yield chunk;
          }
        })(),
      ),
      VersionId: 'v1',
    }));
    await expect(source().load({ key: 'estates/big/drift.yaml' })).rejects.toThrow(`cannot read the estate file: ${TOO_LARGE}`);
    expect(pulled).toBeLessThan(2 * MAX_ESTATE_FILE_BYTES);
  });
});

describe('S3 run artifacts', () => {
  test("snapshots round-trip gzip'd under runs/{runId}/snapshots/, reports as JSON under runs/{runId}/reports/", async () => {
    const artifacts = new S3RunArtifacts(new S3Objects(client, 'bucket'));
    const doc = {
      schema: 'drift-snapshot/v1' as const,
      runId: 'r1',
      estate: 'shop',
      keyId: 'k',
      snapshot: { environment: 'prod', sources: [] },
    };
    const key = await artifacts.putSnapshot(doc);
    expect(key).toBe('runs/r1/snapshots/shop/prod.json.gz');
    expect(store.get(key)![0]!.body.subarray(0, 2)).toEqual(gzipSync('x').subarray(0, 2));
    expect(await artifacts.getSnapshot(key)).toEqual(doc);
    expect(await artifacts.putReport('r1', 'shop', { body: '{ "findings": [] }\n', mediaType: 'application/json' })).toBe(
      'runs/r1/reports/shop.json',
    );
    expect(await artifacts.getReport('r1', 'shop')).toEqual({ findings: [] });
    expect(await artifacts.getReport('r2', 'shop')).toBeUndefined();
    expect(await artifacts.getSnapshot('runs/r1/snapshots/shop/none.json.gz')).toBeUndefined();
  });
});
