import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../../helpers/cli';
import { estatePlan, type EstatePlan } from './differential/estate-plan';
import { oracle, type Expected } from './differential/oracle';
import { writeEstate } from './differential/write-estate';

// The real audit (the CLI in-process, so its parsers, interners, key space and checks) against an
// oracle written from the spec, on random small estates of dotenv, JSON, YAML and SSM sources.

// About 7 s as committed; explore with DIFF_RUNS=3000 DIFF_SEED=<any>.
const RUNS = Number(process.env.DIFF_RUNS ?? 300);
const SEED = process.env.DIFF_SEED === undefined ? 20261124 : Number(process.env.DIFF_SEED);
const root = mkdtempSync(path.join(os.tmpdir(), 'drift-differential-'));
let n = 0;

const line = (f: Expected): string =>
  [f.kind, f.scope, f.key, f.expected ?? '', f.actual ?? '', f.values ? JSON.stringify(f.values, Object.keys(f.values).sort()) : ''].join(
    ' | ',
  );

const lines = (fs: Expected[]): string[] => fs.map(line).sort();

function seen(list: Array<Record<string, unknown>>): Expected[] {
  return list.map((f) => ({
    kind: f.kind as string,
    scope: (f.environment ?? f.group) as string,
    key: f.key as string,
    ...(f.expected !== undefined ? { expected: f.expected as string } : {}),
    ...(f.actual !== undefined ? { actual: f.actual as string } : {}),
    ...(f.values !== undefined ? { values: f.values as Record<string, string | null> } : {}),
  }));
}

async function audited(dir: string): Promise<{ findings: Expected[]; suppressed: Expected[]; doc: string }> {
  const r = await drift(['audit', '--format', 'json', '--no-store', '-c', path.join(dir, 'drift.yaml')]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}\n${r.stdout}`);
  const doc = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; suppressed: Array<Record<string, unknown>> };
  return { findings: seen(doc.findings), suppressed: seen(doc.suppressed), doc: r.stdout };
}

/** The plan with every source's entries in another order. */
const shuffled = (plan: EstatePlan, seed: number): EstatePlan => {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    ...plan,
    environments: plan.environments.map((e) => ({
      ...e,
      sources: e.sources.map((src) => ({ ...src, entries: [...src.entries].sort(() => rnd() - 0.5) })),
    })),
  };
};

async function check(plan: EstatePlan): Promise<void> {
  const dir = path.join(root, String(n++));
  const written = writeEstate(dir, plan);
  const want = oracle(plan, written);
  const got = await audited(dir);
  expect({ findings: lines(got.findings), suppressed: lines(got.suppressed) }).toEqual({
    findings: lines(want.findings),
    suppressed: lines(want.suppressed),
  });
}

describe('the audit agrees with an oracle written from the spec', () => {
  it('on random estates', async () => {
    await fc.assert(
      fc.asyncProperty(estatePlan, async (plan) => {
        await check(plan);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('whatever the order keys are written in, and the same audit twice gives the same document', async () => {
    await fc.assert(
      fc.asyncProperty(estatePlan, fc.nat(), async (plan, seed) => {
        await check(shuffled(plan, seed));
        const dir = path.join(root, String(n++));
        writeEstate(dir, plan);
        const first = await audited(dir);
        const second = await audited(dir);
        expect(second.doc).toBe(first.doc);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED + 1 },
    );
  });
});
