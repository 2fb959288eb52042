import { drift, scratch } from '../helpers/cli';

// A dotenv line holding a name alone (LOG_LEVEL) is set from the shell Compose runs in: present, its value
// unreadable to drift. Where the baseline expects a value or constrains it, that is a value drift could not
// judge, which it says, as it does of a value too large to keep: never passed unseen.
describe('a declared key whose running value cannot be read', () => {
  const dir = () =>
    scratch({
      'drift.yaml': [
        'version: 1',
        'name: app',
        'environments:',
        '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
        'baseline:',
        '  keys:',
        '    log.level: { value: INFO, enum: [INFO, WARN] }',
        '    pool.size: { type: int, max: 50 }',
        '    pool.min: { type: int }',
        '    aws.profile: { required: true }',
      ].join('\n'),
      'staging.env': 'LOG_LEVEL\nPOOL_SIZE\nPOOL_MIN\nAWS_PROFILE\n',
    });

  test('is reported as not judged (info), naming what was not judged; a key with nothing to judge (required, a type alone) is not', async () => {
    const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir() });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; severity: string; key: string; message: string }> };
    expect(doc.findings.map((f) => `${f.severity} ${f.kind} ${f.key}`).sort()).toEqual([
      'info constraint log.level',
      'info constraint pool.size',
    ]);
    const level = doc.findings.find((f) => f.key === 'log.level')!;
    expect(level.message).toMatch(
      /^log\.level is <unreadable: [^>]+> in staging: not judged: the expected value INFO, one of INFO, WARN \(its value cannot be read\)$/,
    );
    expect(doc.findings.find((f) => f.key === 'pool.size')!.message).toMatch(/not judged: the maximum 50 \(its value cannot be read\)$/);
    expect(r.code).toBe(0);
  });
});
