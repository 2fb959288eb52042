import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { jsonSchemas, schemaText, SCHEMA_DIR } from '../../scripts/json-schemas/generate';
import { KIND_NAMES } from '../../lambdas/core/kinds';
import { copyOfExamples, drift, EXAMPLES, REPO } from '../helpers/cli';

type Json = Record<string, unknown>;

const committed = (file: string): string => readFileSync(path.join(REPO, SCHEMA_DIR, file), 'utf8');

/** Strict ajv, with the two formats the schemas use (ajv-formats is not a dependency). */
function validator(file: string): ValidateFunction {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    // zod writes scalars as `type: [string, number, boolean]`: valid JSON Schema that strict ajv wants allowed.
    allowUnionTypes: true,
    // `anyOf: [{ required: [from] }, { required: [cluster, service] }]` is the JSON Schema idiom for
    // "one of these sets"; strictRequired wants each branch to repeat the properties.
    strictRequired: false,
    formats: {
      'date-time': (s: string) =>
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    },
  });
  return ajv.compile(JSON.parse(committed(file)) as Json);
}

const errorsOf = (validate: ValidateFunction, doc: unknown): ErrorObject[] => (validate(doc) ? [] : (validate.errors ?? []));

const clone = <T>(v: T): T => structuredClone(v);

describe('schemas/ is what `npm run schemas` generates', () => {
  test.each(Object.keys(jsonSchemas()))('%s is up to date', (file) => {
    const generated = schemaText(jsonSchemas()[file]!);
    let onDisk: string | undefined;
    try {
      onDisk = committed(file);
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== generated)
      throw new Error(`${SCHEMA_DIR}/${file} is out of date with the zod schemas: run \`npm run schemas\` and commit the result`);
  });

  test('generating twice gives the same text', () => {
    const a = Object.values(jsonSchemas()).map(schemaText);
    const b = Object.values(jsonSchemas()).map(schemaText);
    expect(b).toEqual(a);
  });
});

