import { readFileSync } from 'node:fs';
import path from 'node:path';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { Observation } from '../../../lambdas/core/model';
import {
  configFileBytesObservations,
  configFileObservations,
  dotenvObservations,
  parseConfigText,
} from '../../../lambdas/core/sources/config-file';
import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { checkYamlPackageBudget, MAX_YAML_PACKAGE_NODES } from '../../../lambdas/core/sources/yaml-budget';
import { plainObservation } from '../../../lambdas/core/sources/observations';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext, testFingerprinter } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const ctx = testContext();

/** The observation the environment applies when this one source sets `key`, and the other spellings it sets it under. */
function winner(r: SourceParseResult, key: string): (Observation & { also: string[] }) | undefined {
  const config = effectiveConfig({ environment: 'e', sources: [{ source: ctx.source, ...r }] });
  const entry = config.entries.get(key);
  return entry && { ...plainObservation(entry), also: (config.overridden.get(key) ?? []).map((o) => o.rawKey) };
}

const keyValues = (r: ReturnType<typeof configFileObservations>): Record<string, unknown> =>
  Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));

const billionLaughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');

describe('a JSON file of more values than a real one holds', () => {
  it('is a source error before it is read, whatever reads it; a big file of ordinary values is read', () => {
    // 4 million {} in a settings file took 7 s and 1 GB; 20 million (60 MB), 43 s and 3.7 GB.
    const flood = new TextEncoder().encode(`{"a": [${'{},'.repeat(4_000_001)}{}]}`);
    const r = configFileBytesObservations(flood, 'c/flood.json', ctx);
    expect(r).toEqual({
      observations: [],
      dangling: [],
      errors: ['c/flood.json: over 4000000 JSON values (objects, lists and items), too many to read'],
    });
    expect(configFileBytesObservations(flood, 'c/flood.json', { ...ctx, jsonKeys: new Set(['a']) }).errors).toHaveLength(1);
    const big = new TextEncoder().encode(JSON.stringify(Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, 'v']))));
    expect(configFileBytesObservations(big, 'c/big.json', ctx).observations).toHaveLength(200_000);
  });
});

