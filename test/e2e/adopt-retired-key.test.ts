import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift } from '../helpers/cli';

// The story's flag that outlived its feature: ENABLE_NEW_CHECKOUT, retired on 2026-05-01, still set in
// production-us. `drift adopt production-us ENABLE_NEW_CHECKOUT` wrote `values: { production-us: true }`
// beside `retired:` and said "adopted", yet the retired check judges presence, not the value: the
// next audit still had the finding, and the baseline now expected a value for a key that must go.
describe('drift adopt of a key retired before today', () => {
  it('is refused, saying why and what settles it, and the estate file is unchanged', async () => {
    const dir = copyOfExamples();
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['adopt', 'production-us', 'ENABLE_NEW_CHECKOUT', '--no-store'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'adopt: enable.new.checkout: retired on 2026-05-01, so production-us setting it at all is the finding, and an expected value would not settle it: remove it from production-us, postpone the retirement in the baseline, or adopt it --as exception',
    );
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
  });

  it('is adopted as an exception, which excuses the retired finding', async () => {
    const dir = copyOfExamples();
    const run = await drift(
      [
        'adopt',
        'production-us',
        'ENABLE_NEW_CHECKOUT',
        '--as',
        'exception',
        '--reason',
        'CHK-9 cleanup',
        '--expires',
        '2026-12-31',
        '--no-store',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const audit = await drift(['audit', '-c', 'drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    const doc = JSON.parse(audit.stdout) as {
      findings: Array<{ kind: string; environment?: string; key?: string }>;
      suppressed: Array<{ kind: string; environment?: string; key?: string }>;
    };
    const retired = (f: { kind: string; environment?: string; key?: string }) =>
      f.kind === 'retired' && f.environment === 'production-us' && f.key === 'enable.new.checkout';
    expect(doc.findings.filter(retired)).toEqual([]);
    expect(doc.suppressed.filter(retired)).toHaveLength(1);
  });

  it('is adopted as a value while its retirement is still ahead', async () => {
    const dir = copyOfExamples();
    const run = await drift(['adopt', 'production-us', 'ENABLE_NEW_CHECKOUT', '--no-store'], {
      cwd: dir,
      now: new Date('2026-04-30T12:00:00Z'),
    });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toContain('{ retired: 2026-05-01, values: { production-us: true } }');
  });
});
