import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RecordedSourceCollector } from '../../lambdas/adapters/recorded/recorded-collector';
import { copyOfExamples, drift, scratch } from '../helpers/cli';

const T1 = new Date('2026-11-24T02:00:00Z');
const LATER = new Date('2026-11-24T05:00:00Z');

const ESTATE = `version: 1
name: shop
environments:
  us:
    sources:
      - file: { from: us.json }
      - dotenv: { from: us.env }
  eu:
    sources:
      - file: { from: eu.json }
parity:
  - { name: all, environments: [us, eu] }
baseline:
  undeclared: info
  keys:
    db.timeout: { type: duration, value: 10s }
    pool: {}
  exceptions:
    - { environment: us, key: db.timeout, value: 60s, reason: "INC-1 load test", expires: 2026-11-30 }
`;

const copyOf = (dir: string): string => {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'drift-reuse-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
};

/** `drift audit` in `dir`, counting the sources it read. */
async function audit(dir: string, now: Date, runId: string, extra: string[] = []) {
  const collect = jest.spyOn(RecordedSourceCollector.prototype, 'collect');
  try {
    const out = await drift(['audit', '-c', 'drift.yaml', '--run-id', runId, ...extra], { cwd: dir, now });
    return { ...out, read: collect.mock.calls.length };
  } finally {
    collect.mockRestore();
  }
}

/**
 * Two copies with the same first run; the second run reads nothing in one (reused), and everything
 * in the other (an HTML report shows the effective configurations, so that run takes the full path).
 */
async function reusedAndFull(dir: string, format: string) {
  const [a, b] = [copyOf(dir), copyOf(dir)];
  try {
    await audit(a, T1, 'run-1');
    await audit(b, T1, 'run-1');
    const reused = await audit(a, LATER, 'run-2', ['--format', format]);
    const full = await audit(b, LATER, 'run-2', ['--format', format, '--output', `html=${path.join(b, 'report.html')}`]);
    return { reused, full };
  } finally {
    for (const d of [a, b]) rmSync(d, { recursive: true, force: true });
  }
}

describe('drift audit: an unchanged re-run reuses the last audit', () => {
  const dir = scratch({
    'drift.yaml': ESTATE,
    'us.json': '{ "db": { "timeout": "60s" }, "pool": 20 }\n',
    'us.env': 'LOG_LEVEL=debug\n',
    'eu.json': '{ "db": { "timeout": "30s" }, "pool": 10 }\n',
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['json', 'text', 'markdown'])('reads no source and prints what a full re-run prints (%s)', async (format) => {
    const { reused, full } = await reusedAndFull(dir, format);
    expect(reused.read).toBe(0);
    expect(full.read).toBe(3);
    expect(reused.stdout).toEqual(full.stdout);
    expect(reused.code).toBe(full.code);
    expect(reused.stdout.length).toBeGreaterThan(100);
  });

  test('--env reads its environments, whatever the memo', async () => {
    const a = copyOf(dir);
    try {
      await audit(a, T1, 'run-1');
      // us's two sources, and eu's one for which keys it holds as secrets (see secrecy-elsewhere).
      expect((await audit(a, LATER, 'run-2', ['--env', 'us'])).read).toBe(3);
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });

  test('the example estate: a re-run prints what a full re-run prints', async () => {
    const examples = copyOfExamples();
    try {
      const { reused, full } = await reusedAndFull(examples, 'json');
      expect([reused.read, full.read > 0]).toEqual([0, true]);
      expect(reused.stdout).toEqual(full.stdout);
      expect(reused.code).toBe(full.code);
    } finally {
      rmSync(examples, { recursive: true, force: true });
    }
  });
});
