import { drift, scratch, type CliRun } from '../helpers/cli';

// A folder holding the night's `get-parameters-by-path` export and, beside it, `aws ssm get-parameter-history` of one
// parameter (or an older export): the file read last won, so an old version listed last was audited as the value.
const parameter = (name: string, value: string, version: number, by = 'alice') => ({
  Name: `/prod/api/${name}`,
  Type: 'String',
  Value: value,
  Version: version,
  LastModifiedDate: `2026-11-0${version}T00:00:00Z`,
  LastModifiedUser: `arn:aws:iam::111122223333:user/${by}`,
});

const ESTATE = `version: 1
name: versions
environments:
  prod:
    sources:
      - ssm: { path: /prod/api, from: exports/ }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    log.level: { value: INFO }
`;

type Finding = { kind: string; key?: string; actual?: string; source?: { version?: number } };
const findingsOf = (run: CliRun): Finding[] => (JSON.parse(run.stdout) as { findings: Finding[] }).findings;

describe('an SSM parameter recorded at several versions', () => {
  it('is audited at its highest Version, whichever file or line lists it last', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      // The current export: db_timeout at version 3 (10s), log_level at version 2 (DEBUG).
      'exports/a-by-path.json': JSON.stringify({
        Parameters: [parameter('db_timeout', '10s', 3, 'bob'), parameter('log_level', 'DEBUG', 2)],
      }),
      // History, newest first, read after the export: its older versions must not win.
      'exports/b-db_timeout-history.json': JSON.stringify({
        Parameters: [parameter('db_timeout', '10s', 3, 'bob'), parameter('db_timeout', '5s', 1), parameter('db_timeout', '60s', 2)],
      }),
      'exports/c-log_level-history.json': JSON.stringify({ Parameters: [parameter('log_level', 'INFO', 1)] }),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(findingsOf(run).map((f) => [f.kind, f.key, f.actual, f.source?.version])).toEqual([['mismatch', 'log.level', 'DEBUG', 2]]);
    const explained = await drift(['explain', 'prod', 'db.timeout', '--no-store'], { cwd: dir });
    expect(explained.stdout).toContain('→ wins  10s');
    expect(explained.stdout).toContain('v3');
    expect(explained.stdout).not.toContain('hidden by the later');
  });

  // One file of `aws ssm get-parameter-history`, newest first, as the whole source: its versions follow each other.
  it('is audited at its highest Version in one history file too', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE.replace('from: exports/', 'from: history.json'),
      'history.json': JSON.stringify({
        Parameters: [parameter('db_timeout', '10s', 3, 'bob'), parameter('db_timeout', '5s', 1), parameter('db_timeout', '60s', 2)],
      }),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(findingsOf(run).filter((f) => f.key === 'db.timeout')).toEqual([]);
  });
});