describe('parseConfigText', () => {
  it('refuses YAML the full reader would need gigabytes for, before reading it: a flow list of 600,000 empty mappings', () => {
    // Outside the fast reader's subset, the yaml package builds about 1.5 KB a node: 7 million `{},` (21 MB,
    // under the recorded-input limit) ran 96 s and then aborted the process out of memory.
    expect(() => parseConfigText(`a: [${'{},'.repeat(MAX_YAML_PACKAGE_NODES / 2 + 1)}{}]\n`, 'c/flow.yml')).toThrow(
      new SourceInputError(
        `c/flow.yml: over ${MAX_YAML_PACKAGE_NODES} lines and flow items, too many for the full YAML reader (block YAML without anchors, tags or tabs is read at any size)`,
      ),
    );
    // A real kubectl dump outside the fast reader's subset (a tab in a ConfigMap's file) has hundreds of thousands of lines.
    expect(() =>
      checkYamlPackageBudget(`data:\n  nginx.conf: |\n    \tlisten 80;\n${'x: 1\n'.repeat(700_000)}`, 'c/dump.yml'),
    ).not.toThrow();
    // What the fast reader takes is read at any size.
    expect(
      Object.keys(parseConfigText(Array.from({ length: 600_000 }, (_, i) => `k${i}: v`).join('\n'), 'c/big.yml') as object),
    ).toHaveLength(600_000);
  });

  it('reads JSON for .json and YAML otherwise', () => {
    expect(parseConfigText('{"a": {"b": 1}}', 'c/x.json')).toEqual({ a: { b: 1 } });
    expect(parseConfigText('a:\n  b: 1\n', 'c/x.yml')).toEqual({ a: { b: 1 } });
    expect(parseConfigText('a: 1', 'c/x')).toEqual({ a: 1 });
    expect(parseConfigText('', 'c/x.yaml')).toBeNull();
  });

  it('ignores a BOM', () => {
    expect(parseConfigText('\uFEFF{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(parseConfigText('\uFEFFa: 1', 'x.yaml')).toEqual({ a: 1 });
  });

  it('lets a later duplicate YAML key win', () => {
    expect(parseConfigText('a: 1\na: 2\n', 'x.yaml')).toEqual({ a: 2 });
  });

  it('reports broken JSON by position, without quoting it', () => {
    const text = `{\n  "password": ${CANARY}\n}`;
    expect(() => parseConfigText(text, 'cfg/app.json')).toThrow(SourceInputError);
    expect(() => parseConfigText(text, 'cfg/app.json')).toThrow('cfg/app.json:2:15: invalid JSON at offset 16');
    expect(() => parseConfigText('{"a": 1', 'x.json')).toThrow('x.json:1:8: invalid JSON');
  });

  it('reports broken YAML by file, line, column, what is wrong and its code, without the code frame', () => {
    const text = `a: 1\nb:\n  c: 2\n d: ${CANARY}\n`;
    let message = '';
    try {
      parseConfigText(text, 'cfg/app.yml');
    } catch (err) {
      expect(err).toBeInstanceOf(SourceInputError);
      message = (err as Error).message;
    }
    expect(message).toBe('cfg/app.yml:4:1: invalid YAML: All mapping items must start at the same column (BAD_INDENT)');
  });

  it.each([
    ['escape', `a: "x\\q${CANARY}"`],
    ['unclosed flow', `a: [${CANARY}`],
    ['tab indent', `a:\n\tb: ${CANARY}`],
  ])('never quotes the input in a YAML error (%s)', (_n, text) => {
    expect(() => parseConfigText(text, 'x.yaml')).toThrow(SourceInputError);
    try {
      parseConfigText(text, 'x.yaml');
    } catch (err) {
      expect((err as Error).message).not.toContain(CANARY);
      expect((err as Error).message).toMatch(/^x\.yaml:\d+:\d+: invalid YAML: [A-Z][^:()]+ \([A-Z_]+\)$/);
    }
  });

  it('reports an unresolved alias without naming it', () => {
    expect(() => parseConfigText(`a: *${CANARY}`, 'x.yaml')).toThrow(/^x\.yaml: a YAML alias refers to an anchor not defined before it$/);
  });

  it('refuses multi-document YAML', () => {
    expect(() => parseConfigText('a: 1\n---\nb: 2\n', 'x.yaml')).toThrow('x.yaml:2:1: more than one YAML document');
  });

  it('refuses an alias bomb quickly', () => {
    expect(() => parseConfigText(billionLaughs, 'bomb.yaml')).toThrow('bomb.yaml: too many YAML aliases');
  });

  it('refuses 10,000-deep YAML nesting without crashing', () => {
    const text = `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(() => parseConfigText(text, 'deep.yaml')).toThrow(SourceInputError);
  });
});

describe('configFileObservations', () => {
  it('canonicalises nested keys and records where each came from', () => {
    const doc = parseConfigText('database:\n  pool_size: 20\nDB_TIMEOUT: 10s\nlog-level: INFO\n', 'config/staging.yml');
    const r = configFileObservations(doc, 'config/staging.yml', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]).toEqual({
      key: 'database.pool.size',
      rawKey: 'database.pool_size',
      value: { kind: 'text', text: '20' },
      origin: { source: ctx.source, location: 'config/staging.yml#database.pool_size' },
    });
    expect(keyValues(r)).toEqual({ 'database.pool.size': '20', 'db.timeout': '10s', 'log.level': 'INFO' });
  });

  it('fingerprints secret-named and declared-secret keys', () => {
    const fp = testFingerprinter();
    const doc = { db: { password: CANARY }, payment: { api_key: 'k' }, custom: 'c' };
    const r = configFileObservations(doc, 'x.json', testContext(undefined, ['custom']));
    expect(r.observations.map((o) => o.value)).toEqual([
      { kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId },
      { kind: 'secret', fingerprint: fp.fingerprint('k'), keyId: fp.keyId },
      { kind: 'secret', fingerprint: fp.fingerprint('c'), keyId: fp.keyId },
    ]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it('keeps two spellings of one key in document order: the later one wins, the earlier is still a layer (both are set)', () => {
    const r = configFileObservations({ db: { timeout: '1s' }, DB_TIMEOUT: '2s' }, 'x.yaml', ctx);
    expect(r.observations.map((o) => o.rawKey)).toEqual(['db.timeout', 'DB_TIMEOUT']);
    expect(winner(r, 'db.timeout')).toMatchObject({ rawKey: 'DB_TIMEOUT', also: ['db.timeout'] });
  });

  it('keeps control characters in values', () => {
    const r = configFileObservations({ a: 'x\u001b[31m\u0000' }, 'x.yaml', ctx);
    expect(r.observations[0]?.value).toEqual({ kind: 'text', text: 'x\u001b[31m\u0000' });
  });

  it('turns too-deep nesting and a non-mapping document into errors', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(configFileObservations(deep, 'deep.json', ctx)).toEqual({
      observations: [],
      dangling: [],
      errors: ['deep.json: nesting is deeper than 64 levels'],
    });
    expect(configFileObservations(['a'], 'list.yaml', ctx).errors).toEqual(['list.yaml: the top level is not a mapping of keys to values']);
  });

  it('sends a real .properties file, comments between its lines, to the dotenv source instead of calling it invalid YAML', () => {
    // JHipster's sonar-project.properties: a comment between two assignments ends YAML's one plain scalar.
    const file = 'sonar-project.properties';
    const bytes = readFileSync(path.join(__dirname, '../../fixtures/realworld/jhipster-sample-app', file));
    expect(configFileBytesObservations(bytes, file, ctx).errors).toEqual([
      `${file}: KEY=VALUE lines, not YAML or JSON: read this file with a dotenv source`,
    ]);
  });

  // `[server]` is a YAML list and `timeout = "30s"` a plain scalar: the parser's "Unexpected scalar" named the wrong format.
  it('says a TOML, INI, XML or HCL file is that format, which it does not read, not invalid YAML', () => {
    const toml = new TextEncoder().encode('[server]\ntimeout = "30s"\nport = 8080\n');
    for (const [file, format] of [
      ['prod.toml', 'a TOML'],
      ['settings.INI', 'an INI'],
      ['app.xml', 'an XML'],
      ['prod.tfvars', 'an HCL'],
    ]) {
      expect(configFileBytesObservations(toml, file!, ctx)).toEqual({
        observations: [],
        dangling: [],
        errors: [
          `${file}: ${format} file, which the file source does not read (it reads YAML and JSON; .env and .properties files through a dotenv source): record its values in one of those`,
        ],
      });
    }
  });

  it('sends KEY=VALUE lines (a Spring application.properties) to the dotenv source, which reads them, instead of calling them YAML', () => {
    const properties = '# petclinic\nserver.port=8080\nspring.datasource.url=jdbc:mysql://db:3306/petclinic\nlogging.level.root=INFO\n';
    for (const file of ['application.properties', 'settings.conf']) {
      const r = configFileBytesObservations(new TextEncoder().encode(properties), file, ctx);
      expect(r.errors).toEqual([`${file}: KEY=VALUE lines, not YAML or JSON: read this file with a dotenv source`]);
      expect(keyValues(dotenvObservations(properties, file, ctx))).toEqual({
        'server.port': '8080',
        'spring.datasource.url': 'jdbc:mysql://db:3306/petclinic',
        'logging.level.root': 'INFO',
      });
    }
    // A single scalar is still a document that is not a mapping.
    expect(configFileObservations('just text', 'x.yaml', ctx).errors).toEqual(['x.yaml: the top level is not a mapping of keys to values']);
  });

  it('reports keys that canonicalise to nothing', () => {
    const r = configFileObservations({ _: 1, a: 2 }, 'x.yaml', ctx);
    expect(r.errors).toEqual(['x.yaml#_: the key is empty once canonicalised']);
    expect(r.observations.map((o) => o.key)).toEqual(['a']);
  });
});

describe('dotenvObservations', () => {
  it('canonicalises keys, fingerprints secrets and locates values by line', () => {
    const fp = testFingerprinter();
    const r = dotenvObservations(`# env\nDB_TIMEOUT=10s\nDB_PASSWORD=${CANARY}\n`, 'env/staging.env', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations).toEqual([
      {
        key: 'db.timeout',
        rawKey: 'DB_TIMEOUT',
        value: { kind: 'text', text: '10s' },
        origin: { source: ctx.source, location: 'env/staging.env:2' },
      },
      {
        key: 'db.password',
        rawKey: 'DB_PASSWORD',
        value: { kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId },
        origin: { source: ctx.source, location: 'env/staging.env:3' },
      },
    ]);
  });

  it('prefixes syntax errors with the file and keeps the good lines', () => {
    const r = dotenvObservations(`A=1\n${CANARY}\nB=2`, 'x.env', ctx);
    expect(r.errors).toEqual(['x.env: line 2: expected KEY=VALUE']);
    expect(r.observations.map((o) => o.key)).toEqual(['a', 'b']);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  const texts = (r: SourceParseResult): Record<string, string | undefined> =>
    Object.fromEntries(r.observations.map((o) => [o.rawKey, o.value.kind === 'text' ? o.value.text : o.value.kind]));
  const composeFixture = (name: string): string =>
    readFileSync(path.join(__dirname, '../../fixtures/realworld/compose-go-dotenv', name), 'utf8');

  // Docker Compose, python-dotenv and godotenv expand references to earlier variables: the value a
  // service runs is the expanded one (the opentelemetry-demo's .env sets CART_ADDR=cart:${CART_PORT}).
  it("expands references as Docker Compose does, on Compose's own substitutions.env", () => {
    const r = dotenvObservations(composeFixture('substitutions.env'), 'x.env', ctx);
    expect(r.errors).toEqual([]);
    // Compose makes OPTION_E empty from the shell it runs in; drift cannot see that shell, so the
    // reference stays as written rather than turning into an invented empty value.
    expect(texts(r)).toEqual({ OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1', OPTION_E: '${OPTION_NOT_DEFINED}' });
  });

  it("takes a reference's default where the file does not set it (substitutions-default.env)", () => {
    const r = dotenvObservations(composeFixture('substitutions-default.env'), 'x.env', ctx);
    expect(texts(r)).toMatchObject({ OPTION_A: '1', OPTION_B: '1', OPTION_C: '1', OPTION_D: '1_1' });
  });

  it.each([
    ['single quotes are literal', "A=1\nB='${A}'", '${A}'],
    ['double quotes expand', 'A=1\nB="x-${A}"', 'x-1'],
    ['$$ is a literal $', 'A=1\nB=$$A', '$A'],
    ['an escaped $ in double quotes is literal', 'A=1\nB="\\$A"', '$A'],
    ['a later definition is not seen', 'B=${A}\nA=1', '${A}'],
    [':- on an empty value takes the default', 'A=\nB=${A:-d}', 'd'],
    ['- on an empty value keeps it empty', 'A=\nB=${A-d}', ''],
    [':+ on a set value takes the alternative', 'A=1\nB=${A:+yes}', 'yes'],
    ['a nested default', 'C=3\nB=${A:-${C}0}', '30'],
    ['an unterminated reference stays', 'A=1\nB=${A', '${A'],
    ['$$ before no name is a literal $ too', 'B=price$$1', 'price$1'],
    [
      'a name defined before and referenced later is remembered across many lines',
      `A=7\n${Array.from({ length: 50 }, (_, i) => `K${i}=${i}`).join('\n')}\nB=$A`,
      '7',
    ],
  ])('%s', (_n, text, b) => {
    expect(texts(dotenvObservations(text, 'x.env', ctx)).B).toBe(b);
  });

  // Compose's env_file and .env take a bare name (`AWS_PROFILE`) from the shell Compose runs in: a
  // key the service is given, with a value drift cannot see; not a syntax error that voids the file.
  it('reads a bare name as set from the shell, as Compose does (inherited-multi-var.env)', () => {
    const r = dotenvObservations(composeFixture('inherited-multi-var.env'), 'x.env', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => [o.rawKey, o.value])).toEqual([
      ['foo', { kind: 'text', text: 'bar' }],
      ['VAR_TO_BE_LOADED_FROM_OS_ENV', { kind: 'opaque', reason: 'taken from the environment the file is loaded in' }],
      ['bar', { kind: 'text', text: 'baz' }],
    ]);
    expect(texts(dotenvObservations('export HOME_DIR # from the shell\nB=${HOME_DIR}/x', 'x.env', ctx)).B).toBe('${HOME_DIR}/x');
    // A stray credential on a line of its own is no name: an error by line, never a key that shows it.
    const stray = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const r2 = dotenvObservations(`A=1\n${stray}\n`, 'x.env', ctx);
    expect(r2.errors).toEqual(['x.env: line 2: expected KEY=VALUE']);
    expect(JSON.stringify(r2)).not.toContain(stray);
  });

  it('fingerprints a value that pulls in a secret, and never shows it', () => {
    const fp = testFingerprinter();
    const r = dotenvObservations(`DB_PASSWORD=${CANARY}\nDB_URL_TEMPLATE=user ${'$'}{DB_PASSWORD} at db\n`, 'x.env', ctx);
    const composed = r.observations.find((o) => o.rawKey === 'DB_URL_TEMPLATE');
    expect(composed?.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(`user ${CANARY} at db`), keyId: fp.keyId });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it("fingerprints the default a reference gives for a secret-named variable the file does not set: it is that variable's value", () => {
    const fp = testFingerprinter();
    const r = dotenvObservations(
      `WORKER_CMD=worker --as ${'$'}{WORKER_TOKEN:-${CANARY}}\nDB_URL=postgresql://app:${'$'}{DB_PASSWORD:-${CANARY}}@db:5432/app\nPOOL=${'$'}{POOL_SIZE:-10}\nEMPTY=${'$'}{API_TOKEN:-}\n`,
      'x.env',
      ctx,
    );
    const value = (key: string) => r.observations.find((o) => o.rawKey === key)?.value;
    expect(value('WORKER_CMD')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(`worker --as ${CANARY}`), keyId: fp.keyId });
    const url = value('DB_URL');
    expect(url?.kind === 'masked' && url.text).toBe(`postgresql://app:<secret:${fp.fingerprint(CANARY)}>@db:5432/app`);
    expect(value('POOL')).toMatchObject({ kind: 'text', text: '10' });
    expect(value('EMPTY')).toMatchObject({ kind: 'text', text: '' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it("a secret pulled into a URL's password is hidden there only: the rest of the URL stays comparable (the FastAPI template's DATABASE_URL)", () => {
    const fp = testFingerprinter();
    const r = dotenvObservations(
      `POSTGRES_PASSWORD=${CANARY}\nDATABASE_URL=postgresql://postgres:${'$'}{POSTGRES_PASSWORD}@db.prod.internal:5432/app\n`,
      'x.env',
      ctx,
    );
    const url = r.observations.find((o) => o.rawKey === 'DATABASE_URL')?.value;
    expect(url?.kind).toBe('masked');
    const text = url?.kind === 'masked' ? url.text : '';
    expect(text).toBe(`postgresql://postgres:<secret:${fp.fingerprint(CANARY)}>@db.prod.internal:5432/app`);
    expect(JSON.stringify(r)).not.toContain(CANARY);
    // Taken in again whole, the URL keeps its password hidden in place.
    const again = dotenvObservations(
      `POSTGRES_PASSWORD=${CANARY}\nDATABASE_URL=postgresql://postgres:${'$'}{POSTGRES_PASSWORD}@db:5432/app\nALEMBIC_URL=${'$'}{DATABASE_URL}\n`,
      'x.env',
      ctx,
    );
    expect(again.observations.find((o) => o.rawKey === 'ALEMBIC_URL')?.value).toEqual(
      url && { ...url, text: text.replace('db.prod.internal', 'db') },
    );
    expect(JSON.stringify(again)).not.toContain(CANARY);
    // Pulled in anywhere else (the host, the user), the secret makes the whole value one.
    const host = dotenvObservations(`DB_SECRET=${CANARY}\nDB_URL=postgresql://u:p@${'$'}{DB_SECRET}:5432/app\n`, 'x.env', ctx);
    expect(host.observations.find((o) => o.rawKey === 'DB_URL')?.value.kind).toBe('secret');
  });

  it('lets the later of two spellings of one key win, keeping the earlier as a layer, and the later of one name alone', () => {
    const r = dotenvObservations('db-timeout=1s\nDB_TIMEOUT=2s', 'x.env', ctx);
    expect(r.observations.map((o) => o.origin.location)).toEqual(['x.env:1', 'x.env:2']);
    expect(winner(r, 'db.timeout')).toMatchObject({ origin: { location: 'x.env:2' }, also: ['db-timeout'] });
    // Compose applies the last of one name: the first is not set at all.
    const again = dotenvObservations('DB_TIMEOUT=1s\nDB_TIMEOUT=2s', 'x.env', ctx);
    expect(winner(again, 'db.timeout')).toMatchObject({ origin: { location: 'x.env:2' }, also: [] });
  });
});
