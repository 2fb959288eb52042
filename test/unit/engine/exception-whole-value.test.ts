import { audit } from '../../../lambdas/core/engine/audit';
import type { Value } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// An exception's `value:` names the value the environment runs, not the way drift shows it: a value
// longer than a shown one (200 characters) or holding control characters is shown cut or escaped.
const LONG = `jdbc:postgresql://db.internal:5432/orders?${Array.from({ length: 40 }, (_, i) => `opt${i}=on`).join('&')}`;
const LONG_OTHER = `${LONG.slice(0, -2)}no`;
const MULTILINE = 'line one\nline "two"\ttabbed';

const excusing = (value: string) =>
  estateFrom(
    estateYaml(
      ['prod', 'prod-eu'],
      `baseline:\n  undeclared: ignore\n  keys:\n    app.settings: { value: plain }\n  exceptions:\n` +
        `    - { environment: prod, key: app.settings, value: ${JSON.stringify(value)}, reason: INC-7 hotfix, expires: 2026-12-31 }\n`,
    ),
  );

const mismatches = (r: ReturnType<typeof audit>) => r.findings.filter((f) => f.kind === 'mismatch').map((f) => `${f.environment} ${f.key}`);

describe("an exception's value", () => {
  beforeAll(() => {
    expect(LONG.length).toBeGreaterThan(200);
    expect(LONG.length).toBeLessThanOrEqual(4096);
  });

  it('excuses a running value of more than 200 characters that is that value', () => {
    const r = audit(
      excusing(LONG),
      [snapshot('prod', { values: { 'app.settings': LONG } }), snapshot('prod-eu', { values: { 'app.settings': 'plain' } })],
      NOW,
    );
    expect(mismatches(r)).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.environment} ${f.key}`)).toEqual(['mismatch prod app.settings']);
  });

  it('does not excuse another long value that only shares the part drift shows', () => {
    const r = audit(excusing(LONG), [snapshot('prod', { values: { 'app.settings': LONG_OTHER } })], NOW);
    expect(mismatches(r)).toEqual(['prod app.settings']);
    expect(r.suppressed).toEqual([]);
  });

  it('is not met by the cut text drift shows for a long value', () => {
    const shown = r0ShownActual(LONG);
    expect(shown).not.toBe(LONG);
    const r = audit(excusing(shown), [snapshot('prod', { values: { 'app.settings': LONG } })], NOW);
    expect(mismatches(r)).toEqual(['prod app.settings']);
  });

  it('excuses a running value with newlines, tabs and quotes', () => {
    const r = audit(excusing(MULTILINE), [snapshot('prod', { values: { 'app.settings': MULTILINE } })], NOW);
    expect(mismatches(r)).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.environment} ${f.key}`)).toEqual(['mismatch prod app.settings']);
  });

  it('is not met by the escaped text drift shows for a value with control characters', () => {
    const r = audit(excusing(r0ShownActual(MULTILINE)), [snapshot('prod', { values: { 'app.settings': MULTILINE } })], NOW);
    expect(mismatches(r)).toEqual(['prod app.settings']);
  });

  it('excuses a long value through its environment in a parity group', () => {
    const estate = estateFrom(
      estateYaml(
        ['us', 'eu'],
        `parity:\n  - { name: regions, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    app.settings: {}\n  exceptions:\n` +
          `    - { environment: eu, key: app.settings, value: ${JSON.stringify(LONG)}, reason: INC-7 hotfix, expires: 2026-12-31 }\n`,
      ),
    );
    const r = audit(
      estate,
      [snapshot('us', { values: { 'app.settings': 'plain' } }), snapshot('eu', { values: { 'app.settings': LONG } })],
      NOW,
    );
    expect(r.findings.filter((f) => f.kind === 'parity')).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.group} ${f.key}`)).toEqual(['parity regions app.settings']);
  });
});

/** The text a mismatch shows as the running value. */
function r0ShownActual(value: string): string {
  const r = audit(excusing('unrelated'), [snapshot('prod', { values: { 'app.settings': value } })], NOW);
  const f = r.findings.find((x) => x.kind === 'mismatch');
  if (f?.actual === undefined) throw new Error('no mismatch shown');
  return f.actual;
}

describe("an exception's value for a long URL with a password", () => {
  const url = (password: string, tail: string) =>
    `postgres://orders${password ? `:${password}` : ''}@db.internal:5432/orders?${'sslmode=require&'.repeat(14)}${tail}`;
  const estate = estateFrom(
    estateYaml(
      ['prod'],
      `baseline:\n  undeclared: ignore\n  keys:\n    db.url: { value: "postgres://db.internal/orders" }\n  exceptions:\n` +
        `    - { environment: prod, key: db.url, value: ${JSON.stringify(url('', 'app=a'))}, reason: INC-8, expires: 2026-12-31 }\n`,
    ),
  );

  it('excuses that URL, written without its password, as the mismatch check compares it', () => {
    expect(url('x', 'app=a').length).toBeGreaterThan(200);
    const r = audit(estate, [snapshot('prod', { values: { 'db.url': url('rotated-pw', 'app=a') } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch')).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.key}`)).toEqual(['mismatch db.url']);
  });

  it('does not excuse a URL that differs past the part drift shows', () => {
    const r = audit(estate, [snapshot('prod', { values: { 'db.url': url('s3cr3t-pw', 'app=b') } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch').map((f) => f.key)).toEqual(['db.url']);
  });
});

describe("an exception's value for a long unresolved reference", () => {
  const target = `/shared/orders/${'deep/'.repeat(45)}timeout`;
  const ref = (t: string): Value => ({ kind: 'ref', target: t });
  const estate = estateFrom(
    estateYaml(
      ['prod'],
      `baseline:\n  undeclared: ignore\n  keys:\n    app.settings: { value: "<ref:/shared/orders/timeout>" }\n  exceptions:\n` +
        `    - { environment: prod, key: app.settings, value: "<ref:${target}>", reason: INC-9, expires: 2026-12-31 }\n`,
    ),
  );

  it('excuses that reference, written whole', () => {
    expect(target.length).toBeGreaterThan(200);
    const r = audit(estate, [snapshot('prod', { type: 'ecs', values: { 'app.settings': ref(target) } })], NOW);
    expect(mismatches(r)).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.environment} ${f.key}`)).toEqual(['mismatch prod app.settings']);
  });

  it('does not excuse another reference that only shares the part drift shows', () => {
    const r = audit(estate, [snapshot('prod', { type: 'ecs', values: { 'app.settings': ref(`${target}_v2`) } })], NOW);
    expect(mismatches(r)).toEqual(['prod app.settings']);
  });
});
