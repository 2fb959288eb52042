import { drift, scratch } from '../helpers/cli';

// One application.properties for every environment, split into documents as Spring Boot 2.4+ reads it; each
// environment's source names the profiles its SPRING_PROFILES_ACTIVE activates.
const APPLICATION = `logging.level.root=INFO
server.port=8080
#---
spring.config.activate.on-profile=dev
logging.level.root=DEBUG
#---
spring.config.activate.on-profile=prod
server.port=80
`;

const estate = (prodProfiles: string) => `version: 1
name: spring-properties
environments:
  dev:
    sources:
      - dotenv: { from: application.properties, profiles: dev }
  production:
    sources:
      - dotenv: { from: application.properties, profiles: ${prodProfiles} }
parity:
  - { name: all, environments: [dev, production] }
baseline:
  undeclared: ignore
  keys:
    logging.level.root: { value: INFO, values: { dev: DEBUG } }
    server.port: { type: int }
`;

interface Finding {
  kind: string;
  key?: string;
  values?: Record<string, string | null>;
}

describe("a Spring .properties file's profile documents through a dotenv source", () => {
  test("each environment reads its own profiles' documents: dev's DEBUG is not production's value", async () => {
    const dir = scratch({ 'drift.yaml': estate('[prod]'), 'application.properties': APPLICATION });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.key === 'logging.level.root')).toEqual([]);
    expect(findings.filter((f) => f.key === 'server.port').map((f) => [f.kind, f.values])).toEqual([
      ['parity', { dev: '8080', production: '80' }],
    ]);
    expect(findings.filter((f) => f.key?.startsWith('spring.'))).toEqual([]);
  });
});
