import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Whoever writes a source names its keys; drift adopt writes those names into drift.yaml as mapping
// keys. Each must be read back as the one key it is: not a merge (`<<`), a comment, an anchor, an
// alias, a tag, a sequence item or a second key, and the rest of the file untouched.
const HOSTILE = ['<<', 'a: b', '#x', '&a', '*a', '!!str', '- x', '? x', 'k\nnew: 1', '{a}', '%p', '@q'];

const ESTATE = `version: 1
name: adopt
# the estate's own comment
environments:
  a:
    sources:
      - file: { from: a.json }
baseline:
  undeclared: low
  keys:
    other: { value: mine }  # signed off
`;

type Doc = { findings: Array<{ kind: string; key?: string }> };

describe('drift adopt of undeclared keys the sources name', () => {
  it.each(HOSTILE.map((k) => [JSON.stringify(k), k]))('%s is written as that one key', async (_shown, key) => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'a.json': JSON.stringify({ [key]: 'v1', other: 'mine' }) });
    const before = JSON.parse((await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir })).stdout) as Doc;
    const spelt = before.findings.find((f) => f.kind === 'undeclared')?.key as string;
    expect(spelt).toBeDefined();

    const adopted = await drift(['adopt', 'a', spelt], { cwd: dir });
    expect(adopted.code).toBe(0);
    const written = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    expect(written.startsWith(ESTATE.trimEnd())).toBe(true);

    expect((await drift(['validate'], { cwd: dir })).code).toBe(0);
    const after = JSON.parse((await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir })).stdout) as Doc;
    expect(after.findings).toEqual([]);
  });
});
