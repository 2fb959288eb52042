import { admission } from '../../../lambdas/core/adopt/admission';
import { adoptableValue } from '../../../lambdas/core/adopt/adoptable-value';
import { changedAtRuntime } from '../../../lambdas/core/adopt/all-changed';
import { adoptBranch } from '../../../lambdas/core/adopt/commit-message';
import type { Adoption } from '../../../lambdas/core/adopt/plan-adopt';
import { unifiedDiff } from '../../../lambdas/core/adopt/unified-diff';
import type { KeySpec } from '../../../lambdas/core/estate/model';
import type { ChangeRecord } from '../../../lambdas/core/lifecycle/model';
import { fromSecretMarker } from '../../../lambdas/core/values/secret-marker';

const spec = (part: Partial<KeySpec>): KeySpec => ({ key: 'k', perEnvironment: false, secret: false, ...part });

describe('admission of an adopted value by its key', () => {
  it.each([
    ['inside the bounds', '20s', spec({ type: 'duration', max: '30s' }), { ok: true }],
    [
      'above max: widened',
      '60s',
      spec({ type: 'duration', max: '30s' }),
      { ok: true, widen: { max: '60s' }, broken: 'above the maximum 30s' },
    ],
    ['below min: widened', '1', spec({ type: 'int', min: '5' }), { ok: true, widen: { min: '1' }, broken: 'below the minimum 5' }],
    [
      'outside enum: widened',
      'TRACE',
      spec({ enum: ['INFO', 'DEBUG'] }),
      { ok: true, widen: { enum: 'TRACE' }, broken: 'not one of INFO, DEBUG' },
    ],
  ])('%s', (_name, text, s, expected) => {
    expect(admission(text, s.type, s)).toEqual(expected);
  });

  it('never admits a value of another type, nor one its pattern rejects', () => {
    expect(admission('ten', 'int', spec({ type: 'int' }))).toMatchObject({ ok: false });
    expect(admission('EU', undefined, spec({ pattern: '^[a-z]+$' }))).toMatchObject({ ok: false });
  });
});

describe('adoptableValue', () => {
  it('writes a secret as the fingerprint marker that reads back as the same secret', () => {
    const secret = { kind: 'secret' as const, fingerprint: 'ab'.repeat(32), keyId: '0123456789ab' };
    const written = adoptableValue(secret);
    expect(written).toEqual({ ok: true, text: `drift-fingerprint:v1:0123456789ab:${'ab'.repeat(32)}`, secret: true });
    expect(written.ok && fromSecretMarker(written.text)).toEqual(secret);
  });

  it('refuses what it cannot write faithfully', () => {
    expect(adoptableValue({ kind: 'opaque', reason: 'not decrypted' })).toMatchObject({ ok: false });
  });

  it('writes a URL whose password is hidden without that password', () => {
    expect(adoptableValue({ kind: 'masked', text: `https://u:<secret:${'ab'.repeat(32)}>@h/p`, keyId: 'x' })).toEqual({
      ok: true,
      text: 'https://u@h/p',
      secret: false,
    });
  });
});

describe('changedAtRuntime', () => {
  const change = (after: string | null): ChangeRecord => ({
    environment: 'prod',
    key: 'k',
    at: '2026-11-24T02:00:00Z',
    runId: 'r',
    before: '1',
    after,
    source: { type: 'ssm', location: '/p/k' },
  });
  it('is true when the last recorded change set a value', () => {
    expect(changedAtRuntime([])).toBe(false);
    expect(changedAtRuntime([change('2')])).toBe(true);
    expect(changedAtRuntime([change('2'), change(null)])).toBe(false);
  });
});

describe('adoptBranch', () => {
  const a = (key: string): Adoption => ({
    environment: 'prod us',
    key,
    text: '1',
    secret: false,
    shown: '1',
    declared: true,
    environmentValue: false,
  });
  it('names the environment, the first key and the date, safe for git', () => {
    expect(adoptBranch([a('db.timeout')], '2026-11-24')).toBe('drift/adopt-prod-us-db.timeout-2026-11-24');
    expect(adoptBranch([a('a..b'), a('c'), a('d')], '2026-11-24')).toBe('drift/adopt-prod-us-a.b-and-2-more-2026-11-24');
  });
});

describe('unifiedDiff', () => {
  it('is empty for the same text', () => {
    expect(unifiedDiff('f', 'a\n', 'a\n')).toBe('');
  });

  it('prints separate hunks with three lines of context, removals first', () => {
    const before = `${Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n')}\n`;
    const after = before.replace('l2\n', 'L2\n').replace('l15\n', 'l15\nnew\n');
    expect(unifiedDiff('f.yaml', before, after)).toBe(
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -1,6 +1,6 @@',
        ' l0',
        ' l1',
        '-l2',
        '+L2',
        ' l3',
        ' l4',
        ' l5',
        '@@ -14,6 +14,7 @@',
        ' l13',
        ' l14',
        ' l15',
        '+new',
        ' l16',
        ' l17',
        ' l18',
        '',
      ].join('\n'),
    );
  });
  // `drift adopt --dry-run | git apply` must take it: a file's final newline ends its last line, it starts no other.
  it('at the end of a file: no line after the last one, and hunk counts that patch and git apply accept', () => {
    const before = 'a\nb\nc\nd\n';
    expect(unifiedDiff('f.yaml', before, 'a\nb\nc\nD\n')).toBe(
      ['--- a/f.yaml', '+++ b/f.yaml', '@@ -1,4 +1,4 @@', ' a', ' b', ' c', '-d', '+D', ''].join('\n'),
    );
    expect(unifiedDiff('f.yaml', before, `${before}e\n`)).toBe(
      ['--- a/f.yaml', '+++ b/f.yaml', '@@ -2,3 +2,4 @@', ' b', ' c', ' d', '+e', ''].join('\n'),
    );
  });

  it('an empty file gets its lines from line 0, as diff -u counts them', () => {
    expect(unifiedDiff('f.yaml', '', 'a\n')).toBe(['--- a/f.yaml', '+++ b/f.yaml', '@@ -0,0 +1,1 @@', '+a', ''].join('\n'));
  });

  it('a file without a final newline says so, as diff -u does', () => {
    expect(unifiedDiff('f.yaml', 'a\nb', 'a\nB')).toBe(
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -1,2 +1,2 @@',
        ' a',
        '-b',
        '\\ No newline at end of file',
        '+B',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('f.yaml', 'a\nb', 'A\nb')).toBe(
      ['--- a/f.yaml', '+++ b/f.yaml', '@@ -1,2 +1,2 @@', '-a', '+A', ' b', '\\ No newline at end of file', ''].join('\n'),
    );
    expect(unifiedDiff('f.yaml', 'a\nb', 'a\nb\n')).toBe(
      ['--- a/f.yaml', '+++ b/f.yaml', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'),
    );
  });
});
