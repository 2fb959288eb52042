import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { recordedInputsDigest } from '../../lambdas/adapters/recorded-inputs-digest';
import { REPORTS } from '../../lambdas/adapters/reports/report-formats';
import { auditDocument } from '../../lambdas/core/engine/audit';
import { makeFingerprinter } from '../../lambdas/core/fingerprint';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { collectNow } from '../../lambdas/use-cases/collect-snapshots';
import { fullAudit, inputsOf, runAudit, type AuditOutcome, type RunAuditInput } from '../../lambdas/use-cases/run-audit';
import { buildCliServices, cliEstateSource } from '../../lambdas/wiring/cli-services';
import { scratch, TEST_KEY } from '../helpers/cli';
import { useDynalite, type TestTable } from '../helpers/dynalite';

const db = useDynalite();

const ESTATE = `version: 1
name: shop
flags: { lifetime: 2h }
environments:
  us:
    sources:
      - file: { from: us.json }
  eu:
    sources:
      - file: { from: eu.json }
parity:
  - { name: all, environments: [us, eu] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    pool: {}
    old.key: { retired: 2026-11-24 }
    feature.x.enabled: { flag: true }
  exceptions:
    - { environment: us, key: db.timeout, value: 60s, reason: "INC-1 load test", expires: 2026-11-24 }
`;
const US = '{ "db": { "timeout": "60s" }, "pool": 20, "old": { "key": "x" }, "feature": { "x": { "enabled": true } } }\n';
const EU = '{ "db": { "timeout": "30s" }, "pool": 10, "feature": { "x": { "enabled": true } } }\n';

const T1 = new Date('2026-11-24T02:00:00Z');
const LATER = new Date('2026-11-24T03:00:00Z');
/** The flag was first seen the same everywhere at T1: with a 2 h lifetime it is stale from 04:00:00.001. */
const FLAG_STALE = new Date('2026-11-24T04:00:00.001Z');
const NEXT_DAY = new Date('2026-11-25T02:00:00Z');

const estateDir = () => scratch({ 'drift.yaml': ESTATE, 'us.json': US, 'eu.json': EU });

/** Runs `body` in a fresh copy of the estate folder, removed after. */
async function inEstateDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = estateDir();
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI's audit of `dir` with its real adapters: recorded files, the store, the inputs' digest. */
async function auditInput(dir: string, store: AuditStore, now: Date, runId: string): Promise<RunAuditInput> {
  const file = path.join(dir, 'drift.yaml');
  const loaded = await cliEstateSource(file, {}).load({ key: file });
  const services = await buildCliServices(file, { DRIFT_FINGERPRINT_KEY: TEST_KEY }, loaded.estate);
  const reuse = recordedInputsDigest({ baseDir: dir, fp: services.fp });
  return { loaded, collect: collectNow({ collector: services.collector, fp: services.fp }), now, record: { store, runId, reuse } };
}

const reused = async (dir: string, t: TestTable, now: Date, runId: string) => runAudit(await auditInput(dir, t.store, now, runId));
async function full(dir: string, t: TestTable, now: Date, runId: string) {
  const input = await auditInput(dir, t.store, now, runId);
  return fullAudit(input, await inputsOf(input.loaded, input.record!.reuse!));
}

/** Every item of the table, in key order. */
// `loggedAt` is the store's own clock when an event was appended: two runs never share it.
const items = async (t: TestTable) =>
  (await t.scan())
    .map(({ loggedAt: _at, ...item }) => item)
    .sort((a, b) => `${String(a.pk)} ${String(a.sk)}`.localeCompare(`${String(b.pk)} ${String(b.sk)}`));

/** What a run gives the user: the document it judged and the one it reports, its events, the reports as printed. */
async function shown(dir: string, out: AuditOutcome) {
  const file = path.join(dir, 'drift.yaml');
  const { estate } = await cliEstateSource(file, {}).load({ key: file });
  const printed = (['json', 'text', 'markdown'] as const).map((f) => REPORTS[f].render({ estate, result: out.report }));
  return { judged: auditDocument(out.judged), report: auditDocument(out.report), events: out.events, printed };
}

/** Two stores given the same first run; the second run is full in one and reusable in the other. */
async function twoStores(dir: string) {
  const [a, b] = [await db.freshTable(), await db.freshTable()];
  await reused(dir, a, T1, 'run-1');
  await reused(dir, b, T1, 'run-1');
  return { a, b };
}

async function expectSameAsFull(dir: string, a: TestTable, b: TestTable, now: Date) {
  const fromFull = await full(dir, a, now, 'run-2');
  const fromReuse = await reused(dir, b, now, 'run-2');
  expect(await shown(dir, fromReuse)).toEqual(await shown(dir, fromFull));
  expect(await items(b)).toEqual(await items(a));
  return { fromFull, fromReuse };
}

