import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import data from '../../../lambdas/core/values/secret-rules/gitleaks-rules.json';
import { GLOBAL_ALLOWLISTS, SECRET_RULES } from '../../../lambdas/core/values/secret-rules';

describe("gitleaks' rules, converted to JavaScript", () => {
  const gitleaks = SECRET_RULES.filter((r) => !r.id.startsWith('drift-'));

  it('keeps nearly all of them: only rules that match file paths are dropped', () => {
    expect(data.converted).toBe(gitleaks.length);
    expect(gitleaks.length + data.dropped.length).toBeGreaterThanOrEqual(200);
    expect(gitleaks.length / (gitleaks.length + data.dropped.length)).toBeGreaterThan(0.95);
    for (const d of data.dropped) expect(d.reason).toMatch(/file paths|no regex/);
    expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('compiles every pattern, with no Go-only syntax left', () => {
    for (const r of gitleaks) {
      expect(r.regex).toBeInstanceOf(RegExp);
      expect({ id: r.id, go: /\(\?[a-z-]*[:)]|\(\?P<|\[\[:|\\z/i.test(r.regex.source.replace(/\(\?[:=!<]/g, '')) }).toEqual({
        id: r.id,
        go: false,
      });
    }
  });

  it('turns a leading or a mid-pattern (?i) into the i flag of the whole pattern', () => {
    const byId = (id: string) => SECRET_RULES.find((r) => r.id === id);
    expect(byId('generic-api-key')?.regex.flags).toContain('i');
    // `\b(p8e-(?i)[a-z0-9]{32})…`: the flag moves to the whole pattern.
    expect(byId('adobe-client-secret')?.regex.flags).toContain('i');
    expect(byId('adobe-client-secret')?.regex.source).not.toContain('(?i)');
    expect(byId('aws-access-token')?.regex.flags).not.toContain('i');
  });

  it('keeps keywords (lower case) for the prefilter, and the global allowlist', () => {
    expect(gitleaks.filter((r) => r.keywords.length === 0)).toEqual([]);
    for (const r of gitleaks) for (const k of r.keywords) expect(k).toBe(k.toLowerCase());
    expect(GLOBAL_ALLOWLISTS.flatMap((a) => a.regexes).some((re) => re.test('${DATABASE_PASSWORD}'))).toBe(true);
  });

  it('tells rules that can draw on a name (`key = value`) from those that match a value alone', () => {
    const keyed = new Set(SECRET_RULES.filter((r) => r.keyed).map((r) => r.id));
    expect(keyed).toContain('generic-api-key');
    expect(keyed).toContain('facebook-access-token'); // its keyword is not part of what it matches
    expect(keyed).not.toContain('aws-access-token');
    expect(keyed).not.toContain('jwt');
  });
});

describe('scripts/convert-gitleaks.mjs', () => {
  /** What the script's toJs makes of Go patterns (an error message where it refuses one). */
  const toJs = (patterns: string[]): Array<{ source: string; flags: string } | string> => {
    const script = path.resolve(__dirname, '../../../scripts/convert-gitleaks.mjs');
    const code = `import { toJs } from ${JSON.stringify(script)};
      const out = JSON.parse(process.argv[1]).map((p) => { try { return toJs(p); } catch (e) { return e.message; } });
      process.stdout.write(JSON.stringify(out));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code, JSON.stringify(patterns)], { encoding: 'utf8' }));
  };

  it('rewrites what RE2 says and JavaScript does not, and refuses what it cannot say', () => {
    expect(
      toJs([
        '(?i)abc',
        '\\b(p8e-(?i)[a-z0-9]{32})',
        '(?-i:[Aa]pi|API)x',
        '[[:alnum:]]{4}',
        '(?P<alg>ab)',
        'end\\z',
        'a(?s:.){0,3}b',
        '(?U)a+',
      ]),
    ).toEqual([
      { source: 'abc', flags: 'i' },
      { source: '\\b(p8e-[a-z0-9]{32})', flags: 'i' },
      { source: '(?:[Aa]pi|API)x', flags: '' },
      { source: '[a-zA-Z0-9]{4}', flags: '' },
      { source: '(?<alg>ab)', flags: '' },
      { source: 'end$', flags: '' },
      { source: 'a[\\s\\S]{0,3}b', flags: '' },
      expect.stringContaining('no JavaScript equivalent'),
    ]);
  });
});
