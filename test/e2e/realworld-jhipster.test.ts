import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// jhipster/jhipster-sample-app: Spring Boot's application.yml (three `---` documents, one loaded only
// without the api-docs profile), the dev and prod profiles' files, and secret-samples, whose last two
// documents are loaded only with the dev or the prod profile.
const JHIPSTER = path.join(REPO, 'test/fixtures/realworld/jhipster-sample-app');
const read = (name: string) => readFileSync(path.join(JHIPSTER, name), 'utf8');

interface Finding {
  kind: string;
  environment?: string;
  group?: string;
  key?: string;
  actual?: string;
  values?: Record<string, string | null>;
  message: string;
}

const estate = `version: 1
name: jhipster-sample
environments:
  dev:
    sources:
      - { file: { from: application.yml, profiles: [dev, secret-samples, api-docs] }, defaults: true }
      - file: { from: [application-secret-samples.yml, application-dev.yml], profiles: [dev, secret-samples, api-docs] }
  prod:
    sources:
      - { file: { from: application.yml, profiles: prod }, defaults: true }
      - file: { from: application-prod.yml, profiles: prod }
parity:
  - { name: dev-vs-prod, environments: [dev, prod] }
baseline:
  undeclared: ignore
  keys:
    spring.datasource.url: { per-environment: true, required: true }
    spring.datasource.username: { required: true }
    springdoc.api.docs.enabled: { type: bool }
    management.prometheus.metrics.export.enabled: { type: bool }
    spring.task.execution.pool.max.size: { type: int, value: 50 }
`;

const files = {
  'drift.yaml': estate,
  'application.yml': read('application.yml'),
  'application-dev.yml': read('application-dev.yml'),
  'application-prod.yml': read('application-prod.yml'),
  'application-secret-samples.yml': read('application-secret-samples.yml'),
};

describe("JHipster's sample application, its Spring profiles' multi-document YAML", () => {
  test('every document a profile loads is read, in order, as Spring reads them; a document for other profiles is not', async () => {
    const dir = scratch(files);
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    // application.yml's second document sets the pool for every profile: as the baseline expects.
    expect(findings.filter((f) => f.key === 'spring.task.execution.pool.max.size')).toEqual([]);
    // Its first document turns the API docs off without the api-docs profile, which only dev has.
    const docs = findings.find((f) => f.kind === 'parity' && f.key === 'springdoc.api.docs.enabled');
    expect(docs?.values).toEqual({ dev: null, prod: 'false' });
    // prod's file turns off what application.yml turns on: read as one key, prod's value.
    const prometheus = findings.find((f) => f.kind === 'parity' && f.key === 'management.prometheus.metrics.export.enabled');
    expect(prometheus?.values).toEqual({ dev: 'true', prod: 'false' });
    // secret-samples' user name is in a document of the dev profile (and one of prod, a file prod does not load).
    const username = findings.filter((f) => f.key === 'spring.datasource.username');
    expect(username.filter((f) => f.environment !== undefined).map((f) => [f.kind, f.environment])).toEqual([['missing', 'prod']]);
    expect(username.find((f) => f.kind === 'parity')?.values).toEqual({ dev: 'jhipsterSampleApplication', prod: null });
    // A document's activation is no setting of the application.
    expect(findings.map((f) => f.key)).not.toContain('spring.config.activate.on.profile');
  });

  test('without profiles, a file is read as Spring reads it with none active: documents for a profile are left out', async () => {
    const dir = scratch({
      ...files,
      'drift.yaml': estate.replace(/, profiles: (\[[^\]]*\]|prod)/g, ''),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    // Both environments load application.yml's first document (no api-docs profile is active).
    expect(findings.filter((f) => f.key === 'springdoc.api.docs.enabled')).toEqual([]);
    // secret-samples' user name is only in documents of the dev and prod profiles.
    const username = findings.filter((f) => f.key === 'spring.datasource.username');
    expect(username.map((f) => [f.kind, f.environment])).toEqual([
      ['missing', 'dev'],
      ['missing', 'prod'],
    ]);
  });

  test('drift init invents no drift: the first audit after it finds no value breaking the type it declared', async () => {
    const dir = scratch({ ...files, 'drift.yaml': estate.slice(0, estate.indexOf('baseline:')) });
    const init = await drift(['init', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(init.stderr).toMatch(/^wrote drift.yaml/);
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toMatch(/jhipster\.cors\.allowed\.origins: +\{ type: string,/);
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    // A comma-separated list of origins is no URL: declared one, it broke its own type in dev.
    expect(findings.filter((f) => f.kind === 'constraint')).toEqual([]);
  });

  test("SARIF points at the line of the document that set the value: a later document's, and the active profile's", async () => {
    const dir = scratch({
      ...files,
      'drift.yaml': estate
        .replace('file: { from: application-prod.yml,', 'file: { from: [application-secret-samples.yml, application-prod.yml],')
        .replace('max.size: { type: int, value: 50 }', 'max.size: { type: int, value: 40 }')
        .replace('username: { required: true }', 'username: { value: app }'),
    });
    const run = await drift(['audit', '--format', 'sarif', '--no-store', '--trust-estate-paths'], { cwd: dir });
    interface Result {
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
    }
    const results = (JSON.parse(run.stdout) as { runs: Array<{ results: Result[] }> }).runs[0]!.results;
    const at = (start: string) =>
      results
        .filter((r) => r.message.text.startsWith(start))
        .map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region?.startLine}`);
    // application.yml's second document sets the pool (line 158), after a first document of 26 lines.
    expect(at('spring.task.execution.pool.max.size is 50 in dev')).toEqual(['application.yml:158']);
    // secret-samples sets the user name in the dev profile's document (line 27) and the prod profile's (line 35).
    expect(at('spring.datasource.username is jhipsterSampleApplication in dev')).toEqual(['application-secret-samples.yml:27']);
    expect(at('spring.datasource.username is jhipsterSampleApplication in prod')).toEqual(['application-secret-samples.yml:35']);
  });

  test('drift explain names the file that sets a key from one of its documents', async () => {
    const dir = scratch(files);
    const run = await drift(['explain', 'dev', 'spring.datasource.username', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('application-secret-samples.yml#spring.datasource.username');
    expect(run.stdout).toContain('jhipsterSampleApplication');
    // Under a name holding `key`, a placeholder naming another setting is no token: it runs that setting's value, shown.
    const reference = await drift(
      ['explain', 'dev', 'management.observations.key-values.application', '--no-store', '--trust-estate-paths'],
      {
        cwd: dir,
      },
    );
    expect(reference.stdout).toContain('→ wins  jhipsterSampleApplication');
    expect(reference.stdout).toContain('the reference resolves to file application.yml#spring.application.name');
  });
});
