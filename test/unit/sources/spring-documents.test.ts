import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import { testContext } from '../../helpers/context';

const ctx = testContext();

/** What a YAML configuration file sets, key by key, with these Spring profiles active. */
function settings(text: string, profiles?: readonly string[]): Record<string, string> | string[] {
  let r;
  try {
    r = configFileBytesObservations(new TextEncoder().encode(text), 'application.yml', ctx, profiles);
  } catch (err) {
    return [(err as Error).message];
  }
  if (r.errors.length) return r.errors;
  return Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));
}

describe("a YAML configuration file's documents, read as Spring reads application.yml's", () => {
  // Through the fast reader (plain block YAML) and the yaml package (an anchor sends it there).
  const forms = {
    'block YAML': 'a: 1\nb:\n  c: 2\n  d: 3\n---\nb:\n  c: 20\nlist: [x]\n---\nspring.config.activate.on-profile: prod & eu\nb.d: 30\n',
    'YAML with an anchor':
      'a: &one 1\nb:\n  c: 2\n  d: 3\n---\nb:\n  c: 20\nlist: [x]\n---\nspring:\n  config:\n    activate:\n      on-profile: prod & eu\nb.d: &thirty 30\ne: *thirty\n',
  };
  for (const [form, text] of Object.entries(forms)) {
    test(`${form}: later documents over earlier ones, a profile's document only with that profile`, () => {
      expect(settings(text)).toEqual({ a: '1', 'b.c': '20', 'b.d': '3', list: '["x"]' });
      expect(settings(text, ['prod'])).toEqual({ a: '1', 'b.c': '20', 'b.d': '3', list: '["x"]' });
      const both = settings(text, ['prod', 'eu']) as Record<string, string>;
      expect(both['b.d']).toBe('30');
      if (form === 'YAML with an anchor') expect(both['e']).toBe('30');
      expect(Object.keys(both).filter((k) => k.startsWith('spring'))).toEqual([]);
    });
  }

  test("with no profile active, the `default` profile is; Boot 2.3's spring.profiles activates too, a mapping there does not", () => {
    const text = 'x: 1\n---\nspring:\n  profiles: default\nx: 2\n---\nspring.profiles: [qa, dev]\nx: 3\n';
    expect(settings(text)).toEqual({ x: '2' });
    expect(settings(text, ['dev'])).toEqual({ x: '3' });
  });

  test("the file's own spring.profiles.active, include and groups activate profiles where the deployment names none", () => {
    const text = [
      'spring:',
      '  profiles:',
      '    active: dev',
      '    include: [metrics]',
      '    group:',
      '      dev: [api-docs]',
      'x: 1',
      '---',
      'spring.config.activate.on-profile: default',
      'x: 2',
      '---',
      'spring.config.activate.on-profile: dev & api-docs & metrics',
      'x: 3',
      '---',
      'spring.config.activate.on-profile: prod',
      'x: 4',
      '',
    ].join('\n');
    const shared = {
      'spring.profiles.active': 'dev',
      'spring.profiles.include': '["metrics"]',
      'spring.profiles.group.dev': '["api-docs"]',
    };
    // Spring: the file activates dev (and its group's api-docs) and includes metrics; `default` is active only when nothing is.
    expect(settings(text)).toEqual({ ...shared, x: '3' });
    // The deployment's profiles win over the file's active ones; include still adds metrics.
    expect(settings(text, ['prod'])).toEqual({ ...shared, x: '4' });
    // A build placeholder left in says nothing: Spring's default.
    expect(settings(text.replace('active: dev', "active: '@spring.profiles.active@'"))).toMatchObject({ x: '2' });
  });

  test('a document for a cloud platform is not read (a file cannot say where it runs)', () => {
    expect(settings('x: 1\n---\nspring.config.activate.on-cloud-platform: kubernetes\nx: 2\n')).toEqual({ x: '1' });
  });

  test('a profile expression Spring refuses is an error at its document, quoting nothing', () => {
    expect(settings('x: 1\n---\nspring.config.activate.on-profile: a & b | c\nx: 2\n')).toEqual([
      'application.yml:2:1: spring.config.activate.on-profile is not a profile expression Spring reads',
    ]);
    expect(settings('x: &a 1\ny: *a\n---\nspring.config.activate.on-profile: "a & b | c"\n')).toEqual([
      'application.yml:3:1: spring.config.activate.on-profile is not a profile expression Spring reads',
    ]);
  });

  test('a __proto__ key is a setting like any other', () => {
    expect(settings('x: 1\n---\n__proto__:\n  polluted: 1\n')).toEqual({ x: '1', 'proto.polluted': '1' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('aliases in the documents Spring does not read', () => {
  test("an inactive document's alias of a secret-named setting makes no key of the active ones secret", () => {
    const text = [
      'cache:',
      '  ttl: 600',
      '---',
      'spring.config.activate.on-profile: dev',
      'password: &pw devpassword1',
      'cache:',
      '  ttl: *pw',
      '',
    ].join('\n');
    expect(settings(text, ['prod'])).toEqual({ 'cache.ttl': '600' });
    expect(settings(text, ['dev'])).toEqual({ password: 'secret', 'cache.ttl': 'secret' });
  });
});
