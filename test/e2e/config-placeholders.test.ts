import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli, filesUnder } from '../helpers/written';

// Spring Boot's application.yml read as a file source beside the variables each environment sets: a value that is a
// placeholder runs what the environment sets for its name, else its default (the story's timeout: 10s unless bumped).
const APPLICATION_YML = `db:
  timeout: \${DB_TIMEOUT:10s}
  host: \${DB_HOST}
  password: \${DB_PASSWORD:CANARY-pw-4d3c2b}
spring:
  datasource:
    url: \${DATABASE_URL}
`;

const TREE = {
  'application.yml': APPLICATION_YML,
  'application.properties': 'server.port=${PORT:8080}\n',
  'staging.env': 'DB_HOST=db.stg\nDATABASE_URL=postgres://db.stg/app\n',
  'production.env': 'DB_TIMEOUT=60s\nDB_HOST=db.prod\nPORT=80\n',
  'drift.yaml': `version: 1
name: placeholders
environments:
  staging:
    sources:
      - file: { from: application.yml }
      - dotenv: { from: application.properties }
      - dotenv: { from: staging.env }
  production:
    sources:
      - file: { from: application.yml }
      - dotenv: { from: application.properties }
      - dotenv: { from: production.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    db.host: { per-environment: true }
    server.port: { type: int, values: { staging: 8080, production: 80 } }
`,
};

interface Finding {
  kind: string;
  environment?: string;
  key?: string;
  message: string;
}

describe('placeholders of configuration files in an audit', () => {
  test("each runs the environment's value, else its default; one with neither refers to nothing", async () => {
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(TREE) });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('CANARY');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => `${f.environment} ${f.kind} ${f.key}`);
    // Production's emergency bump is the one difference; staging runs the default, and no placeholder is a hidden layer.
    expect(findings.sort()).toEqual(['production dangling-ref spring.datasource.url', 'production mismatch db.timeout']);
  });

  test('the text report says what the placeholder needs, and holds no default of a secret', async () => {
    const run = await drift(['audit', '--no-store'], { cwd: scratch(TREE) });
    expect(run.stdout).toContain(
      'spring.datasource.url in production refers to ${DATABASE_URL}: nothing in the environment sets DATABASE_URL',
    );
    expect(run.stdout).not.toContain('CANARY');
  });
});

// A placeholder's default is what its variable holds where nothing sets it: under a key that says nothing, the default of
// a secret-named variable (JWT_SECRET, DB_PASS) is still that secret.
describe("a placeholder's default for a secret-named variable", () => {
  const SECRET_DEFAULTS = `security:
  jwt:
    signing: \${JWT_SECRET:CANARYjwt-dev-only}
app:
  login: \${DB_PASS:CANARYpass}
  greeting: \${GREETING:hello}
`;
  const secretDefaults = {
    'application.yml': SECRET_DEFAULTS,
    'staging.env': 'PORT=80\n',
    'production.env': 'JWT_SECRET=prod-signing-key\n',
    'drift.yaml': `version: 1
name: placeholders
environments:
  staging:
    sources:
      - file: { from: application.yml }
      - dotenv: { from: staging.env }
  production:
    sources:
      - file: { from: application.yml }
      - dotenv: { from: production.env }
parity:
  - { name: stages, environments: [staging, production] }
baseline:
  undeclared: info
`,
  };

  test('is never shown, written or stored, and still compared by fingerprint', async () => {
    const dir = scratch(secretDefaults);
    const { leaks, found, run, checkStore } = canaryCli(dir, ['CANARY']);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stderr).toBe('');
    const findings = (JSON.parse(json.stdout) as { findings: Finding[] }).findings;
    // The two environments differ in the signing key (one runs the default, one its own), each a fingerprint.
    expect(findings.find((f) => f.kind === 'parity' && f.key === 'security.jwt.signing')?.message).toMatch(
      /staging <secret:[0-9a-f]{8}>, production <secret:[0-9a-f]{8}>/,
    );
    // A default of a variable named like no secret is shown as written.
    expect(findings.find((f) => f.key === 'app.greeting')?.message).toContain('(hello)');
    for (const key of ['security.jwt.signing', 'app.login']) await run(['explain', 'staging', key]);
    expect((await run(['snapshot', '--record', 'recording'])).code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);
  });
});
