import { dotenvObservations } from '../../../lambdas/core/sources/config-file';
import { activeSpringProperties } from '../../../lambdas/core/sources/properties-documents';
import { testContext, testLabel } from '../../helpers/context';

const ctx = testContext(testLabel('dotenv'));

// application.properties as Spring Boot 2.4+ splits it: the shared settings, then a document per profile.
const APPLICATION = [
  'logging.level.root=INFO',
  'server.port=8080',
  '#---',
  'spring.config.activate.on-profile=dev',
  'logging.level.root=DEBUG',
  'app.mail.host=localhost',
  '!---',
  'spring.config.activate.on-profile: prod | staging',
  'server.port=80',
  '#---',
  'spring.config.activate.on-cloud-platform=kubernetes',
  'server.port=9090',
].join('\n');

const values = (text: string, file: string, profiles?: string[]) =>
  Object.fromEntries(
    dotenvObservations(text, file, ctx, profiles).observations.map((o) => [
      o.key,
      `${o.value.kind === 'text' ? o.value.text : o.value.kind}@${o.origin.location}`,
    ]),
  );

describe("a Spring .properties file's documents, read through a dotenv source", () => {
  it('reads only the documents the active profiles activate, later ones winning, activation lines not keys', () => {
    expect(values(APPLICATION, 'application.properties', ['prod'])).toEqual({
      'logging.level.root': 'INFO@application.properties:1',
      'server.port': '80@application.properties:9',
    });
    expect(values(APPLICATION, 'application.properties', ['dev'])).toEqual({
      'logging.level.root': 'DEBUG@application.properties:5',
      'server.port': '8080@application.properties:2',
      'app.mail.host': 'localhost@application.properties:6',
    });
  });

  it("takes Spring's default profile when none is given, and Boot 2.3's spring.profiles", () => {
    const legacy = 'a=1\n#---\nspring.profiles=default\na=2\n#---\nspring.profiles=prod\na=3\n';
    expect(values(legacy, 'application.properties')).toEqual({ a: '2@application.properties:4' });
  });

  it('leaves a file without separators, and any dotenv file, as it is', () => {
    expect(activeSpringProperties('a=1\n# a comment\nb=2\n', 'x.properties', ['prod'])).toBe('a=1\n# a comment\nb=2\n');
    const env = 'A=1\n#---\nspring.config.activate.on-profile=dev\nA=2\n';
    expect(values(env, 'prod.env', ['prod'])).toEqual({ a: '2@prod.env:4', 'spring.config.activate.on.profile': 'dev@prod.env:3' });
  });

  it('says where a profile expression is one Spring refuses', () => {
    const bad = 'a=1\n#---\nspring.config.activate.on-profile=prod & dev | qa\na=2\n';
    expect(() => activeSpringProperties(bad, 'application.properties', ['prod'])).toThrow(
      'application.properties: line 3: spring.config.activate.on-profile is not a profile expression Spring reads',
    );
  });

  it("takes the file's own spring.profiles.active and groups where the source names no profiles", () => {
    const text = [
      'spring.profiles.active=dev',
      'spring.profiles.group.dev=api-docs',
      'a=1',
      '#---',
      'spring.config.activate.on-profile=api-docs',
      'a=2',
      '#---',
      'spring.config.activate.on-profile=default',
      'b=3',
    ].join('\n');
    expect(values(text, 'application.properties')).toEqual({
      'spring.profiles.active': 'dev@application.properties:1',
      'spring.profiles.group.dev': 'api-docs@application.properties:2',
      a: '2@application.properties:6',
    });
    expect(values(text, 'application.properties', ['prod'])).toMatchObject({ a: '1@application.properties:3' });
  });

  it('keeps spring.profiles.active and include as settings', () => {
    expect(values('spring.profiles.active=prod\n#---\nspring.profiles.include=x\n', 'application.properties')).toEqual({
      'spring.profiles.active': 'prod@application.properties:1',
      'spring.profiles.include': 'x@application.properties:3',
    });
  });
});
