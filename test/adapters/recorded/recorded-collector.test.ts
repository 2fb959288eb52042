import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_INPUT_BYTES, MAX_SOURCE_BYTES } from '../../../lambdas/adapters/read-inputs';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import type { SourceSnapshot, SourceType } from '../../../lambdas/core/model';
import { parseEcs } from '../../../lambdas/core/sources/ecs';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { emptyResult } from '../../../lambdas/core/sources/result';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

// The parsers, spied on: the real ones unless a test says otherwise, so what the collector hands them can be seen.
jest.mock('../../../lambdas/core/sources/ecs', () => {
  const actual = jest.requireActual('../../../lambdas/core/sources/ecs');
  return { ...actual, parseEcs: jest.fn(actual.parseEcs) };
});
jest.mock('../../../lambdas/core/sources/k8s', () => {
  const actual = jest.requireActual('../../../lambdas/core/sources/k8s');
  return { ...actual, parseK8s: jest.fn(actual.parseK8s), parseManifestText: jest.fn(actual.parseManifestText) };
});

const CANARY = 'CANARY-s3cr3t-7f1e';
let base: string;

const write = (rel: string, text: string): void => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};

async function collect(spec: SourceSpec, collector = new RecordedSourceCollector({ baseDir: base })): Promise<SourceSnapshot> {
  const label = testLabel(spec.type as SourceType, `${spec.type} (recorded)`, spec.index);
  return collector.collect(spec, label, testContext(label));
}

const texts = (s: SourceSnapshot): Record<string, string> =>
  Object.fromEntries(s.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : `<${o.value.kind}>`]));

