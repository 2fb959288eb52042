import { configFileBytesObservations, dotenvObservations } from '../../../lambdas/core/sources/config-file';
import { javaPropertiesLine, readJavaProperties } from '../../../lambdas/core/sources/java-properties';
import { testContext, testLabel } from '../../helpers/context';

const ctx = testContext(testLabel('dotenv'));

const values = (text: string, file = 'application.properties') => {
  const r = dotenvObservations(text, file, ctx);
  return {
    errors: r.errors,
    values: Object.fromEntries(
      r.observations.map((o) => [o.key, `${o.value.kind === 'text' ? o.value.text : o.value.kind}@${o.origin.location}`]),
    ),
  };
};

// A Spring Boot application.properties is read by a dotenv source (the README sends it there), but it is
// java.util.Properties' format, not dotenv's: `key: value` and `key value` lines, `!` comments, `\` line
// continuations, `\uXXXX` escapes and Spring's indexed lists (`origins[0]`) were syntax errors or misread
// (`a,\` and a key `b` from a continuation; caf\u00e9 against café a false parity; a value cut at ` #`).
describe('a Java .properties file read by a dotenv source', () => {
  // java.util.Properties expands nothing, and a `${X:-d}` is Spring's placeholder with the default `-d`: dotenv's
  // `$NAME` expansion made `conn` read `…//db1:5432/app`, `$$HOST` read `$HOST` and `${UNSET:-fast}` default to `fast`.
  it('expands no $NAME as dotenv does: the values are the text Java reads, a whole placeholder keeps its Spring default', () => {
    const text = ['HOST=db1', 'conn=jdbc:postgresql://$HOST:5432/app', 'pw.prefix=$$HOST', 'mode=${UNSET:-fast}'].join('\n');
    const r = dotenvObservations(text, 'application.properties', ctx);
    const byKey = new Map(r.observations.map((o) => [o.key, o]));
    expect(values(text).values).toMatchObject({
      conn: 'jdbc:postgresql://$HOST:5432/app@application.properties:2',
      'pw.prefix': '$$HOST@application.properties:3',
    });
    expect(byKey.get('mode')?.placeholder).toMatchObject({ name: 'UNSET', fallback: { kind: 'text', text: '-fast' } });
    // The same lines in a .env file are Compose's, expanded as before.
    expect(dotenvObservations(text, 'app.env', ctx).observations.find((o) => o.key === 'conn')?.value).toEqual({
      kind: 'text',
      text: 'jdbc:postgresql://db1:5432/app',
    });
  });

  // Quarkus's `%staging.db.url` was read as a key `%staging.db.url` in every environment (undeclared, and parity with
  // nothing), and `db.url` kept the profile-less value where the profile overrides it.
  it("reads Quarkus's %profile. properties only where the profile is active, over the plain key wherever it is written", () => {
    const text = [
      '%prod.db.url=jdbc:postgresql://prod-db:5432/app',
      'db.url=jdbc:postgresql://localhost:5432/app',
      '%staging.db.url=jdbc:postgresql://staging-db:5432/app',
      '%dev,test.log.level=DEBUG',
      'log.level=INFO',
      '%staging,qa.cache.ttl=5s',
    ].join('\n');
    const read = (profiles?: string[], body = text) =>
      Object.fromEntries(
        dotenvObservations(body, 'application.properties', ctx, profiles).observations.map((o) => [
          o.key,
          o.value.kind === 'text' ? `${o.value.text}@${o.origin.location}` : o.value.kind,
        ]),
      );
    // A packaged application runs `prod` unless told otherwise.
    expect(read()).toEqual({
      'db.url': 'jdbc:postgresql://prod-db:5432/app@application.properties:1',
      'log.level': 'INFO@application.properties:5',
    });
    expect(read(['staging'])).toEqual({
      'db.url': 'jdbc:postgresql://staging-db:5432/app@application.properties:3',
      'log.level': 'INFO@application.properties:5',
      'cache.ttl': '5s@application.properties:6',
    });
    // The last active profile has priority, as QUARKUS_PROFILE=staging,prod orders them.
    expect(read(['staging', 'prod'])['db.url']).toBe('jdbc:postgresql://prod-db:5432/app@application.properties:1');
    // A quarkus.profile the file sets is the default of a source that names none.
    expect(read(undefined, `quarkus.profile=staging\n${text}`)['db.url']).toBe(
      'jdbc:postgresql://staging-db:5432/app@application.properties:4',
    );
    // The last quarkus.profile line is the one java.util.Properties keeps, and a blank separates a key from its value too.
    expect(read(undefined, `quarkus.profile=dev\n${text}\nquarkus.profile staging`)['db.url']).toBe(
      'jdbc:postgresql://staging-db:5432/app@application.properties:4',
    );
    // Spelt as written, which is what a revert edits on that line (it wrote `db.url=…` on the %staging. line).
    const staging = dotenvObservations(text, 'application.properties', ctx, ['staging']).observations;
    expect(staging.find((o) => o.key === 'db.url')?.rawKey).toBe('%staging.db.url');
  });

  it('reads the separators, comments, continuations and escapes java.util.Properties reads', () => {
    const text = [
      '# comment',
      '! also a comment',
      'db.timeout = 10s',
      'log.level: INFO',
      'server.port 8080',
      'app.hosts = a.example.com,\\',
      '    b.example.com',
      'app.name=caf\\u00e9',
      'key\\ with\\ space=1',
      'app.cors.origins[0]=a.example.com',
      'app.note=a # not a comment',
      'app.greeting="hello"',
      'app.path=C:\\\\temp',
      'app.tab=x\\ty',
    ].join('\r\n');
    expect(values(text)).toEqual({
      errors: [],
      values: {
        'db.timeout': '10s@application.properties:3',
        'log.level': 'INFO@application.properties:4',
        'server.port': '8080@application.properties:5',
        'app.hosts': 'a.example.com,b.example.com@application.properties:6',
        'app.name': 'café@application.properties:8',
        'key with space': '1@application.properties:9',
        'app.cors.origins[0]': 'a.example.com@application.properties:10',
        'app.note': 'a # not a comment@application.properties:11',
        'app.greeting': '"hello"@application.properties:12',
        'app.path': 'C:\\temp@application.properties:13',
        'app.tab': 'x\ty@application.properties:14',
      },
    });
  });

  it('joins a value continued over many lines, each line deciding for itself whether it goes on', () => {
    const text = ['app.list=a,\\', ...Array.from({ length: 298 }, (_, i) => `  v${i},\\`), '  end', 'next=1', 'even=x\\\\', 'after=2'].join(
      '\n',
    );
    const r = values(text);
    expect(r.errors).toEqual([]);
    expect(r.values['app.list']).toBe(`a,${Array.from({ length: 298 }, (_, i) => `v${i},`).join('')}end@application.properties:1`);
    // An even run of backslashes is escaped backslashes, not a continuation: the next line is a property of its own.
    expect([r.values.next, r.values.even, r.values.after]).toEqual([
      '1@application.properties:301',
      'x\\@application.properties:302',
      '2@application.properties:303',
    ]);
  });

  it('gives one value to one setting written two ways, as Java does', () => {
    const a = values('app.name=caf\\u00e9\napp.hosts=a,b\n');
    const b = values('app.name = café\napp.hosts: a,\\\n   b\n');
    expect(Object.values(a.values).map((v) => v.split('@')[0])).toEqual(Object.values(b.values).map((v) => v.split('@')[0]));
  });

  it('says which line holds a malformed \\u escape, never its content', () => {
    expect(values('a=1\nb=\\u00zz\nc=3\n').errors).toEqual(['application.properties: line 2: malformed \\uXXXX escape']);
  });

  it('writes a line (for drift revert) that reads back as the same key and value', () => {
    for (const [key, value] of [
      ['app.banner', " Free shipping: it's café \\o/ # !"],
      ['key with = and : in it', '#not a comment'],
      ['a', 'line one\nline two\t\u0001'],
      ['b', ''],
    ] as const) {
      const read: Array<[string, string]> = [];
      expect(readJavaProperties(javaPropertiesLine(key, value), (k, v) => read.push([k, v]))).toEqual([]);
      expect(read).toEqual([[key, value]]);
    }
  });

  it('still reads a .env file as dotenv', () => {
    expect(values('export A="x" # c\nB=y\n', 'prod.env').values).toEqual({ a: 'x@prod.env:1', b: 'y@prod.env:2' });
  });

  it('sends any .properties file given to a file source to the dotenv source, key: value lines too', () => {
    const bytes = new TextEncoder().encode('log.level: INFO\nserver.port: 8080\n');
    expect(configFileBytesObservations(bytes, 'application.properties', ctx).errors).toEqual([
      'application.properties: KEY=VALUE lines, not YAML or JSON: read this file with a dotenv source',
    ]);
  });
});