describe('drift.schema.json', () => {
  const validate = validator('drift.schema.json');
  const example = parse(readFileSync(path.join(EXAMPLES, 'drift.yaml'), 'utf8')) as Json;

  test('examples/drift.yaml is valid', () => {
    expect(errorsOf(validate, example)).toEqual([]);
  });

  test('its inline baseline is a valid baseline file', () => {
    expect(errorsOf(validator('baseline.schema.json'), example.baseline)).toEqual([]);
  });

  test('examples/drift.yaml points editors at it', () => {
    expect(readFileSync(path.join(EXAMPLES, 'drift.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schemas/drift.schema.json',
    );
  });

  test.each([
    ['a misspelt top-level field', (d: Json) => Object.assign(d, { paritty: [] }), 'paritty'],
    [
      'a misspelt environment field',
      (d: Json) => Object.assign((d.environments as Record<string, Json>).staging!, { sorces: [] }),
      'sorces',
    ],
    [
      'a misspelt source field',
      (d: Json) => Object.assign(((d.environments as Record<string, Json>).staging!.sources as Json[])[2]!.ssm as Json, { pth: '/a/' }),
      'pth',
    ],
    [
      'a misspelt key field',
      (d: Json) => Object.assign(((d.baseline as Json).keys as Record<string, Json>)['db.timeout']!, { tpye: 'duration' }),
      'tpye',
    ],
  ])('%s is an additional property', (_name, spoil, field) => {
    const doc = clone(example);
    spoil(doc);
    expect(
      errorsOf(validate, doc)
        .filter((e) => e.keyword === 'additionalProperties')
        .map((e) => e.params.additionalProperty),
    ).toContain(field);
  });

  const ONE_ENV = (source: Json, extra: Json = {}): Json => ({ version: 1, environments: { staging: { sources: [source] } }, ...extra });
  test.each([
    ['a source of two kinds', ONE_ENV({ file: { from: 'a.yml' }, dotenv: { from: 'a.env' } })],
    ['an empty source', ONE_ENV({})],
    ['an ecs source that is neither live nor recorded', ONE_ENV({ ecs: { cluster: 'c' } })],
    ['no environments', { version: 1, environments: {} }],
    ['a retirement that is not a date', ONE_ENV({ file: { from: 'a.yml' } }, { baseline: { keys: { a: { retired: 'next week' } } } })],
    ['an unknown type', ONE_ENV({ file: { from: 'a.yml' } }, { baseline: { keys: { a: { type: 'duraton' } } } })],
    ['version 2', { version: 2, environments: { staging: { sources: [{ file: { from: 'a.yml' } }] } } }],
  ])('rejects %s, as drift validate does', (_name, doc) => {
    expect(errorsOf(validate, doc)).not.toEqual([]);
  });

  test('accepts the shorthands drift validate accepts: a bare scalar, an empty key, a baseline file path', () => {
    expect(errorsOf(validate, ONE_ENV({ ssm: { path: '/a/' } }, { baseline: { keys: { a: 20, b: null, c: 'x', d: false } } }))).toEqual([]);
    expect(errorsOf(validate, ONE_ENV({ ecs: { from: ['t.json', 's.json'] } }, { baseline: 'baseline.yaml' }))).toEqual([]);
  });

  test('accepts the sections drift validate reads as absent when left empty', () => {
    const empty = {
      parity: null,
      notify: null,
      deployers: null,
      flags: null,
      code: null,
      baseline: { keys: null, exceptions: null, rules: null },
    };
    expect(errorsOf(validate, ONE_ENV({ dotenv: { from: 'a.env' } }, empty))).toEqual([]);
    expect(errorsOf(validate, ONE_ENV({ dotenv: { from: 'a.env' } }, { baseline: null }))).toEqual([]);
    expect(errorsOf(validator('baseline.schema.json'), { keys: null, exceptions: null, rules: null })).toEqual([]);
    expect(errorsOf(validate, { version: 1, environments: null })).not.toEqual([]);
  });
});

describe('drift-audit-v1.schema.json', () => {
  const validate = validator('drift-audit-v1.schema.json');

  test('lists every finding kind', () => {
    const schema = JSON.parse(committed('drift-audit-v1.schema.json')) as {
      definitions: { Finding: { properties: { kind: { enum: string[] } } } };
    };
    expect(schema.definitions.Finding.properties.kind.enum).toEqual(KIND_NAMES);
  });

  test('the example estate’s `drift audit --format json` (no store) is valid', async () => {
    const r = await drift(['audit', '-c', 'examples/drift.yaml', '--format', 'json', '--no-store']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Json;
    expect((doc.findings as unknown[]).length).toBeGreaterThan(10);
    expect((doc.suppressed as unknown[]).length).toBeGreaterThan(0);
    expect(errorsOf(validate, doc)).toEqual([]);
  });

  test('with a store (status, firstSeen, changed, resolved with a reason) it is valid too', async () => {
    const dir = copyOfExamples();
    await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    const ssm = path.join(dir, 'exports', 'production-us-ssm.json');
    const doc = JSON.parse(readFileSync(ssm, 'utf8')) as { Parameters: Array<{ Name: string; Value: string; Version: number }> };
    const p = doc.Parameters.find((x) => x.Name === '/production-us/checkout/api/timeout')!;
    Object.assign(p, { Value: '30', Version: p.Version + 1 });
    writeFileSync(ssm, JSON.stringify(doc));

    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const out = JSON.parse(r.stdout) as { findings: Array<{ kind: string; status?: string }>; resolved: unknown[] };
    expect(out.resolved.length).toBeGreaterThan(0);
    expect(out.findings.some((f) => f.kind === 'changed')).toBe(true);
    expect(out.findings.some((f) => f.status === 'open')).toBe(true);
    expect(errorsOf(validate, out)).toEqual([]);
  });

  test('a finding with a field the schema does not know is invalid', async () => {
    const r = await drift(['audit', '-c', 'examples/drift.yaml', '--format', 'json', '--no-store']);
    const doc = JSON.parse(r.stdout) as { findings: Json[] };
    doc.findings[0]!.colour = 'red';
    expect(errorsOf(validate, doc).map((e) => e.params.additionalProperty)).toContain('colour');
  });
});
