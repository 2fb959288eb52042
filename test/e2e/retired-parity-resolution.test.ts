import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// The story's flag that outlived its feature: production still sets ENABLE_NEW_CHECKOUT, staging
// (from the new templates) does not. Parity reports the difference; once the baseline retires the
// key, the parity finding goes, but nothing was fixed: both environments run what they ran.

const estate = (retired?: string): string => `version: 1
name: shop
environments:
  staging:
    sources: [ { dotenv: { from: staging.env } } ]
  production:
    sources: [ { dotenv: { from: production.env } } ]
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline:
  undeclared: info
  keys:
    log.level: { value: INFO }
${retired ? `    enable.new.checkout: { retired: ${retired} }\n` : ''}`;

const FILES = {
  'drift.yaml': estate(),
  'staging.env': 'LOG_LEVEL=INFO\n',
  'production.env': 'LOG_LEVEL=INFO\nENABLE_NEW_CHECKOUT=true\n',
};

interface Resolved {
  kind: string;
  key?: string;
  group?: string;
  reason: string;
}

async function resolvedAfterRetiring(retired: string): Promise<Resolved[]> {
  const dir = scratch(FILES);
  const first = await drift(['audit', '--format', 'json'], { cwd: dir });
  const opened = JSON.parse(first.stdout) as { findings: Array<{ kind: string; key?: string }> };
  expect(opened.findings.filter((f) => f.kind === 'parity').map((f) => f.key)).toEqual(['enable.new.checkout']);
  writeFileSync(path.join(dir, 'drift.yaml'), estate(retired));
  const second = await drift(['audit', '--format', 'json'], { cwd: dir });
  return (JSON.parse(second.stdout) as { resolved: Resolved[] }).resolved;
}

describe('a parity finding ended by retiring its key is not reported as a fixed value', () => {
  it('past the retirement date: now reported as retired, where production still sets it', async () => {
    const resolved = await resolvedAfterRetiring('2026-05-01');
    const parity = resolved.find((r) => r.kind === 'parity');
    expect(parity).toMatchObject({ group: 'staging-vs-production', key: 'enable.new.checkout', reason: 'now reported as retired' });
  });

  it('before the date: set aside because the key is retired, not fixed', async () => {
    const resolved = await resolvedAfterRetiring('2027-01-31');
    const parity = resolved.find((r) => r.kind === 'parity');
    expect(parity).toMatchObject({ group: 'staging-vs-production', key: 'enable.new.checkout', reason: 'key retired' });
  });
});
