import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// aws-containers/retail-store-sample-app 0.8.4: its Helm-rendered manifests and the code of two services.
const RETAIL = path.join(REPO, 'test/fixtures/realworld/retail-store-sample-app');

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
  message: string;
}

function estate(workload: string, code: string): string {
  return `version: 1
name: retail-${workload}
environments:
  staging:
    sources:
      - k8s: { from: ${RETAIL}/kubernetes/deploy.yaml, workload: ${workload} }
code: { path: ${RETAIL}/src/${code} }
baseline:
  undeclared: ignore
`;
}

async function audit(workload: string, code: string): Promise<Finding[]> {
  const dir = scratch({ 'drift.yaml': estate(workload, code) });
  const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
}

describe('the retail store sample app, its manifests and its code', () => {
  test("the Maven wrapper's downloader is build tooling: its MVNW_* reads are no unset finding", async () => {
    const findings = await audit('carts', 'cart');
    expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    expect(findings.filter((f) => f.key?.startsWith('mvnw.'))).toEqual([]);
  });

  test("the catalog's presence test of OTEL_SERVICE_NAME (its value dropped) is no HIGH unset: unset, tracing stays off", async () => {
    const findings = await audit('catalog', 'catalog');
    expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    expect(findings.filter((f) => f.key === 'otel.service.name' && f.severity === 'high')).toEqual([]);
    // The reads with a default the manifest does not set are still reported.
    expect(findings.find((f) => f.key === 'db.migrations.path')).toMatchObject({ kind: 'unset', severity: 'medium' });
  });

  test("a Spring property set the way Spring's documentation writes its variable (dashes removed) is read: keep-alive from ENDPOINTS_HTTP_KEEPALIVE", async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: retail-ui
environments:
  staging:
    sources:
      - k8s: { from: ${RETAIL}/kubernetes/deploy.yaml, workload: ui }
      - dotenv: { from: tuning.env }
code: { path: ${RETAIL}/src/ui }
baseline:
  undeclared: ignore
`,
      // The on-call's fix for dropped connections: @Value("${endpoints.http.keep-alive}") bound from its variable.
      'tuning.env': 'ENDPOINTS_HTTP_KEEPALIVE=false\nENDPOINTS_LOGGING=true\n',
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const keepAlive = findings.filter((f) => f.key?.startsWith('endpoints.http.keep'));
    expect(keepAlive).toEqual([]);
    // Unset where neither spelling is set: one finding, under the key as the code writes it.
    const bare = scratch({ 'drift.yaml': estate('ui', 'ui') });
    const unset = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: bare });
    const keys = (JSON.parse(unset.stdout) as { findings: Finding[] }).findings.filter((f) => f.key?.startsWith('endpoints.http.keep'));
    expect(keys.map((f) => [f.kind, f.key])).toEqual([['unset', 'endpoints.http.keep.alive']]);
  });

  test('the cart\'s @ConfigurationProperties("carts.dynamodb") class reads the CARTS_DYNAMODB_* variables its ConfigMap sets', async () => {
    const findings = await audit('carts', 'cart');
    expect(findings.filter((f) => f.key?.startsWith('carts.dynamodb.'))).toEqual([]);
    // Without the variables, each field is one unset finding, under the key as Spring writes it, naming the class's field.
    const dir = scratch({
      'drift.yaml': `version: 1
name: retail-carts
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
code: { path: ${RETAIL}/src/cart }
baseline:
  undeclared: ignore
`,
      'staging.env': 'SPRING_PROFILES_ACTIVE=dynamodb\n',
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    const unset = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key?.startsWith('carts.dynamodb.'));
    expect(unset.map((f) => [f.kind, f.key]).sort()).toEqual([
      ['unset', 'carts.dynamodb.create.table'],
      ['unset', 'carts.dynamodb.endpoint'],
      ['unset', 'carts.dynamodb.table.name'],
    ]);
    const tableName = unset.find((f) => f.key === 'carts.dynamodb.table.name')?.message;
    expect(tableName).toContain('the code reads carts.dynamodb.table-name at ');
    expect(tableName).toContain('DynamoDBProperties.java');
  });

  test('a code tree outside the estate (a trusted absolute path) is named by its absolute path, not one that lost its leading /', async () => {
    const findings = await audit('catalog', 'catalog');
    const endpoint = findings.find((f) => f.key === 'db.migrations.path');
    expect(endpoint?.message).toContain(`the code reads DB_MIGRATIONS_PATH at ${RETAIL}/src/catalog/config/config.go:34 (env struct tag)`);
  });

  test("a placeholder in a profile's file (application-mongo.yml) is read only where that profile is active", async () => {
    const unsetIn = async (profiles: string) => {
      const dir = scratch({
        'drift.yaml': `version: 1
name: retail-carts
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
code: { path: ${RETAIL}/src/cart }
baseline:
  undeclared: ignore
`,
        'staging.env': profiles,
      });
      const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
      return (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'mongo.db');
    };
    // The chart's ConfigMap runs the cart on DynamoDB: the mongo profile's ${mongo_db:carts-db} is never resolved.
    expect(await unsetIn('SPRING_PROFILES_ACTIVE=dynamodb\n')).toEqual([]);
    // An environment that names no profile may run those its application.yml activates: judged as before.
    expect(await unsetIn('SERVER_PORT=8080\n')).toHaveLength(1);
    const mongo = await unsetIn('SPRING_PROFILES_ACTIVE=prod, mongo\n');
    expect(mongo.map((f) => [f.kind, f.severity])).toEqual([['unset', 'medium']]);
    expect(mongo[0]?.message).toContain('application-mongo.yml:4');
  });
});
