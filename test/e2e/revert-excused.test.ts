import { drift, scratch } from '../helpers/cli';

const estate = (exception: string) => `version: 1
name: shop
environments:
  prod:
    sources:
      - dotenv: { from: prod.env }
baseline:
  keys:
    log.level: { value: INFO }
    page.size: { value: "20" }
  exceptions:
    - { environment: prod, key: log.level, value: DEBUG, reason: "INC-2231 payment debugging", ticket: OPS-88, ${exception} }
`;

const commandsOf = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('drift revert of a key whose drift a live exception excuses', () => {
  const dir = () => scratch({ 'drift.yaml': estate('expires: 2099-12-31'), 'prod.env': 'LOG_LEVEL=DEBUG\nPAGE_SIZE=50\n' });

  test('plans nothing for it unasked, and says which exception excuses it until when', async () => {
    const run = await drift(['revert', 'prod', 'log.level', 'page.size'], { cwd: dir() });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(
      '# log.level: excused by an exception, not reverted\n' +
        '#   its drift in prod is known and excused until 2099-12-31 by the exception "INC-2231 payment debugging" (OPS-88): nothing planned.',
    );
    expect(run.stdout).toContain('--despite-exception');
    // The other key is planned as before.
    expect(run.stdout).toContain('# edit prod.env line 2: PAGE_SIZE=20');
    expect(run.stdout).not.toContain('LOG_LEVEL=INFO');
  });

  test('--despite-exception plans it, the exception named first', async () => {
    const run = await drift(['revert', 'prod', 'LOG_LEVEL', '--despite-exception'], { cwd: dir() });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('# edit prod.env line 1: LOG_LEVEL=INFO'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(0, at).join('\n')).toContain(
      '# this ends drift excused until 2099-12-31 by the exception "INC-2231 payment debugging" (OPS-88): remove the exception from the baseline',
    );
    expect(commandsOf(run.stdout)).toEqual([]);
  });

  test('a permanent exception is said to be one; the JSON carries the exception', async () => {
    const d = scratch({ 'drift.yaml': estate('permanent: true'), 'prod.env': 'LOG_LEVEL=DEBUG\n' });
    const run = await drift(['revert', 'prod', 'log.level', '--format', 'json'], { cwd: d });
    const doc = JSON.parse(run.stdout) as { reverts: Array<{ outcome: string; reason: string; exception: { ticket: string } }> };
    expect(doc.reverts[0]).toMatchObject({ outcome: 'excused', exception: { ticket: 'OPS-88' } });
    expect(doc.reverts[0]?.reason).toContain('excused permanently by the exception');
  });

  test('an exception for another value does not stop the revert', async () => {
    const d = scratch({ 'drift.yaml': estate('expires: 2099-12-31'), 'prod.env': 'LOG_LEVEL=WARN\n' });
    const run = await drift(['revert', 'prod', 'log.level'], { cwd: d });
    expect(run.stdout).toContain('# edit prod.env line 1: LOG_LEVEL=INFO');
    expect(run.stdout).not.toContain('exception');
  });
});