describe('an unchanged re-run reuses the last audit (recorded estates)', () => {
  test('through the shortcut: the same findings, reports, events and store items as a full re-run', async () => {
    await inEstateDir(async (dir) => {
      const { a, b } = await twoStores(dir);
      const { fromFull, fromReuse } = await expectSameAsFull(dir, a, b, LATER);
      expect(fromReuse.reused).toBe(true);
      expect(fromFull.reused).toBeUndefined();
      // Still a recorded run: findings seen again (open, first seen at T1), no new event, counts as a full run's.
      expect(fromReuse.report.findings.map((f) => `${f.kind} ${f.status} ${f.firstSeen}`)).toContain(`parity open ${T1.toISOString()}`);
      expect(fromReuse.events).toEqual([]);
      expect((await b.store.getRun('shop', 'run-2'))?.status).toBe('complete');
      expect(fromReuse.judged.configs).toEqual([]);
      // And again: a reused run leaves a memo the next one reuses.
      expect((await reused(dir, b, LATER, 'run-3')).reused).toBe(true);
    });
  });

  const changes: Array<[string, (dir: string) => void, Date]> = [
    ['a byte of a source', (dir) => writeFileSync(path.join(dir, 'eu.json'), EU.replace('30s', '31s')), LATER],
    ['the estate file', (dir) => writeFileSync(path.join(dir, 'drift.yaml'), `${ESTATE}# reviewed\n`), LATER],
    ['the date, past the exception and the retired date', () => undefined, NEXT_DAY],
    ['the time, past the flag lifetime', () => undefined, FLAG_STALE],
  ];
  test.each(changes)('%s: the full path, as a full re-run gives it', async (_name, change, now) => {
    await inEstateDir(async (dir) => {
      const { a, b } = await twoStores(dir);
      change(dir);
      const { fromReuse } = await expectSameAsFull(dir, a, b, now);
      expect(fromReuse.reused).toBeUndefined();
    });
  });

  test('the verdicts that move with time do move: the expiry, the retired key and the stale flag', async () => {
    await inEstateDir(async (dir) => {
      const t = await db.freshTable();
      await reused(dir, t, T1, 'run-1');
      const kinds = async (now: Date, runId: string) => (await reused(dir, t, now, runId)).judged.findings.map((f) => f.kind).sort();
      expect(await kinds(LATER, 'run-2')).not.toContain('stale-flag');
      expect(await kinds(FLAG_STALE, 'run-3')).toContain('stale-flag');
      expect(await kinds(NEXT_DAY, 'run-4')).toEqual(expect.arrayContaining(['exception-expired', 'retired']));
    });
  });

  test('a run earlier than the memo, or over snapshots another run moved, takes the full path', async () => {
    await inEstateDir(async (dir) => {
      const t = await db.freshTable();
      await reused(dir, t, LATER, 'run-1');
      expect((await reused(dir, t, T1, 'run-0')).reused).toBeUndefined();
      const other = estateDir();
      writeFileSync(path.join(other, 'eu.json'), EU.replace('30s', '45s'));
      await full(other, t, LATER, 'run-other');
      rmSync(other, { recursive: true, force: true });
      expect((await reused(dir, t, LATER, 'run-2')).reused).toBeUndefined();
    });
  });

  test("the digest reads no position (they would parse the estate file again), yet the memo's key follows them", async () => {
    await inEstateDir(async (dir) => {
      const file = path.join(dir, 'drift.yaml');
      const fp = makeFingerprinter(Buffer.alloc(32, 1));
      const keyOf = async () => {
        const loaded = await cliEstateSource(file, {}).load({ key: file });
        const spec = loaded.estate.environments[0]!.sources[0]!;
        const digest = recordedInputsDigest({ baseDir: dir, fp });
        const key = await inputsOf(loaded, digest);
        // Still the lazy field: nothing asked where the source sits.
        expect(Object.getOwnPropertyDescriptor(spec, 'at')?.get).toBeDefined();
        return { digest: await digest(loaded.estate), key };
      };
      const before = await keyOf();
      // Only where things sit changes: the sources' digest stays, the key (with the file's bytes) does not.
      writeFileSync(file, `# moved down a line\n${ESTATE}`);
      const after = await keyOf();
      expect(after.digest).toBe(before.digest);
      expect(after.key).not.toBe(before.key);
    });
  });

  test('a live source is never reused: the estate has no digest', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE.replace('- file: { from: eu.json }', '- ssm: { path: /eu/shop/ }'),
      'us.json': US,
    });
    try {
      const file = path.join(dir, 'drift.yaml');
      const { estate } = await cliEstateSource(file, {}).load({ key: file });
      expect(await recordedInputsDigest({ baseDir: dir, fp: makeFingerprinter(Buffer.alloc(32, 1)) })(estate)).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toContain('ssm');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
