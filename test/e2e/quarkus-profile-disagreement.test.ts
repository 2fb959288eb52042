import { drift, scratch, type CliRun } from '../helpers/cli';

// A Quarkus application.properties (or application.yaml) source without `profiles:` is read with `prod`, Quarkus's
// default, even where the environment's task sets QUARKUS_PROFILE=staging in another source: its values were another
// profile's, silently. The source now says so, naming the variable, the source that sets it and the fix.
const PROPERTIES =
  '%prod.db.url=jdbc:postgresql://prod/db\ndb.url=jdbc:postgresql://localhost/dev\n%staging.db.url=jdbc:postgresql://staging/db\n';
const YAML = 'app:\n  name: local\n"%staging":\n  app:\n    name: staging\n';

const estate = (staging: string): string => `version: 1
name: qp
environments:
  prod:
    sources:
      - dotenv: { from: application.properties }
      - dotenv: { from: prod.env }
  staging:
    sources:
${staging}
      - dotenv: { from: staging.env }
baseline:
  undeclared: ignore
  keys:
    db.url: { per-environment: true, required: true }
`;

type Finding = { kind: string; environment?: string; message: string };
const findingsOf = (run: CliRun): Finding[] => (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
const files = {
  'application.properties': PROPERTIES,
  'application.yaml': YAML,
  'staging.env': 'QUARKUS_PROFILE=staging\n',
  'prod.env': 'QUARKUS_PROFILE=prod\n',
};

describe('a Quarkus source read with the default profile where the environment runs another', () => {
  it('is a source-error naming the file, the variable and the source that sets it; prod, which agrees, is none', async () => {
    const dir = scratch({
      ...files,
      'drift.yaml': estate('      - dotenv: { from: application.properties }\n      - file: { from: application.yaml }'),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.code).toBe(3);
    const tail = (file: string) =>
      `${file}: read with the Quarkus profile prod (the source gives no profiles:), but QUARKUS_PROFILE is staging in this ` +
      'environment (dotenv staging.env): give the source `profiles: [staging]`';
    const prefix = 'was read with errors in staging (its values are judged; while it fails, no key is reported missing there)';
    expect(findingsOf(run).map((f) => `${f.kind} ${f.message}`)).toEqual([
      `source-error dotenv application.properties ${prefix}: ${tail('application.properties')}`,
      `source-error file application.yaml ${prefix}: ${tail('application.yaml')}`,
    ]);
  });

  it('is none where the source names the profile, or the file sets the one the environment runs', async () => {
    const named = scratch({ ...files, 'drift.yaml': estate('      - dotenv: { from: application.properties, profiles: [staging] }') });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: named });
    expect([run.code, findingsOf(run)]).toEqual([0, []]);
    const inFile = scratch({
      ...files,
      'application.properties': `quarkus.profile=staging\n${PROPERTIES}`,
      'drift.yaml': estate('      - dotenv: { from: application.properties }').replace(/prod\.env/g, 'staging.env'),
    });
    const again = await drift(['audit', '--format', 'json', '--no-store'], { cwd: inFile });
    expect([again.code, findingsOf(again)]).toEqual([0, []]);
    // Another application's quarkus.profile line is its own setting, not the environment's variable.
    const other = scratch({
      ...files,
      'orders/application.properties': 'quarkus.profile=staging\n',
      'staging.env': 'OTHER=1\n',
      'drift.yaml': estate('      - dotenv: { from: orders/application.properties }\n      - dotenv: { from: application.properties }'),
    });
    const third = await drift(['audit', '--format', 'json', '--no-store'], { cwd: other });
    expect([third.code, findingsOf(third).filter((f) => f.kind === 'source-error')]).toEqual([0, []]);
  });
});