const ssmExport = (params: object[]): string => JSON.stringify({ Parameters: params });
const billionLaughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-collector-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('RecordedSourceCollector: file and dotenv', () => {
  it('flattens files in order, the later file winning, with their locations', async () => {
    write('config/base.yml', 'database:\n  pool_size: 10\nlog_level: INFO\n');
    write('config/staging.json', '{"database": {"pool_size": 20}}');
    const s = await collect({ type: 'file', index: 0, from: ['config/base.yml', 'config/staging.json'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)).toEqual({ 'database.pool.size': '20', 'log.level': 'INFO' });
    expect(s.observations.map((o) => o.origin.location)).toEqual([
      'config/base.yml#database.pool_size',
      'config/base.yml#log_level',
      'config/staging.json#database.pool_size',
    ]);
    const config = effectiveConfig({ environment: 'e', sources: [s] });
    expect(config.entries.get('database.pool.size')?.origin.location).toBe('config/staging.json#database.pool_size');
    expect(config.overridden.size).toBe(0);
    expect(s.source).toEqual({ index: 0, type: 'file', label: 'file (recorded)' });
  });

  it('reads a dotenv folder, canonicalising keys', async () => {
    write('env/a.env', 'DB_TIMEOUT=10s\n');
    write('env/b.env', 'export LOG_LEVEL="DEBUG"\n');
    const s = await collect({ type: 'dotenv', index: 1, from: ['env'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)).toEqual({ 'db.timeout': '10s', 'log.level': 'DEBUG' });
    expect(s.observations[0]?.origin.location).toBe('env/a.env:1');
  });

  it('keeps what parsed and reports every broken or missing input', async () => {
    write('config/good.yml', 'a: 1\n');
    write('config/bad.yml', 'a: [1\n');
    write('config/deep.json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    write('config/bomb.yaml', billionLaughs);
    write('config/list.yaml', '- a\n- b\n');
    mkdirSync(path.join(base, 'empty'));
    const s = await collect({ type: 'file', index: 0, from: ['config', 'missing.yml', 'empty'] });
    expect(texts(s)).toEqual({ a: '1' });
    expect(s.errors).toEqual([
      'missing.yml: not found',
      'empty: no recorded inputs found',
      expect.stringMatching(/^config\/bad\.yml:\d+:\d+: invalid YAML: [A-Z][^:()]+ \([A-Z_]+\)$/),
      'config/bomb.yaml: too many YAML aliases (an alias bomb?)',
      'config/deep.json: nesting is deeper than 64 levels',
      'config/list.yaml: the top level is not a mapping of keys to values',
    ]);
  });

  it('reports an input over 64 MiB', async () => {
    write('huge.yaml', '');
    truncateSync(path.join(base, 'huge.yaml'), MAX_INPUT_BYTES + 1);
    const s = await collect({ type: 'file', index: 0, from: ['huge.yaml'] });
    expect(s.errors).toEqual(['huge.yaml: 65 MiB is over the 64 MiB limit for recorded inputs']);
  });

  it('reads none of a source whose inputs together are over its limit, across its entries, and still reads the next source', async () => {
    const count = Math.floor(MAX_SOURCE_BYTES / MAX_INPUT_BYTES);
    for (let i = 0; i < count; i++) {
      write(`big/part-${i}.yaml`, '');
      truncateSync(path.join(base, `big/part-${i}.yaml`), MAX_INPUT_BYTES);
    }
    write('extra.yaml', 'a: 1\n');
    const collector = new RecordedSourceCollector({ baseDir: base });
    // The folder alone is at the limit, not over it; the extra file tips the source over.
    const over = await collect({ type: 'file', index: 0, from: ['big', 'extra.yaml'] }, collector);
    expect(over.observations).toEqual([]);
    expect(over.errors).toEqual([
      // Rounded up: a few bytes over 256 MiB is 257.
      `big, extra.yaml: ${count * 64 + 1} MiB in ${count + 1} files is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB limit for one source's recorded inputs`,
    ]);
    const next = await collect({ type: 'file', index: 1, from: ['extra.yaml'] }, collector);
    expect(next.errors).toEqual([]);
    expect(texts(next)).toEqual({ a: '1' });
  });
});

describe('RecordedSourceCollector: ssm', () => {
  const params = [
    { Name: '/production/api/db_timeout', Type: 'String', Value: '60s', Version: 7, LastModifiedDate: 1763630102 },
    { Name: '/production/api/db_password', Type: 'SecureString', Value: 'AQICAHh...ciphertext', Version: 2 },
  ];

  it('keeps its path for references and fingerprints SecureStrings recorded with decryption', async () => {
    write('exports/prod-ssm.json', ssmExport(params));
    const s = await collect({ type: 'ssm', index: 2, path: '/production/api/', from: ['exports/prod-ssm.json'] });
    expect(s.errors).toEqual([]);
    expect(s.referable).toEqual({ path: '/production/api/' });
    expect(texts(s)).toEqual({ 'db.timeout': '60s', 'db.password': '<secret>' });
    expect(s.observations[0]?.origin).toMatchObject({
      location: '/production/api/db_timeout',
      version: 7,
      modifiedAt: '2025-11-20T09:15:02.000Z',
    });
  });

  it('marks SecureStrings opaque when the estate says they were recorded without decryption', async () => {
    write('exports/prod-ssm.json', ssmExport(params));
    const s = await collect({ type: 'ssm', index: 2, path: '/production/api/', from: ['exports/prod-ssm.json'], decrypt: false });
    expect(texts(s)['db.password']).toBe('<opaque>');
  });

  it('reads pages from several files and YAML output', async () => {
    write('exports/p1.json', ssmExport([params[0] as object]));
    write('exports/p2.yaml', 'Parameters:\n  - Name: /production/api/log_level\n    Type: String\n    Value: INFO\n');
    const s = await collect({ type: 'ssm', index: 0, path: '/production/api', from: ['exports'] });
    expect(s.errors).toEqual([]);
    expect(texts(s)).toEqual({ 'db.timeout': '60s', 'log.level': 'INFO' });
  });

  it('reads every good parameter of an export with a bad one, and names the bad one and its file without its value', async () => {
    const bad = { Name: '/production/api/api_key', Type: 'SecureString', Value: CANARY, Version: 'two' };
    write(
      'exports/prod-ssm.json',
      ssmExport([params[0] as object, bad, { Name: '/production/api/log_level', Type: 'String', Value: 'INFO' }]),
    );
    const s = await collect({ type: 'ssm', index: 0, path: '/production/api/', from: ['exports/prod-ssm.json'] });
    expect(texts(s)).toEqual({ 'db.timeout': '60s', 'log.level': 'INFO' });
    expect(s.errors).toEqual(['exports/prod-ssm.json: Parameters[1] /production/api/api_key: Version must be a number']);
    expect(JSON.stringify(s)).not.toContain(CANARY);
  });

  it('reports an export of another path and a file that is not an export', async () => {
    write('exports/staging.json', ssmExport([{ Name: '/staging/api/a', Type: 'String', Value: '1' }]));
    write('exports/task.json', '{"taskDefinition": {}}');
    const s = await collect({ type: 'ssm', index: 0, path: '/production/api/', from: ['exports'] });
    expect(s.observations).toEqual([]);
    expect(s.errors).toEqual([
      expect.stringMatching(/^exports\/task\.json: not an SSM export/),
      'the recorded export holds 1 parameter(s), none under /production/api/',
    ]);
  });
});

describe('RecordedSourceCollector: live, ecs and k8s', () => {
  it.each<SourceSpec>([
    { type: 'ssm', index: 0, path: '/p/' },
    { type: 'ecs', index: 0, cluster: 'c', service: 's' },
    { type: 'eks', index: 0, cluster: 'c', namespace: 'n', workload: 'w' },
  ])('says live $type collection is not available', async (spec) => {
    const s = await collect(spec);
    expect(s.observations).toEqual([]);
    expect(s.errors).toEqual([`live ${spec.type} collection is not available in this build`]);
  });

  it('gives ecs the JSON documents and the env files, and keeps parse errors', async () => {
    write('ecs/taskdef.json', '{"taskDefinition": {"family": "api"}}');
    write('ecs/broken.json', '{');
    write('ecs/app.env', 'A=1\n');
    const parse = jest.mocked(parseEcs).mockImplementationOnce(() => ({ ...emptyResult(), errors: ['from the parser'] }));
    const s = await collect({ type: 'ecs', index: 0, from: ['ecs'], container: 'api', service: 's' });
    expect(parse).toHaveBeenCalledWith(
      {
        documents: [{ file: 'ecs/taskdef.json', json: { taskDefinition: { family: 'api' } } }],
        envFiles: [{ file: 'ecs/app.env', text: 'A=1\n' }],
      },
      { container: 'api', service: 's', cluster: undefined },
      expect.anything(),
    );
    expect(s.errors).toEqual(['ecs/broken.json:1:2: invalid JSON at offset 1', 'from the parser']);
  });

  it('gives k8s every object of every manifest, and keeps parse errors', async () => {
    write('k8s/a.yaml', 'x');
    write('k8s/b.yaml', 'y');
    jest.mocked(parseManifestText).mockImplementation((text: string, file: string) => {
      if (text === 'y') throw new Error(`boom ${CANARY}`);
      return [{ kind: 'Deployment', file }];
    });
    const parse = jest.mocked(parseK8s).mockImplementationOnce(() => emptyResult());
    const s = await collect({ type: 'k8s', index: 0, from: ['k8s'], workload: 'api' });
    jest.mocked(parseManifestText).mockImplementation(jest.requireActual('../../../lambdas/core/sources/k8s').parseManifestText);
    expect(parse).toHaveBeenCalledWith(
      [{ file: 'k8s/a.yaml', object: { kind: 'Deployment', file: 'k8s/a.yaml' } }],
      { workload: 'api', container: undefined, namespace: undefined, unreadable: 1 },
      expect.anything(),
    );
    // An unexpected error's message may quote the input, so only its name is shown.
    expect(s.errors).toEqual(['k8s/b.yaml: could not be read (Error)']);
  });
});

describe('RecordedSourceCollector: secrets', () => {
  it('never lets a secret out, in values or in errors', async () => {
    write('exports/ssm.json', ssmExport([{ Name: '/production/api/signing', Type: 'SecureString', Value: CANARY, Version: 1 }]));
    write('env/prod.env', `DB_PASSWORD=${CANARY}\n${CANARY}\nAPI_TOKEN="${CANARY}\n`);
    write('config/broken.yaml', `a:\n  b: "${CANARY}\\q"\n c: ${CANARY}\n`);
    write('config/broken.json', `{"password": ${CANARY}}`);
    write('config/secret.yaml', `db:\n  password: ${CANARY}\n`);
    const snapshots = [
      await collect({ type: 'ssm', index: 0, path: '/production/api/', from: ['exports/ssm.json'] }),
      await collect({ type: 'dotenv', index: 1, from: ['env/prod.env'] }),
      await collect({ type: 'file', index: 2, from: ['config'] }),
    ];
    const fp = testFingerprinter();
    expect(snapshots[0]?.observations[0]?.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(snapshots[1]?.observations[0]?.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(snapshots[1]?.errors).toEqual([
      'env/prod.env: line 2: expected KEY=VALUE',
      'env/prod.env: line 3: unterminated double-quoted value',
    ]);
    expect(snapshots[2]?.errors).toHaveLength(2);
    expect(JSON.stringify(snapshots)).not.toContain(CANARY);
  });
});
