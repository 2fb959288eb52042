import { parse } from 'yaml';
import { insertBaseline } from '../../../lambdas/core/init/insert-baseline';
import { InitRefused } from '../../../lambdas/core/init/init-refused';
import { renderBaseline, renderParity } from '../../../lambdas/core/init/render-baseline';
import type { KeyProposal } from '../../../lambdas/core/init/infer-key';

const KEYS: KeyProposal[] = [
  { key: 'port', type: 'int', value: '8080', verdict: 'agrees', comment: 'same in every environment' },
  { key: 'log.level', type: 'string', value: 'yes', verdict: 'agrees', comment: 'same in every environment' },
  { key: 'banner', type: 'string', value: 'a: "b" # c', verdict: 'agrees', comment: 'same in every environment' },
  { key: 'db.timeout', type: 'duration', required: true, verdict: 'differs', comment: 'differs: a 10s, b 60s' },
];
const BLOCKS = {
  baseline: renderBaseline(KEYS, '2026-11-24'),
  parity: renderParity([{ name: 'production', environments: ['production-us', 'production-eu'], why: 'same build' }]),
};

const HEAD = `# estate, hand-written
version: 1
name:   checkout     # odd spacing kept

environments:
  staging:   { sources: [ { dotenv: { from: env/staging.env } } ] }   # flow, kept

`;
const TAIL = `notify:
  slack: { minSeverity: low }   # trailing comment
`;

describe('insertBaseline', () => {
  it('appends the baseline and parity after everything, keeping every byte before them', () => {
    const text = HEAD + TAIL;
    const out = insertBaseline(text, BLOCKS);
    expect(out.startsWith(text)).toBe(true);
    const data = parse(out);
    expect(data.baseline.keys).toEqual({
      port: { type: 'int', value: 8080 },
      'log.level': { type: 'string', value: 'yes' },
      banner: { type: 'string', value: 'a: "b" # c' },
      'db.timeout': { type: 'duration', required: true },
    });
    expect(data.parity).toEqual([{ name: 'production', environments: ['production-us', 'production-eu'] }]);
    expect(out.indexOf('parity:')).toBeLessThan(out.indexOf('baseline:'));
  });

  it('adds a line break to a file that does not end with one', () => {
    const out = insertBaseline('version: 1', { baseline: BLOCKS.baseline, parity: '' });
    expect(out.startsWith('version: 1\n\nbaseline:\n')).toBe(true);
  });

  it.each([
    ['baseline:', 'null'],
    ['baseline: {}   # to fill', 'an empty map'],
  ])('fills `%s` (%s) in place, between the text before and after', (line) => {
    const text = `${HEAD}${line}\n${TAIL}`;
    const out = insertBaseline(text, { baseline: BLOCKS.baseline, parity: '' });
    expect(out).toBe(`${HEAD}${BLOCKS.baseline}${TAIL}`);
  });

  it('adds keys to a block baseline that has only exceptions and rules, keeping them', () => {
    const baseline = `baseline:
    undeclared: info     # kept
    rules:
      - { name: r, assert: "port > 1" }
`;
    const out = insertBaseline(HEAD + baseline + TAIL, { baseline: BLOCKS.baseline, parity: '' });
    expect(out.startsWith(`${HEAD}baseline:\n    # Written by \`drift init\``)).toBe(true);
    expect(out).toContain('\n    keys:\n      port: ');
    expect(out.endsWith(`    undeclared: info     # kept\n    rules:\n      - { name: r, assert: "port > 1" }\n${TAIL}`)).toBe(true);
    expect(parse(out).baseline).toMatchObject({ undeclared: 'info', keys: { port: { type: 'int', value: 8080 } }, rules: [{ name: 'r' }] });
  });

  it('adds keys above the comments of the first entry of a block baseline, which stay with it', () => {
    const baseline = `baseline:\n  # team policy: undeclared keys are noise\n  # (PLAT-7)\n  undeclared: ignore\n`;
    const out = insertBaseline(HEAD + baseline + TAIL, { baseline: BLOCKS.baseline, parity: '' });
    expect(out.startsWith(`${HEAD}baseline:\n  # Written by \`drift init\``)).toBe(true);
    expect(out.endsWith(`  # team policy: undeclared keys are noise\n  # (PLAT-7)\n  undeclared: ignore\n${TAIL}`)).toBe(true);
    expect(parse(out).baseline).toMatchObject({ undeclared: 'ignore', keys: { port: { type: 'int', value: 8080 } } });
  });

  it('fills an empty `keys:` of a block baseline', () => {
    const out = insertBaseline(`${HEAD}baseline:\n  undeclared: info\n  keys: {}\n${TAIL}`, { baseline: BLOCKS.baseline, parity: '' });
    expect(parse(out).baseline.keys['db.timeout']).toEqual({ type: 'duration', required: true });
    expect(out.endsWith(TAIL)).toBe(true);
  });

  it('fills an empty parity list in place and leaves a declared one alone', () => {
    const out = insertBaseline(`${HEAD}parity: []\n${TAIL}`, BLOCKS);
    expect(parse(out).parity).toHaveLength(1);
    expect(out.match(/^parity:/gm)).toHaveLength(1);
  });

  it.each([
    ['baseline:\n  keys:\n    port: 8080\n', /already declares keys/],
    ['baseline: baseline.yaml\n', /in another file \(baseline\.yaml\)/],
    ['baseline: { undeclared: info }\n', /flow style/],
  ])('refuses %j', (baseline, message) => {
    expect(() => insertBaseline(HEAD + baseline, BLOCKS)).toThrow(InitRefused);
    expect(() => insertBaseline(HEAD + baseline, BLOCKS)).toThrow(message);
  });
});

describe('insertBaseline into a file saved with CRLF line ends', () => {
  const crlf = (t: string): string => t.replace(/\n/g, '\r\n');

  it.each([
    ['appended', HEAD + TAIL],
    ['filled in place', `${HEAD}baseline:\n  undeclared: info\n${TAIL}`],
  ])('writes CRLF in what it adds (%s), so the file keeps one kind of line end', (_, lf) => {
    const out = insertBaseline(crlf(lf), BLOCKS);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out.replace(/\r\n/g, '\n')).toBe(insertBaseline(lf, BLOCKS));
  });
});
