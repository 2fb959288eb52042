import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// An unquoted `0.50` in the estate is a number (0.5 meets it), a quoted `"1.10"` is text (a version,
// which 1.1 does not meet): adopt must write a value so that the key keeps the type it had.
const ESTATE = `version: 1
name: shop
environments:
  env-file:
    sources: [ { dotenv: { from: prod.env } } ]
  config-file:
    sources: [ { file: { from: prod.yml } } ]
baseline:
  keys:
    ratio: { values: { env-file: 0.50, config-file: 0.50 } }
    share: { value: 0.50 }
    release: { value: "3.10" }
`;

type Finding = { kind: string; key: string; environment: string };

async function findings(cwd: string): Promise<string[]> {
  const out = await drift(['audit', '--no-store', '--format', 'json'], { cwd });
  return (JSON.parse(out.stdout) as { findings: Finding[] }).findings.map((f) => `${f.kind} ${f.environment} ${f.key}`);
}

describe('drift adopt keeps the type an expected number is written in', () => {
  it('a fraction adopted into a key written as numbers is written unquoted: the key still compares as a number', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'prod.env': 'RATIO=0.70\nSHARE=0.70\nRELEASE=3.10\n',
      'prod.yml': 'ratio: 0.5\nshare: 0.7\nrelease: "3.10"\n',
    });
    expect(await findings(dir)).toEqual(['mismatch env-file ratio', 'mismatch env-file share', 'mismatch config-file share']);
    expect((await drift(['adopt', 'env-file', 'RATIO', '--no-store'], { cwd: dir })).code).toBe(0);
    expect((await drift(['adopt', 'env-file', 'SHARE', '--everywhere', '--no-store'], { cwd: dir })).code).toBe(0);
    const estate = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    expect(estate).toContain('ratio: { values: { env-file: 0.70, config-file: 0.50 } }');
    expect(estate).toContain('share: { value: 0.70 }');
    expect(await findings(dir)).toEqual([]);
  });

  it('a fraction adopted into a text key is written quoted: 3.2 does not become a number 3.20 meets', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': 'RELEASE=3.2\n', 'prod.yml': 'release: "3.20"\n' });
    expect((await drift(['adopt', 'env-file', 'RELEASE', '--everywhere', '--no-store'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toContain('release: { value: "3.2" }');
    expect((await findings(dir)).filter((f) => f.includes('release'))).toEqual(['mismatch config-file release']);
  });
});
