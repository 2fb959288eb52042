import { unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Set by a test to store as drift did before a source had an identity: keyed by its label, `from:` as written.
let mockLabelAsIdentity = false;
jest.mock('../../lambdas/core/estate/source-label', () => {
  const actual = jest.requireActual('../../lambdas/core/estate/source-label');
  return {
    ...actual,
    sourceIdentity: (spec: Parameters<typeof actual.sourceIdentity>[0]) =>
      mockLabelAsIdentity ? actual.sourceLabel(spec).label : actual.sourceIdentity(spec),
  };
});

afterEach(() => {
  mockLabelAsIdentity = false;
});

const estate = (settings: string, failing: string) => `version: 1
name: shop
environments:
  prod:
    sources:
      - dotenv: { from: ${settings} }
      - dotenv: { from: ${failing} }
baseline:
  undeclared: info
  keys: {}
`;

interface Doc {
  findings: Array<{ id: string; kind: string; status?: string; message: string }>;
  resolved: Array<{ id: string; kind: string; reason: string }>;
}

const night = (day: number) => new Date(`2026-11-${day}T02:00:00Z`);

async function audit(dir: string, day: number): Promise<Doc> {
  const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: night(day) });
  // A source fails every night here: exit 3.
  expect(r.code).toBe(3);
  return JSON.parse(r.stdout) as Doc;
}

const of = (doc: Doc, kind: string) => doc.findings.filter((f) => f.kind === kind);

async function history(dir: string): Promise<string[]> {
  const r = await drift(['history', 'prod', 'DB_TIMEOUT', '--format', 'json'], { cwd: dir, now: night(28) });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { changes: Array<{ before: string; after: string }> }).changes.map((c) => `${c.before} → ${c.after}`);
}

function files(settings: string, failing: string, timeout: string) {
  return {
    'drift.yaml': estate(settings, failing),
    'a.env': `DB_TIMEOUT=${timeout}\n`,
    'b.env': 'LOG_LEVEL=INFO\n',
    'c.env': 'REGION=eu-west-1\n',
  };
}

function edit(dir: string, settings: string, failing: string, timeout: string): void {
  writeFileSync(path.join(dir, 'drift.yaml'), estate(settings, failing));
  writeFileSync(path.join(dir, 'a.env'), `DB_TIMEOUT=${timeout}\n`);
}

describe("a source's identity in the store does not depend on the order or spelling of its from: files", () => {
  test('a value changed the night its files were reordered is reported against the value before it', async () => {
    const dir = scratch(files('[a.env, b.env]', '[c.env, missing.env]', '10s'));
    await audit(dir, 20);

    edit(dir, '[b.env, ./a.env]', '[c.env, missing.env]', '60s');
    const second = await audit(dir, 21);
    expect(of(second, 'changed').map((f) => f.message)).toEqual(['db.timeout changed in prod: 10s → 60s']);

    // Back to the first order: compared with last night's value, not with the snapshot stored under that order two nights ago.
    edit(dir, '[a.env, b.env]', '[c.env, missing.env]', '90s');
    const third = await audit(dir, 22);
    expect(of(third, 'changed').map((f) => f.message)).toEqual(['db.timeout changed in prod: 60s → 90s']);
    expect(await history(dir)).toEqual(['10s → 60s', '60s → 90s']);
  });

  test('a failing source whose files are reordered keeps its one source-error', async () => {
    const dir = scratch(files('[a.env, b.env]', '[c.env, missing.env]', '10s'));
    const first = of(await audit(dir, 20), 'source-error');
    expect(first).toHaveLength(1);

    edit(dir, '[a.env, b.env]', '[missing.env, ./c.env]', '10s');
    const second = await audit(dir, 21);
    const errors = of(second, 'source-error');
    expect(errors.map((f) => [f.id, f.status])).toEqual([[first[0]!.id, 'open']]);
    // The message names the source as written now.
    expect(errors[0]!.message).toContain('dotenv missing.env, ./c.env was read with errors');
    expect(second.resolved.filter((f) => f.kind === 'source-error')).toEqual([]);
  });

  test('a store written before: the snapshot under the label is found, and the open source-error goes on under its old id', async () => {
    const dir = scratch(files('[b.env, a.env]', '[missing.env, c.env]', '10s'));
    mockLabelAsIdentity = true;
    const before = of(await audit(dir, 20), 'source-error');
    mockLabelAsIdentity = false;
    expect(before).toHaveLength(1);

    writeFileSync(path.join(dir, 'a.env'), 'DB_TIMEOUT=60s\n');
    const upgraded = await audit(dir, 21);
    expect(of(upgraded, 'changed').map((f) => f.message)).toEqual(['db.timeout changed in prod: 10s → 60s']);
    expect(of(upgraded, 'source-error').map((f) => [f.id, f.status])).toEqual([[before[0]!.id, 'open']]);
    expect(await history(dir)).toEqual(['10s → 60s']);

    // Now stored under its identity: a reorder changes nothing, and the next change is against 60s.
    edit(dir, '[a.env, b.env]', '[c.env, missing.env]', '70s');
    const reordered = await audit(dir, 22);
    expect(of(reordered, 'changed').map((f) => f.message)).toEqual(['db.timeout changed in prod: 60s → 70s']);
    expect(of(reordered, 'source-error').map((f) => [f.id, f.status])).toEqual([[before[0]!.id, 'open']]);

    // Readable again: the old finding is resolved as such; failing again later opens one under the identity's id.
    writeFileSync(path.join(dir, 'missing.env'), 'X=1\n');
    const readable = await drift(['audit', '--format', 'json'], { cwd: dir, now: night(23) });
    const resolved = (JSON.parse(readable.stdout) as Doc).resolved.filter((f) => f.kind === 'source-error');
    expect(resolved.map((f) => [f.id, f.reason])).toEqual([[before[0]!.id, 'source readable again']]);
    unlinkSync(path.join(dir, 'missing.env'));
    const again = of(await audit(dir, 24), 'source-error');
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(before[0]!.id);
    expect(again[0]!.status).toBe('new');
  });

  test('a store written before, with the files reordered at the upgrade: the old source-error is resolved, not left open beside the new one', async () => {
    const dir = scratch(files('[a.env, b.env]', '[missing.env, c.env]', '10s'));
    mockLabelAsIdentity = true;
    const before = of(await audit(dir, 20), 'source-error');
    mockLabelAsIdentity = false;

    edit(dir, '[a.env, b.env]', '[c.env, missing.env]', '10s');
    const upgraded = await audit(dir, 21);
    expect(of(upgraded, 'source-error')).toHaveLength(1);
    expect(upgraded.resolved.filter((f) => f.kind === 'source-error').map((f) => [f.id, f.reason])).toEqual([
      [before[0]!.id, 'source removed'],
    ]);
    expect(of(await audit(dir, 22), 'source-error').map((f) => f.status)).toEqual(['open']);
  });

  test('one environment listing the same files twice, in two orders, is refused', async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
environments:
  prod:
    sources:
      - dotenv: { from: [a.env, b.env] }
      - dotenv: { from: [b.env, ./a.env] }
`,
      'a.env': 'A=1\n',
      'b.env': 'B=1\n',
    });
    const r = await drift(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'environments.prod.sources[1]: the same source as sources[0], its files listed in another order or spelt otherwise',
    );
  });
});
