import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// The morning after the story's cleanup (the incident values put back in every region): the resolved
// findings are read as the open ones are, environment by environment as drift.yaml lists them, in an
// order that does not move from one run to the next.

const ENVS = ['staging', 'production-us', 'production-eu'];
const KEYS = ['api.timeout', 'db.timeout', 'payment.timeout'];

const files = (value: string): Record<string, string> => ({
  'drift.yaml': `version: 1
name: shop
environments:
${ENVS.map((e) => `  ${e}: { sources: [ { dotenv: { from: ${e}.env } } ] }`).join('\n')}
baseline:
  keys:
${KEYS.map((k) => `    ${k}: { type: duration, value: 30s }`).join('\n')}
  rules:
    - { name: bounded, assert: "api.timeout <= 60s", severity: high }
`,
  ...Object.fromEntries(ENVS.map((e) => [`${e}.env`, KEYS.map((k) => `${k.toUpperCase().replace('.', '_')}=${value}\n`).join('')])),
});

describe('the resolved findings of a run', () => {
  it('are listed by severity, then environment as drift.yaml lists them, then kind and key', async () => {
    const dir = scratch(files('90s'));
    const first = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    expect((JSON.parse(first.stdout) as { findings: unknown[] }).findings).toHaveLength(12);
    for (const [name, text] of Object.entries(files('30s'))) writeFileSync(path.join(dir, name), text);
    const second = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const resolved = (JSON.parse(second.stdout) as { resolved: Array<{ kind: string; environment: string; key?: string }> }).resolved;
    const expected = [...ENVS.map((e) => `${e} rule -`), ...ENVS.flatMap((e) => KEYS.map((k) => `${e} mismatch ${k}`))];
    expect(resolved.map((r) => `${r.environment} ${r.kind} ${r.key ?? '-'}`)).toEqual(expected);
  });
});
