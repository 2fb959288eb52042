import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { drift, REPO, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: checkout
environments:
  staging:
    sources:
      - file: { from: config/staging.json }
      - dotenv: { from: env/staging.env }
  production:
    sources:
      - file: { from: config/production.yml }
      - ssm: { path: /prod/checkout/, from: exports/prod-ssm.json }
      - k8s: { from: manifests/, workload: api, container: app }
parity:
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: info
  keys:
    database.pool.size: { type: int, value: 20 }
    db.timeout: { type: duration, value: 10s, max: 30s }
    api.timeout: { type: duration, value: 30s }
    inventory.url: { required: true, per-environment: true }
    log.level: { value: INFO }
    beta.checkout: { type: bool, value: false }
    payment.timeout: { type: duration }
    payment.retries: { type: int }
  exceptions:
    - { environment: staging, key: log.level, value: DEBUG, reason: "QA-7 noisy tests", ticket: OPS-1, expires: 2026-12-31 }
    - { environment: production, key: beta.checkout, reason: "beta stays on in production", permanent: true }
  rules:
    - { name: worst-case-wait, assert: "payment.timeout * payment.retries <= 60s", severity: high }
`;

const STAGING_JSON = `{
  "database": {
    "pool_size": 10
  },
  "payment": { "timeout": "30s", "retries": 2 }
}
`;

const PRODUCTION_YML = `database:
  pool_size: 20
payment:
  timeout: 30s
  retries: 5
beta:
  checkout: true
`;

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: WARN
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: example/app:1
          envFrom:
            - configMapRef: { name: app-config }
          env:
            - name: PORT
              value: "8080"
            - name: DB_TIMEOUT
              value: 60s
`;

const FILES = {
  'README.md': '# a monorepo\n',
  'services/checkout/drift.yaml': ESTATE,
  'services/checkout/config/staging.json': STAGING_JSON,
  'services/checkout/config/production.yml': PRODUCTION_YML,
  'services/checkout/env/staging.env': '# staging\nAPI_TIMEOUT=45s\nLOG_LEVEL=DEBUG\n',
  'services/checkout/exports/prod-ssm.json': JSON.stringify(
    {
      Parameters: [
        { Name: '/prod/checkout/api_timeout', Type: 'String', Value: '90s', Version: 2 },
        { Name: '/prod/checkout/legacy_ttl', Type: 'String', Value: '300', Version: 1 },
      ],
    },
    null,
    2,
  ),
  'services/checkout/manifests/app.yaml': MANIFEST,
};

interface Result {
  ruleId: string;
  level: string;
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine?: number } };
    logicalLocations: Array<{ fullyQualifiedName: string }>;
  }>;
  partialFingerprints: { driftFindingId: string };
  suppressions?: Array<{ kind: string; justification?: string }>;
}

