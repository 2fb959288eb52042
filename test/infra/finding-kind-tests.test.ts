import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KIND_NAMES } from '../../lambdas/core/kinds';

const REPO = path.resolve(__dirname, '../..');
// The table itself, and the checks that create their kind (`kind: 'mismatch'` is not a test).
const ALLOWED = [/^lambdas\/core\/kinds\.ts$/, /^lambdas\/core\/checks\//];

const name = KIND_NAMES.map((k) => k.replace(/[-]/g, '\\-')).join('|');
const quoted = `(['"\`])(?:${name})\\1`;
const quotedOnly = `['"\`](?:${name})['"\`]`;
const PATTERNS: Array<[string, RegExp]> = [
  ['kind compared to a kind name', new RegExp(`\\bkind\\s*[!=]==?\\s*${quoted}`)],
  ['kind name compared to a kind', new RegExp(`${quoted}\\s*[!=]==?\\s*[\\w.?!]*\\bkind\\b`)],
  ['a case per kind', new RegExp(`\\bcase\\s+${quoted}\\s*:`)],
  ['a list or Set of kind names', new RegExp(`\\[\\s*${quotedOnly}(?:\\s*,\\s*${quotedOnly})*\\s*,?\\s*\\]`)],
  ['a kind name looked up in a list', new RegExp(`\\.(?:includes|has)\\(\\s*${quoted}\\s*\\)`)],
];

/** Every finding-kind string test in `text`, as `line: what`. */
function kindTests(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

describe("a finding kind's behaviour is read from its entry in FINDING_KINDS, never tested by name", () => {
  test.each([
    ["f.kind !== 'source-error'"],
    ["if (event.finding.kind === 'changed') return false;"],
    ["'rule' === f.kind"],
    ["    case 'parity':"],
    ["const NEVER_EXCUSED = new Set(['exception-expired', 'changed']);"],
    ["const gated = ['mismatch'];"],
    ["if (SKIPPED.has('dangling-ref')) return;"],
  ])('the scan sees %s', (line) => {
    expect(kindTests(line)).toHaveLength(1);
  });

  test.each([
    ["kind: 'mismatch',"],
    ["if (e.kind === 'secret') return;"],
    ["positionAt(yaml, ['parity', i, 'name'])"],
    ['if (!kindOf(f.kind).gates) return;'],
    ['if (ex.kinds && !ex.kinds.includes(f.kind)) return false;'],
  ])('the scan passes %s', (line) => {
    expect(kindTests(line)).toEqual([]);
  });

  test('no file under lambdas/ outside the table and the checks tests a finding kind by name', () => {
    const files = sourceFiles('lambdas').filter((f) => !ALLOWED.some((re) => re.test(f)));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => kindTests(readFileSync(path.join(REPO, f), 'utf8')).map((hit) => `${f}:${hit}`));
    expect(found).toEqual([]);
  });
});
