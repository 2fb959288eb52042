import { drift, scratch } from '../helpers/cli';

// A settings file that turns a feature on where its variable is set: the feature's other variables are read only there.
const SETTINGS = `import os
import sentry_sdk

if "SENTRY_DSN" in os.environ:
    sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], environment=os.environ["SENTRY_ENVIRONMENT"])
`;

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
}

describe('a read in a branch taken only with another variable set', () => {
  test('is unset only where that variable is set: a crash there, nothing where the feature is off', async () => {
    const dir = scratch({
      'src/settings.py': SETTINGS,
      'dev.env': 'LOG_LEVEL=debug\n',
      'production.env': 'SENTRY_DSN=https://key@sentry.example.com/1\n',
      'drift.yaml': `version: 1
name: guarded
code:
  path: src/
environments:
  dev: { sources: [ { dotenv: { from: dev.env } } ] }
  production: { sources: [ { dotenv: { from: production.env } } ] }
baseline:
  undeclared: ignore
`,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    const unset = (JSON.parse(run.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.kind === 'unset')
      .map((f) => `${f.environment} ${f.key} ${f.severity}`);
    // dev: SENTRY_DSN is read with `in`, a truth (medium); SENTRY_ENVIRONMENT is never read there.
    expect(unset.sort()).toEqual(['dev sentry.dsn medium', 'production sentry.environment high']);
  });
});
