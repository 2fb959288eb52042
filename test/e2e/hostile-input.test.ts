import { drift, scratch } from '../helpers/cli';

const estate = (sources: string, baseline = 'baseline:\n  undeclared: info\n') => `version: 1
name: hostile
environments:
  a:
    sources:
${sources}
  b:
    sources:
      - file: { from: b.yml }
parity:
  - { name: ab, environments: [a, b] }
${baseline}`;

const ESC = '\u001b';

describe('hostile input', () => {
  test('control characters in keys and values never reach the terminal raw, colour on or off', async () => {
    const dir = scratch({
      'drift.yaml': estate('      - dotenv: { from: a.env }\n      - file: { from: a.json }'),
      'a.env': `BANNER="${ESC}[2J${ESC}]0;pwned\u0007"\nBIDI=abc\u202edcba\n`,
      'a.json': JSON.stringify({ [`evil${ESC}[31mkey`]: `x\r\nINJECTED` }),
      'b.yml': 'banner: plain\n',
    });
    for (const tty of [false, true]) {
      const r = await drift(['audit'], { cwd: dir, tty, env: { NO_COLOR: '' } });
      const withoutOurColours = r.stdout.replace(/\u001b\[\d+m/g, '');
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      expect(r.stdout).toContain('\\u001b[2J');
      expect(r.stdout).toContain('x\\r\\nINJECTED');
    }
    const json = await drift(['audit', '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toContain(ESC);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  test('invisible characters (zero-width, BiDi marks, tag characters) in keys and values are shown escaped, not raw', async () => {
    // Each renders as nothing, or reorders what follows: `db\u200bhost` would pass for `db.host`.
    const INVISIBLE = ['\u200b', '\u200d', '\u200f', '\u061c', '\u2060', '\ufeff', '\u{e0041}'];
    const hidden = INVISIBLE.join('');
    const dir = scratch({
      'drift.yaml': estate('      - file: { from: a.json }'),
      'a.json': JSON.stringify({ [`shown${hidden}key`]: `v${hidden}alue`, banner: `prod${hidden}` }),
      'b.yml': 'banner: plain\n',
      'src/app.js': `const a = process.env["API${hidden}URL"] || "def${hidden}ault";\n`,
    });
    const outputs = [
      await drift(['audit', '--no-store'], { cwd: dir }),
      await drift(['diff', 'a', 'b', '--no-store'], { cwd: dir }),
      await drift(['explain', 'a', 'banner', '--no-store'], { cwd: dir }),
      await drift(['code', 'scan', 'src'], { cwd: dir }),
    ];
    for (const r of outputs) {
      expect(r.stdout).not.toBe('');
      for (const c of INVISIBLE) expect(r.stdout).not.toContain(c);
    }
    expect(outputs[0]!.stdout).toContain('v\\u200b\\u200d\\u200f\\u061c\\u2060\\ufeff\\u{e0041}alue');
    expect(outputs[2]!.stdout).toContain('prod\\u200b');
    expect(outputs[3]!.stdout).toContain('API\\u200b');
  });

  test('a huge value is compared by hash and shown cut short', async () => {
    const big = 'A'.repeat(2_000_000);
    const dir = scratch({
      'drift.yaml': estate('      - file: { from: a.yml }'),
      'a.yml': `blob: ${big}\n`,
      'b.yml': `blob: ${big}B\n`,
    });
    const r = await drift(['audit', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; key?: string; values?: Record<string, string> }> };
    const parity = doc.findings.find((f) => f.kind === 'parity' && f.key === 'blob')!;
    expect(parity.values!.a).toMatch(/^A{48}… \(2000000 chars, sha256:[0-9a-f]{12}\)$/);
    expect(r.stdout.length).toBeLessThan(20_000);
    const same = scratch({ 'drift.yaml': estate('      - file: { from: a.yml }'), 'a.yml': `blob: ${big}\n`, 'b.yml': `blob: ${big}\n` });
    const again = JSON.parse((await drift(['audit', '--format', 'json'], { cwd: same })).stdout) as { findings: Array<{ kind: string }> };
    expect(again.findings.filter((f) => f.kind === 'parity')).toEqual([]);
  });

  test.each([
    [
      'a YAML alias bomb',
      'a.yml',
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n',
    ],
    ['absurd nesting', 'a.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['a binary file', 'a.yml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1')],
  ])('%s gives a source-error and the run goes on', async (_name, file, body) => {
    const dir = scratch({ 'drift.yaml': estate(`      - file: { from: ${file} }`), [file]: body, 'b.yml': 'x: 1\n' });
    const r = await drift(['audit', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; environment?: string; key?: string }> };
    expect(doc.findings.filter((f) => f.kind === 'source-error').map((f) => f.environment)).toEqual(['a']);
    expect(doc.findings.some((f) => f.kind === 'undeclared' && f.environment === 'b' && f.key === 'x')).toBe(true);
    expect(doc.findings.some((f) => f.kind === 'parity')).toBe(false);
    expect(r.code).toBe(3);
  });
});
