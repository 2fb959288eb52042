import { audit } from '../../../lambdas/core/engine/audit';
import type { CodeAudit } from '../../../lambdas/core/code/code-reads';
import type { CodeScan } from '../../../lambdas/core/code/code-read';
import { canonicalKey } from '../../../lambdas/core/keys';
import type { EnvironmentSnapshot, Finding, Observation } from '../../../lambdas/core/model';
import { dotenvObservations } from '../../../lambdas/core/sources/config-file';
import { testContext } from '../../helpers/context';
import { deployment, k8s } from '../../helpers/k8s-manifests';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';
import { codeOf, read, tree } from './code-fixtures';

const ENVS = ['dev', 'prod'];

function unread(code: CodeAudit, values: Record<string, string>, keys = ''): Finding[] {
  const estate = estateFrom(estateYaml(ENVS, `baseline:\n  undeclared: ignore\n${keys}`));
  const snaps = ENVS.map((env) => snapshot(env, { values }));
  return audit(estate, snaps, NOW, undefined, undefined, undefined, code).findings.filter((f) => f.kind === 'unread');
}
const keysOf = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.key!))].sort();

describe('unread: the environment sets a key no code reads', () => {
  const code = codeOf(tree('src', [read('CART_SERVICE_ADDR', 'main.go', 3), read('db', 'config.ts', 1)], ['legacy.*']));

  test('low, per environment, naming where it is set; a read key (any spelling) is not unread', () => {
    const f = unread(code, { 'cart.service.addr': 'a', 'old.thing': '1' });
    expect(f.map((x) => [x.environment, x.key, x.severity])).toEqual([
      ['dev', 'old.thing', 'low'],
      ['prod', 'old.thing', 'low'],
    ]);
    expect(f[0]!.message).toBe('old.thing is set in dev but no code reads it');
    expect(f[0]!.source).toMatchObject({ type: 'file' });
  });

  test('a read of a section covers the keys under it (config.get("db") reads db.host)', () => {
    expect(keysOf(unread(code, { 'db.host': 'h', 'db.port': '5432', dbx: '1' }))).toEqual(['dbx']);
  });

  test.each([
    ['PORT'],
    ['NODE_OPTIONS'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT'],
    ['FLAGD_HOST'],
    ['AWS_REGION'],
    ['JAVA_TOOL_OPTIONS'],
    ['_JAVA_OPTIONS'],
    ['DOTNET_GC_SERVER'],
    ['ASPNETCORE_URLS'],
    ['PYTHONUNBUFFERED'],
    ['GUNICORN_CMD_ARGS'],
    ['GOMEMLIMIT'],
    ['RUST_LOG'],
    ['BUNDLE_PATH'],
    ['KUBERNETES_SERVICE_HOST'],
    ['ECS_CONTAINER_METADATA_URI_V4'],
    ['LEGACY_TIMEOUT'],
  ])('%s is read by the platform, a library or code.ignore: never unread', (name) => {
    expect(unread(code, { [canonicalKey(name)]: 'x' })).toEqual([]);
  });

  test('a flag no code reads is the proof it can go; a retired key too', () => {
    const f = unread(code, { 'feature.new.checkout': 'true', 'enable.old': 'true' }, '  keys:\n    enable.old: { retired: 2026-01-01 }\n');
    const byKey = new Map(f.filter((x) => x.environment === 'prod').map((x) => [x.key, x.message]));
    expect(byKey.get('feature.new.checkout')).toBe(
      'feature.new.checkout is set in prod but no code reads it: the proof the flag can go (remove it from every environment)',
    );
    expect(byKey.get('enable.old')).toBe(
      'enable.old is set in prod but no code reads it: it was retired on 2026-01-01, and this is the proof it can go',
    );
  });

  test('only a flag is called one: not a text under feature.*, nor a *.enabled no flag service serves', () => {
    const f = unread(code, { 'feature.banner.text': 'Winter sale', 'cache.enabled': 'true', 'feature.dark.mode': 'on' });
    const byKey = new Map(f.filter((x) => x.environment === 'prod').map((x) => [x.key, x.message]));
    expect(byKey.get('feature.banner.text')).toBe('feature.banner.text is set in prod but no code reads it');
    expect(byKey.get('cache.enabled')).toBe('cache.enabled is set in prod but no code reads it');
    expect(byKey.get('feature.dark.mode')).toBe(
      'feature.dark.mode is set in prod but no code reads it: the proof the flag can go (remove it from every environment)',
    );
  });

  test("a secret's value never appears in the message", () => {
    const f = unread(code, { 'old.db.password': 'hunter2-s3cr3t', 'notes.url': 'https://u:pa55w0rd-zz@h.example' });
    expect(JSON.stringify(f)).not.toMatch(/hunter2|pa55w0rd/);
    expect(f).toHaveLength(4);
  });

  test('a tree that could not be read: no unread at all, and one estate-wide source-error', () => {
    const failed = codeOf(tree('src', []), { tree: { path: 'gone', exclude: [], ignore: [] }, error: 'does not exist' });
    const estate = estateFrom(estateYaml(ENVS, 'baseline:\n  undeclared: ignore\n'));
    const findings = audit(
      estate,
      ENVS.map((e) => snapshot(e, { values: { 'x.y': '1' } })),
      NOW,
      undefined,
      undefined,
      undefined,
      failed,
    ).findings;
    expect(findings.map((f) => [f.kind, f.environment, f.message])).toEqual([
      ['source-error', undefined, 'code gone could not be read: does not exist; unset is judged on the other trees, unread not at all'],
    ]);
  });

  test('a file the scan skipped (too large, unparsable) may hold the read: unread says so, and claims no proof', () => {
    const scanned = tree('src', [read('CART_SERVICE_ADDR', 'main.go', 3)]);
    const partly: typeof scanned = {
      ...scanned,
      scan: { ...(scanned as { scan: CodeScan }).scan, skipped: [{ file: 'dist/server.js', reason: 'larger than 1 MB' }] },
    };
    const f = unread(codeOf(partly), { 'feature.new.checkout': 'true' }).find((x) => x.environment === 'prod');
    expect(f?.message).toBe(
      'feature.new.checkout is set in prod but no code scanned reads it; 1 file was not scanned (src/dist/server.js: larger than 1 MB), and a read there would not be seen',
    );
  });
});

describe('unread: a key another value of its source takes in is used by the environment itself', () => {
  const code = codeOf(tree('src', [read('CART_ADDR', 'main.go', 3)]));
  const audited = (observations: Observation[]): Finding[] => {
    const estate = estateFrom(estateYaml(['prod'], 'baseline:\n  undeclared: ignore\n'));
    const label = { index: 0, type: 'dotenv' as const, label: 'dotenv prod.env' };
    const snap: EnvironmentSnapshot = {
      environment: 'prod',
      sources: [
        {
          source: label,
          observations: observations.map((o) => ({ ...o, origin: { ...o.origin, source: label } })),
          dangling: [],
          errors: [],
        },
      ],
    };
    return audit(estate, [snap], NOW, undefined, undefined, undefined, code).findings.filter((f) => f.kind === 'unread');
  };

  test('a dotenv ${VAR} (CART_PORT in CART_ADDR=cart:${CART_PORT}) is not unread; a variable nothing takes in is', () => {
    const parsed = dotenvObservations('CART_PORT=7070\nCART_ADDR=cart:${CART_PORT}\nOLD_THING=1\n', 'prod.env', testContext());
    expect(parsed.observations.find((o) => o.key === 'cart.addr')?.value).toEqual({ kind: 'text', text: 'cart:7070' });
    expect(audited(parsed.observations).map((f) => f.key)).toEqual(['old.thing']);
  });

  test('a Kubernetes $(VAR) of the same container is not unread either', () => {
    const r = k8s(
      deployment(
        '          env:\n            - { name: DB_HOST, value: db }\n            - { name: DB_URL, value: "postgres://$(DB_HOST)/app" }\n            - { name: SPARE, value: x }\n',
      ),
      { workload: 'api-server' },
    );
    const byKey = new Map(r.observations.filter((o) => !o.key.startsWith('runtime.')).map((o) => [o.key, o.expandedInto === true]));
    expect(Object.fromEntries(byKey)).toEqual({ 'db.host': true, 'db.url': false, spare: false });
  });
});
