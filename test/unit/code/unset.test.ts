import { audit } from '../../../lambdas/core/engine/audit';
import type { CodeAudit } from '../../../lambdas/core/code/code-reads';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';
import { codeOf, read, tree } from './code-fixtures';

const ENVS = ['dev', 'staging', 'prod'];
const PARITY = 'parity:\n  - name: upper\n    environments: [staging, prod]\n';

function run(code: CodeAudit, values: Record<string, Record<string, string>>, extra = ''): Finding[] {
  const estate = estateFrom(estateYaml(ENVS, `${extra}baseline:\n  undeclared: ignore\n`));
  const snaps = ENVS.map((env) => snapshot(env, { values: values[env] ?? {} }));
  return audit(estate, snaps, NOW, undefined, undefined, undefined, code).findings;
}
const unset = (findings: Finding[]): Array<[string | undefined, string, string]> =>
  findings.filter((f) => f.kind === 'unset').map((f) => [f.environment, f.key!, f.severity]);

describe('unset: the code reads a key the environment does not set', () => {
  const url = read('INVENTORY_SERVICE_URL', 'inventory.go', 42, '"http://localhost:8080"');
  const addr = read('CART_SERVICE_ADDR', 'main.go', 120);

  test.each([
    ['a read without default: high', [addr], 'high'],
    ['a read with a default: medium', [url], 'medium'],
    [
      'one read of several without default: high',
      [read('INVENTORY_SERVICE_URL', 'a.go', 3, 'x'), read('INVENTORY_SERVICE_URL', 'b.go', 9)],
      'high',
    ],
  ])('%s', (_name, reads, severity) => {
    const key = reads[0]!.key;
    const findings = run(codeOf(tree('src', reads)), { dev: { [key]: 'v' }, staging: { [key]: 'v' } });
    expect(unset(findings)).toEqual([['prod', key, severity]]);
  });

  test('the message names the first read, the others as +N more, and the fallback taken', () => {
    const code = codeOf(tree('src/', [url, read('INVENTORY_SERVICE_URL', 'z.go', 7, 'http://other')]));
    const [f] = run(code, { dev: { 'inventory.service.url': 'x' }, staging: { 'inventory.service.url': 'x' } }).filter(
      (x) => x.kind === 'unset',
    );
    expect(f!.message).toBe(
      'inventory.service.url is not set in prod but the code reads INVENTORY_SERVICE_URL at src/inventory.go:42 (os.Getenv) +1 more: falls back to "http://localhost:8080"',
    );
  });

  test('without default the message says the code gets nothing, and names the read that has none', () => {
    const code = codeOf(tree('.', [read('CART_SERVICE_ADDR', 'a.go', 1, 'x'), addr]));
    const msgs = run(code, {})
      .filter((f) => f.kind === 'unset' && f.environment === 'dev')
      .map((f) => f.message);
    expect(msgs).toEqual([
      'cart.service.addr is not set in dev but the code reads CART_SERVICE_ADDR at main.go:120 (os.Getenv) +1 more: no default: the code gets nothing',
    ]);
  });

  test("a parity peer that sets the key is named in the message; a fallback read stays medium, the spec's severity of a read with a default", () => {
    const findings = run(codeOf(tree('src', [url])), { staging: { 'inventory.service.url': 'x' } }, PARITY);
    expect(unset(findings)).toEqual(
      expect.arrayContaining([
        ['dev', 'inventory.service.url', 'medium'],
        ['prod', 'inventory.service.url', 'medium'],
      ]),
    );
    expect(unset(findings)).toHaveLength(2);
    expect(findings.find((f) => f.kind === 'unset' && f.environment === 'prod')!.message).toMatch(/; staging sets it$/);
  });

  test('one fact, one finding: parity steps aside when absence is the only difference, not when values differ too', () => {
    // Undeclared keys tracked (parity judges them); the `undeclared` findings are left out below.
    const estate = estateFrom(estateYaml(ENVS, 'parity:\n  - name: all\n    environments: [dev, staging, prod]\n'));
    const judged = (staging: string, code?: CodeAudit) =>
      audit(
        estate,
        ENVS.map((e) => snapshot(e, { values: e === 'prod' ? {} : { 'inventory.service.url': e === 'dev' ? 'x' : staging } })),
        NOW,
        undefined,
        undefined,
        undefined,
        code,
      )
        .findings.filter((f) => f.kind !== 'undeclared')
        .map((f) => [f.kind, f.environment ?? f.group]);
    const code = codeOf(tree('src', [url]));
    expect(judged('x', code)).toEqual([['unset', 'prod']]);
    expect(judged('y', code)).toEqual([
      ['unset', 'prod'],
      ['parity', 'all'],
    ]);
    expect(judged('x')).toEqual([['parity', 'all']]);
  });

  test('a group that ignores the key does not name its peers', () => {
    const group = 'parity:\n  - name: upper\n    environments: [staging, prod]\n    ignore: ["*.url"]\n';
    const findings = run(codeOf(tree('src', [url])), { staging: { 'inventory.service.url': 'x' } }, group);
    expect(unset(findings)).toContainEqual(['prod', 'inventory.service.url', 'medium']);
    expect(findings.find((f) => f.kind === 'unset' && f.environment === 'prod')!.message).not.toMatch(/staging sets it/);
  });

  test('spellings meet: CART_SERVICE_ADDR in code is cart.service.addr in configuration, and cartServiceAddr too', () => {
    const code = codeOf(tree('src', [read('cartServiceAddr', 'Cart.cs', 3)]));
    expect(
      unset(run(code, { dev: { 'cart.service.addr': 'a' }, staging: { 'cart.service.addr': 'a' }, prod: { 'cart.service.addr': 'a' } })),
    ).toEqual([]);
  });

  test('keys the platform provides and code.ignore globs are never unset; library keys still are', () => {
    const code = codeOf(
      tree(
        'src',
        [
          read('HOME', 'a.go', 1),
          read('KUBERNETES_SERVICE_HOST', 'a.go', 2),
          read('LEGACY_X', 'a.go', 3),
          read('OTEL_SERVICE_NAME', 'a.go', 4),
        ],
        ['legacy.*'],
      ),
    );
    expect(unset(run(code, {})).map(([env, key]) => `${env} ${key}`)).toEqual([
      'dev otel.service.name',
      'staging otel.service.name',
      'prod otel.service.name',
    ]);
  });

  test('an environment whose source failed is not judged', () => {
    const estate = estateFrom(estateYaml(ENVS, 'baseline:\n  undeclared: ignore\n'));
    const snaps = ENVS.map((env) => snapshot(env, { values: {}, errors: env === 'prod' ? ['denied'] : [] }));
    const f = audit(estate, snaps, NOW, undefined, undefined, undefined, codeOf(tree('src', [addr]))).findings;
    expect(unset(f).map(([env]) => env)).toEqual(['dev', 'staging']);
  });

  test('a key the baseline requires is one finding, unset (missing steps aside), at least as severe as missing', () => {
    const extra = 'baseline:\n  keys:\n    inventory.service.url: { required: true, severity: critical }\n';
    const estate = estateFrom(estateYaml(ENVS, extra));
    const snaps = ENVS.map((env) => snapshot(env, { values: env === 'prod' ? {} : { 'inventory.service.url': 'x' } }));
    const withCode = audit(estate, snaps, NOW, undefined, undefined, undefined, codeOf(tree('src', [url]))).findings;
    expect(withCode.filter((f) => f.key === 'inventory.service.url').map((f) => [f.kind, f.severity])).toEqual([['unset', 'critical']]);
    expect(withCode.find((f) => f.kind === 'unset')!.message).toMatch(/; the baseline requires it$/);
    const without = audit(estate, snaps, NOW).findings;
    expect(without.filter((f) => f.key === 'inventory.service.url').map((f) => f.kind)).toEqual(['missing']);
  });

  test("a default equal to the baseline's expected value runs that value: unset with a default (medium), not raised to missing's severity", () => {
    const keys = (decl: string) => `baseline:\n  keys:\n    inventory.service.url: ${decl}\n`;
    const judged = (decl: string, fallback: string, elsewhere = 'http://inv:8080') => {
      const estate = estateFrom(estateYaml(ENVS, keys(decl)));
      const snaps = ENVS.map((env) => snapshot(env, { values: env === 'prod' ? {} : { 'inventory.service.url': elsewhere } }));
      const code = codeOf(tree('src', [read('INVENTORY_SERVICE_URL', 'inventory.go', 42, fallback)]));
      return audit(estate, snaps, NOW, undefined, undefined, undefined, code).findings.filter((f) => f.key === 'inventory.service.url');
    };
    const same = judged('{ value: "http://inv:8080", severity: critical }', '"http://inv:8080"');
    expect(same.map((f) => [f.kind, f.environment, f.severity])).toEqual([['unset', 'prod', 'medium']]);
    expect(same[0]!.message).toMatch(/; its default is the baseline's expected value$/);
    // Equal as the declared type says (a duration), the code's quotes aside.
    const typed = judged('{ type: duration, value: 60s }', "'1m'", '60000ms');
    expect(typed.map((f) => [f.kind, f.severity])).toEqual([['unset', 'medium']]);
    // Another default, or a key the baseline requires to be set, still takes missing's severity.
    expect(judged('{ value: "http://inv:8080", severity: critical }', '"http://localhost:8080"').map((f) => f.severity)).toEqual([
      'critical',
    ]);
    expect(judged('{ value: "http://inv:8080", required: true }', '"http://inv:8080"').map((f) => f.severity)).toEqual(['high']);
  });

  test('several trees are united: reads of both count, files named from the estate folder', () => {
    const code = codeOf(tree('services/a', [read('A_URL', 'main.go', 1)]), tree('services/b', [read('B_URL', 'x/main.go', 2)]));
    const f = run(code, { dev: { 'a.url': '1' } }).filter((x) => x.kind === 'unset' && x.environment === 'dev');
    expect(f.map((x) => x.message)).toEqual([
      'b.url is not set in dev but the code reads B_URL at services/b/x/main.go:2 (os.Getenv): no default: the code gets nothing',
    ]);
  });

  test("a secret key's default never appears in a message (nor in the reads the result carries)", () => {
    const code = codeOf(
      tree('src', [read('DB_PASSWORD', 'db.go', 9, 'hunter2-s3cr3t'), read('API_URL', 'db.go', 10, 'https://u:pa55w0rd-zz@h.example')]),
    );
    const result = audit(
      estateFrom(estateYaml(ENVS, 'baseline:\n  undeclared: ignore\n')),
      ENVS.map((e) => snapshot(e, {})),
      NOW,
      undefined,
      undefined,
      undefined,
      code,
    );
    const text = JSON.stringify(result.findings) + JSON.stringify([...result.code!.reads.values()]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('pa55w0rd');
    expect(result.findings.find((f) => f.key === 'db.password')!.message).toMatch(/falls back to a default \(a secret: not shown\)$/);
  });

  test('without code: no unset and no code reads in the result', () => {
    const estate = estateFrom(estateYaml(ENVS, 'baseline:\n  undeclared: ignore\n'));
    const r = audit(
      estate,
      ENVS.map((e) => snapshot(e, { values: { 'a.b': '1' } })),
      NOW,
    );
    expect(r.findings.filter((f) => f.kind === 'unset' || f.kind === 'unread')).toEqual([]);
    expect(r.code).toBeUndefined();
  });
});
