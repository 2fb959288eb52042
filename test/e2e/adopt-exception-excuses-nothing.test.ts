import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// `drift adopt ENV KEY --as exception` wrote an exception whatever the audit found: for a key ENV
// runs as the baseline expects, or drift a live exception already excuses for longer, the baseline
// gained an entry that excuses nothing, reads like accepted drift, and the command exited 0.
const ESTATE = [
  'version: 1',
  'name: orders',
  'environments:',
  '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
  '  prod: { sources: [ { dotenv: { from: prod.env } } ] }',
  'parity:',
  '  - { name: all, environments: [staging, prod] }',
  'baseline:',
  '  keys:',
  '    db.timeout: { type: duration, value: 45s }',
  '    log.level: { value: INFO }',
  '    queue.depth: { type: int }',
  '  exceptions:',
  '    - { environment: prod, key: log.level, value: DEBUG, reason: INC-7, expires: 2026-12-31 }',
  '',
].join('\n');

const estate = (): string =>
  scratch({
    'drift.yaml': ESTATE,
    'staging.env': 'DB_TIMEOUT=45\nLOG_LEVEL=INFO\nQUEUE_DEPTH=10\n',
    'prod.env': 'DB_TIMEOUT=90\nLOG_LEVEL=DEBUG\nQUEUE_DEPTH=20\n',
  });

const asException = (env: string, key: string, ...term: string[]) => [
  'adopt',
  env,
  key,
  '--as',
  'exception',
  '--reason',
  'OPS-1',
  ...(term.length ? term : ['--expires', '2026-12-31']),
];

const estateFile = (dir: string): string => readFileSync(path.join(dir, 'drift.yaml'), 'utf8');

describe('drift adopt --as exception where there is nothing to excuse', () => {
  it('refuses a key the environment runs as the baseline expects (exit 2), and leaves drift.yaml as it was', async () => {
    const dir = estate();
    const r = await drift(asException('staging', 'DB_TIMEOUT'), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('adopt: db.timeout: no finding on it in staging for an exception to excuse, so it would excuse nothing');
    expect(estateFile(dir)).toBe(ESTATE);
  });

  it('refuses drift a live exception already excuses for as long, naming that exception', async () => {
    const dir = estate();
    const r = await drift(asException('prod', 'log.level'), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('adopt: log.level: already excused in prod by the exception "INC-7" until 2026-12-31');
    expect(estateFile(dir)).toBe(ESTATE);
  });

  it('writes a renewal: the drift an exception excuses until a day before the new one ends', async () => {
    const dir = estate();
    const r = await drift(asException('prod', 'log.level', '--permanent'), { cwd: dir });
    expect(r.code).toBe(0);
    expect(estateFile(dir)).toContain('{ environment: prod, key: log.level, value: DEBUG, reason: OPS-1, permanent: true }');
  });

  it('writes one for a mismatch', async () => {
    const dir = estate();
    const r = await drift(asException('prod', 'db.timeout'), { cwd: dir });
    expect(r.code).toBe(0);
    expect(estateFile(dir)).toContain('{ environment: prod, key: db.timeout, value: 90, reason: OPS-1, expires: 2026-12-31 }');
  });

  it('writes one for a parity difference, which only an audit of the whole group shows', async () => {
    const dir = estate();
    const r = await drift(asException('prod', 'queue.depth'), { cwd: dir });
    expect(r.code).toBe(0);
    const audit = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const doc = JSON.parse(audit.stdout) as { findings: Array<{ key?: string }>; suppressed: Array<{ kind: string; key?: string }> };
    expect(doc.findings.filter((f) => f.key === 'queue.depth')).toEqual([]);
    expect(doc.suppressed.filter((f) => f.key === 'queue.depth').map((f) => f.kind)).toEqual(['parity']);
  });
});
