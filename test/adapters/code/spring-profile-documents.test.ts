import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

// One application.yml, several documents: Spring Boot loads a `---` document with spring.config.activate.on-profile
// (or Boot 2.3's spring.profiles) only with that profile active, as it loads application-P.yml.
const APPLICATION_YML = `server:
  port: \${PORT:8080}
---
spring:
  config:
    activate:
      on-profile: mongo
  data:
    mongodb:
      uri: \${MONGO_URI}
---
spring.profiles: legacy
legacy.url: \${LEGACY_URL}
---
spring:
  config:
    activate:
      on-profile: "dynamodb"
carts:
  dynamodb:
    endpoint: \${DYNAMODB_ENDPOINT}
`;

const APPLICATION_PROPERTIES = `greeting=\${GREETING:hello}
#---
spring.config.activate.on-profile=prod
db.url=\${PROD_DB_URL}
!---
timeout=\${TIMEOUT:5s}
`;

const scanOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads;

describe("a Spring configuration file's profile documents", () => {
  test("a placeholder in a profile's document is read only with that profile, as in application-P.yml", async () => {
    const reads = await scanOf({ 'src/main/resources/application.yml': APPLICATION_YML });
    expect(reads.map((r) => [r.name, r.line, r.profile])).toEqual([
      ['DYNAMODB_ENDPOINT', 21, 'dynamodb'],
      ['LEGACY_URL', 13, 'legacy'],
      ['MONGO_URI', 10, 'mongo'],
      ['PORT', 2, undefined],
    ]);
  });

  test("a .properties file's documents (#--- and !---) likewise; the document after a profile's is every profile's again", async () => {
    const reads = await scanOf({ 'application.properties': APPLICATION_PROPERTIES });
    expect(reads.map((r) => [r.name, r.profile])).toEqual([
      ['GREETING', undefined],
      ['PROD_DB_URL', 'prod'],
      ['TIMEOUT', undefined],
    ]);
  });

  test("spring.profiles.active (a setting under spring.profiles) makes no document a profile's: its values are every profile's defaults (piggymetrics' config service)", async () => {
    const yml = readFileSync(
      path.join(__dirname, '../../fixtures/realworld/piggymetrics/config/src/main/resources/application.yml'),
      'utf8',
    );
    const reads = await scanOf({
      'config/src/main/resources/application.yml': yml,
      'config/src/main/java/Port.java': 'class Port {\n  @Value("${server.port}") int port;\n}\n',
    });
    expect(reads.map((r) => [r.name, r.fallback, r.profile])).toEqual([
      ['CONFIG_SERVICE_PASSWORD', { kind: 'none' }, undefined],
      ['server.port', { kind: 'default', value: '8888' }, undefined],
    ]);
  });

  test("a profile document's value is no default of every profile's read (application.properties)", async () => {
    const reads = await scanOf({
      'src/main/resources/application.properties':
        'app.mode=${MODE:fast}\n#---\nspring.config.activate.on-profile=prod\napp.region=eu-west-1\n',
      'src/main/java/A.java': 'class A {\n  @Value("${app.region}") String region;\n}\n',
    });
    expect(reads.filter((r) => r.name === 'app.region').map((r) => r.fallback)).toEqual([{ kind: 'none' }]);
  });
});
