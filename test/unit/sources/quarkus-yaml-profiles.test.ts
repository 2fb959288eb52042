import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext } from '../../helpers/context';

// Quarkus's application.yaml writes a profile's settings under a `"%staging":` key. They were read as keys
// `%staging.db.url` in every environment (undeclared everywhere), and `db.url` kept the value the profile overrides. They
// are now read as a .properties file's `%staging.db.url` is: only where the profile is active, over the plain key.
const ctx = testContext();
const CANARY = 'CANARY-s3cr3t-7f1e';

const YAML = [
  'db:',
  '  url: jdbc:postgresql://localhost/dev',
  '"%prod":',
  '  db:',
  '    url: jdbc:postgresql://prod/db',
  '"%staging":',
  '  db: {url: "jdbc:postgresql://staging/db"}',
  '  cache.ttl: 5s',
  '"%dev,test":',
  '  log:',
  '    level: DEBUG',
  'log:',
  '  level: INFO',
  '',
].join('\n');

const read = (text: string, profiles?: readonly string[], jsonKeys?: ReadonlySet<string>): SourceParseResult =>
  configFileBytesObservations(new TextEncoder().encode(text), 'c/application.yaml', jsonKeys ? { ...ctx, jsonKeys } : ctx, profiles);
const at = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, `${o.value.kind === 'text' ? o.value.text : o.value.kind}@${o.origin.location}`]));

describe('a Quarkus application.yaml with "%profile": blocks', () => {
  it('reads a profile block only where the profile is active, over the plain key; prod where none is named', () => {
    expect(at(read(YAML))).toEqual({
      'db.url': 'jdbc:postgresql://prod/db@c/application.yaml#%prod.db.url',
      'log.level': 'INFO@c/application.yaml#log.level',
    });
    expect(at(read(YAML, ['staging']))).toEqual({
      'db.url': 'jdbc:postgresql://staging/db@c/application.yaml#%staging.db.url',
      'cache.ttl': '5s@c/application.yaml#%staging.cache.ttl',
      'log.level': 'INFO@c/application.yaml#log.level',
    });
    // The last active profile has priority, as QUARKUS_PROFILE=staging,prod orders them.
    expect(at(read(YAML, ['staging', 'prod']))['db.url']).toBe('jdbc:postgresql://prod/db@c/application.yaml#%prod.db.url');
    expect(read(YAML, ['test']).observations.find((o) => o.key === 'log.level')?.rawKey).toBe('log.level');
  });

  it("takes the file's own quarkus.profile where the source names none, wherever the file sets it", () => {
    expect(at(read(`${YAML}quarkus:\n  profile: staging\n`))['db.url']).toBe(
      'jdbc:postgresql://staging/db@c/application.yaml#%staging.db.url',
    );
    expect(at(read(`${YAML}quarkus:\n  profile: staging\n`, ['prod']))['db.url']).toBe(
      'jdbc:postgresql://prod/db@c/application.yaml#%prod.db.url',
    );
  });

  it('reads alike whichever reader takes the file: the fast one, the package (an anchor), or the parsed document (json keys)', () => {
    const expected = at(read(YAML, ['staging']));
    expect(at(read(`${YAML}anchored: &a x\nalias: *a\n`, ['staging']))).toEqual({
      ...expected,
      anchored: 'x@c/application.yaml#anchored',
      alias: 'x@c/application.yaml#alias',
    });
    expect(at(read(YAML, ['staging'], new Set(['other.json'])))).toEqual(expected);
  });

  it("keeps a profile's secret a secret by its key", () => {
    const r = read(`"%prod":\n  db:\n    password: ${CANARY}\n`);
    expect(r.observations.map((o) => [o.key, o.value.kind])).toEqual([['db.password', 'secret']]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});
