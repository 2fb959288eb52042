import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, EXAMPLES, scratch } from '../helpers/cli';
import { filesUnder } from '../helpers/written';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';

// An estate reading AWS AppConfig profiles from recordings: plain JSON settings and feature flags,
// with get-deployment output beside the production ones.

const CANARY = 'CANARY-s3cr3t-7f1e';
const RECORDED = path.join(EXAMPLES, 'more-sources/appconfig');

const ESTATE = `version: 1
name: checkout-api
environments:
  staging:
    region: eu-west-1
    sources:
      - appconfig: { application: k3x9q2m, environment: s2h8v5n, profile: c4f6j1r, from: appconfig/staging/settings.json }
      - appconfig: { application: k3x9q2m, environment: s2h8v5n, profile: f9b3t7e, from: appconfig/staging/flags.json }
  production:
    region: eu-west-1
    sources:
      - appconfig:
          application: k3x9q2m
          environment: p7d1w4s
          profile: c4f6j1r
          from: [appconfig/production/settings.json, appconfig/production/settings.deployment.json]
      - appconfig: { application: k3x9q2m, environment: p7d1w4s, profile: f9b3t7e, from: appconfig/production/flags.json }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline:
  undeclared: info
  keys:
    payment.timeout: { type: duration, value: 45s }
    payment.provider: { per-environment: true }
`;

/** A scratch estate with the recorded AppConfig example, `edit` applied to each recorded file's text. */
function estate(text = ESTATE, edit: (file: string, text: string) => string = (_f, t) => t): string {
  const files: Record<string, string> = { 'drift.yaml': text };
  for (const f of filesUnder(RECORDED).map((p) => path.relative(RECORDED, p)))
    files[`appconfig/${f}`] = edit(f, readFileSync(path.join(RECORDED, f), 'utf8'));
  return scratch(files);
}

type Finding = { kind: string; environment?: string; group?: string; key?: string; source?: Record<string, unknown>; values?: object };
const findings = (stdout: string): Finding[] => (JSON.parse(stdout) as { findings: Finding[] }).findings;

describe('an appconfig source', () => {
  it('is audited like any other: values at the profile and key path, dated by the deployment beside them', async () => {
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: estate() });
    expect(r.stderr).toBe('');
    const found = findings(r.stdout).filter((f) => f.kind !== 'undeclared');
    expect(found.map((f) => [f.kind, f.environment ?? f.group, f.key])).toEqual([
      ['mismatch', 'staging', 'payment.timeout'],
      ['parity', 'staging-vs-production', 'express.pay.providers'],
      ['parity', 'staging-vs-production', 'new.checkout.rollout.percent'],
    ]);
    expect(found[0]?.source).toEqual({ type: 'appconfig', location: 'k3x9q2m/s2h8v5n/c4f6j1r#payment.timeout' });
    expect(found[2]?.values).toEqual({ staging: '100', production: '25' });

    const explained = await drift(['explain', 'production', 'payment.timeout'], { cwd: estate() });
    expect(explained.stdout).toContain('k3x9q2m/p7d1w4s/c4f6j1r#payment.timeout');
    expect(explained.stdout).toContain('deployment 14 (triggered by USER)');
  });

  it('takes AppConfig IDs, not names: a name is an estate error before anything is read', async () => {
    const r = await drift(['validate'], {
      cwd: estate(ESTATE.replace('application: k3x9q2m, environment: s2h8v5n', 'application: checkout, environment: s2h8v5n')),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drift\.yaml:7:\d+: .*application ID/);
  });

  it('never shows a secret it read, in any output, nor in the error of a broken profile', async () => {
    const dir = estate(ESTATE, (file, text) =>
      file === 'production/settings.json' ? text.replace('"provider": "adyen"', `"provider": "adyen", "api_key": "${CANARY}"`) : text,
    );
    for (const format of REPORT_FORMATS) {
      const r = await drift(['audit', '--format', format, '--no-store'], { cwd: dir });
      expect(r.stdout + r.stderr).not.toContain(CANARY);
    }
    const broken = estate(ESTATE, (file, text) => (file === 'staging/settings.json' ? text.replace('"30s"', CANARY) : text));
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: broken });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    const error = findings(r.stdout).find((f) => f.kind === 'source-error') as { message?: string } | undefined;
    expect(error?.message).toContain('appconfig/staging/settings.json:3:16: invalid JSON');
  });

  it('is recorded by `drift snapshot --record` so that an audit of the recording finds the same', async () => {
    const dir = estate();
    const rec = await drift(['snapshot', '--record', 'recording'], { cwd: dir });
    expect(rec.stderr).toBe('');
    const before = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const after = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(after.stderr).toBe('');
    expect(findings(after.stdout)).toEqual(findings(before.stdout));
  });
});