/** A git repository holding the estate in services/checkout/, as a monorepo would. */
function monorepo(): string {
  const dir = scratch(FILES);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** The 1-based line of the first line of `file` (in the repository) that contains `text`. */
function lineOf(root: string, file: string, text: string): number {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

const at = (r: Result) => ({
  uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
  line: r.locations[0]!.physicalLocation.region?.startLine,
});
const named = (results: Result[], ruleId: string, qualified: string): Result => {
  const found = results.find((r) => r.ruleId === ruleId && r.locations[0]!.logicalLocations[0]!.fullyQualifiedName === qualified);
  if (!found) throw new Error(`no ${ruleId} result for ${qualified}`);
  return found;
};

describe('SARIF: every result at a line of a file, relative to the repository root', () => {
  const root = monorepo();
  const estate = 'services/checkout/drift.yaml';
  let sarif: { runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; results: Result[] }> };
  let results: Result[];

  beforeAll(async () => {
    const r = await drift(['audit', '--format', 'sarif', '--no-store', '-c', estate], { cwd: root });
    expect(r.stderr).toBe('');
    sarif = JSON.parse(r.stdout);
    results = sarif.runs[0]!.results;
  });

  test('URIs are relative to the git root, under %SRCROOT%, which the run declares', () => {
    expect(sarif.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(realpathSync(root)).href}/`);
    expect(results.length).toBeGreaterThan(8);
    for (const r of results) {
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).toMatch(/^services\/checkout\//);
      expect(Number.isInteger(loc.region?.startLine) && loc.region!.startLine! >= 1).toBe(true);
    }
  });

  test('the same URIs when drift runs from the estate folder', async () => {
    const r = await drift(['audit', '--format', 'sarif', '--no-store'], { cwd: path.join(root, 'services/checkout') });
    expect((JSON.parse(r.stdout).runs[0].results as Result[]).map(at)).toEqual(results.map(at));
  });

  test('a value read from a file points at the line that sets it: JSON key path, dotenv line, manifest env var and ConfigMap key', () => {
    expect(at(named(results, 'mismatch', 'checkout/staging/database.pool.size'))).toEqual({
      uri: 'services/checkout/config/staging.json',
      line: lineOf(root, 'services/checkout/config/staging.json', '"pool_size"'),
    });
    expect(at(named(results, 'mismatch', 'checkout/staging/api.timeout'))).toEqual({
      uri: 'services/checkout/env/staging.env',
      line: lineOf(root, 'services/checkout/env/staging.env', 'API_TIMEOUT='),
    });
    const manifest = 'services/checkout/manifests/app.yaml';
    expect(at(named(results, 'constraint', 'checkout/production/db.timeout'))).toEqual({
      uri: manifest,
      line: lineOf(root, manifest, '- name: DB_TIMEOUT'),
    });
    expect(at(named(results, 'mismatch', 'checkout/production/db.timeout'))).toEqual({
      uri: manifest,
      line: lineOf(root, manifest, '- name: DB_TIMEOUT'),
    });
    expect(at(named(results, 'mismatch', 'checkout/production/log.level'))).toEqual({
      uri: manifest,
      line: lineOf(root, manifest, 'LOG_LEVEL: WARN'),
    });
  });

  test('otherwise the declaration in drift.yaml: the key, the rule, the parity group, the environment', () => {
    // api.timeout in production comes from SSM: no file sets it, the baseline declares it.
    expect(at(named(results, 'mismatch', 'checkout/production/api.timeout'))).toEqual({
      uri: estate,
      line: lineOf(root, estate, 'api.timeout:'),
    });
    expect(at(named(results, 'missing', 'checkout/production/inventory.url'))).toEqual({
      uri: estate,
      line: lineOf(root, estate, 'inventory.url:'),
    });
    expect(at(named(results, 'rule', 'checkout/production/worst-case-wait'))).toEqual({
      uri: estate,
      line: lineOf(root, estate, 'name: worst-case-wait'),
    });
    expect(at(named(results, 'parity', 'checkout/stage-vs-prod/payment.retries'))).toEqual({
      uri: estate,
      line: lineOf(root, estate, 'payment.retries:'),
    });
    // An undeclared key from SSM: the environment's entry.
    expect(at(named(results, 'undeclared', 'checkout/production/legacy.ttl'))).toEqual({
      uri: estate,
      line: lineOf(root, estate, '  production:'),
    });
  });

  test('excused findings are results with an external suppression and the exception as justification', () => {
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(2);
    const staging = named(results, 'mismatch', 'checkout/staging/log.level');
    expect(staging.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', justification: 'exception until 2026-12-31: QA-7 noisy tests (OPS-1)' }),
    ]);
    expect(at(staging)).toEqual({
      uri: 'services/checkout/env/staging.env',
      line: lineOf(root, 'services/checkout/env/staging.env', 'LOG_LEVEL='),
    });
    const accepted = named(results, 'mismatch', 'checkout/production/beta.checkout');
    expect(accepted.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', justification: 'accepted difference: beta stays on in production' }),
    ]);
    expect(at(accepted)).toEqual({
      uri: 'services/checkout/config/production.yml',
      line: lineOf(root, 'services/checkout/config/production.yml', 'checkout: true'),
    });
  });

  test('one result per finding and per suppressed finding, with the ids of the JSON document', async () => {
    const doc = JSON.parse((await drift(['audit', '--format', 'json', '--no-store', '-c', estate], { cwd: root })).stdout) as {
      findings: Array<{ id: string }>;
      suppressed: Array<{ id: string }>;
    };
    const ids = (rs: Result[]) => rs.map((r) => r.partialFingerprints.driftFindingId);
    expect(ids(results.filter((r) => !r.suppressions))).toEqual(doc.findings.map((f) => f.id));
    expect(ids(results.filter((r) => r.suppressions))).toEqual(doc.suppressed.map((f) => f.id));
  });

  test('without a git repository, URIs are relative to the estate folder', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--format', 'sarif', '--no-store', '-c', estate], { cwd: dir });
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(realpathSync(path.join(dir, 'services/checkout'))).href}/`);
    expect(at(named(run.results, 'mismatch', 'checkout/staging/database.pool.size'))).toEqual({ uri: 'config/staging.json', line: 3 });
  });

  test('the document is valid SARIF 2.1.0 (the OASIS schema, kept in test/fixtures/sarif)', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as {
      $schema: string;
      id: string;
    } & Record<string, unknown>;
    // The schema is draft-04; Ajv 8 reads it as draft-07 once its id keyword is renamed (nothing else differs in this schema).
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    ajv.addFormat('uri-reference', /^[^\s]*$/);
    ajv.addFormat(
      'date-time',
      (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
    );
    const validate = ajv.compile({ ...rest, $id: id });
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
