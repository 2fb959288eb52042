import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const ESTATE = [
  'version: 1',
  'name: shop',
  'environments:',
  '  prod: { sources: [ { dotenv: { from: prod.env } } ] }',
  'baseline:',
  '  keys:',
  '    api.token: { secret: true }   # rotated by the PSP',
  '',
].join('\n');
const SECRET = 'tok-7f3a9c2e1b5d4f6a8c0e2b4d6f8a0c2e';

interface Finding {
  kind: string;
  key?: string;
  expected?: string;
  actual?: string;
}

const findingsOn = async (dir: string, key: string): Promise<Finding[]> => {
  const run = await drift(['audit', '-c', 'drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === key);
};

describe('drift adopt of a secret', () => {
  it('writes a fingerprint marker, never the value; the audit is silent until the secret changes', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': `API_TOKEN=${SECRET}\n` });
    const run = await drift(['adopt', 'prod', 'API_TOKEN'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
    const written = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    expect(written).not.toContain(SECRET);
    expect(written).toMatch(
      /^ {4}api\.token: \{ secret: true, values: \{ prod: "?drift-fingerprint:v1:[0-9a-f]{12}:[0-9a-f]{64}"? \} \} {3}# rotated by the PSP$/m,
    );
    expect((await drift(['validate', '-c', 'drift.yaml'], { cwd: dir })).code).toBe(0);
    expect(await findingsOn(dir, 'api.token')).toEqual([]);

    writeFileSync(path.join(dir, 'prod.env'), `API_TOKEN=${SECRET.replace('7f3a', '0000')}\n`);
    const [changed, ...rest] = await findingsOn(dir, 'api.token');
    expect(rest).toEqual([]);
    expect(changed).toMatchObject({ kind: 'mismatch', expected: expect.stringMatching(/^<secret:[0-9a-f]{8}>$/) });
    expect(changed?.actual).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(changed?.actual).not.toBe(changed?.expected);
  });

  it('a marker made under another fingerprint key is not judged (a rotation is not a change)', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': `API_TOKEN=${SECRET}\n` });
    expect((await drift(['adopt', 'prod', 'api.token'], { cwd: dir })).code).toBe(0);
    const rotated = { DRIFT_FINGERPRINT_KEY: Buffer.alloc(32, 7).toString('base64') };
    const run = await drift(['audit', '-c', 'drift.yaml', '--format', 'json', '--no-store'], { cwd: dir, env: rotated });
    expect((JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'api.token')).toEqual([]);
  });

  it('validate still refuses a secret written in plain text', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE.replace('{ secret: true }', `{ secret: true, value: ${SECRET} }`), 'prod.env': '' });
    const run = await drift(['validate', '-c', 'drift.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('api.token is a secret key');
  });
});
