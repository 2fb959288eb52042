import type { Finding } from '../../lambdas/core/model';
import { drift, scratch } from '../helpers/cli';

// Spring Boot loads a document of application.yml whose spring.config.activate.on-profile (or Boot 2.3's
// spring.profiles) is a list or a profile expression only where it matches the active profiles: `prod, eu` is either
// profile, `!prod` any but prod, `prod & eu` both, `prod | staging` either (Spring's Profiles.of).
const APPLICATION_YML = `server:
  port: 8080
---
spring:
  config:
    activate:
      on-profile: prod, eu
listed.url: \${LISTED_URL}
---
spring:
  config:
    activate:
      on-profile: "!prod"
not.prod.url: \${NOT_PROD_URL}
---
spring.profiles: prod & eu
both.url: \${BOTH_URL}
---
spring:
  config:
    activate:
      on-profile: prod | staging
either.url: \${EITHER_URL}
---
spring:
  config:
    activate:
      on-profile: [qa, dev]
flow.url: \${FLOW_URL}
`;

const unsetWith = async (profiles: string): Promise<string[]> => {
  const dir = scratch({
    'drift.yaml': `version: 1
name: app
environments:
  env:
    sources:
      - dotenv: { from: env.env }
code: { path: src }
baseline:
  undeclared: ignore
`,
    'env.env': `SPRING_PROFILES_ACTIVE=${profiles}\n`,
    'src/main/resources/application.yml': APPLICATION_YML,
  });
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
  const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  return findings
    .filter((f) => f.kind === 'unset')
    .map((f) => f.key ?? '')
    .sort();
};

describe("a Spring profile document's list or expression", () => {
  test('prod alone: the list and the either document, not !prod nor prod & eu', async () => {
    expect(await unsetWith('prod')).toEqual(['either.url', 'listed.url']);
  });

  test('prod and eu: the list, both and either', async () => {
    expect(await unsetWith('prod,eu')).toEqual(['both.url', 'either.url', 'listed.url']);
  });

  test('staging: !prod and either; qa: !prod and the flow list', async () => {
    expect(await unsetWith('staging')).toEqual(['either.url', 'not.prod.url']);
    expect(await unsetWith('qa')).toEqual(['flow.url', 'not.prod.url']);
  });
});
