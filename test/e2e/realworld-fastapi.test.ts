import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// fastapi/full-stack-fastapi-template: its committed .env and the backend's pydantic settings.
const FASTAPI = path.join(REPO, 'test/fixtures/realworld/full-stack-fastapi-template');
const DOTENV = readFileSync(path.join(FASTAPI, '.env'), 'utf8');

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
  actual?: string;
  message: string;
}

const estate = (keys: string) => `version: 1
name: fastapi-backend
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
code: { path: ${FASTAPI}/backend }
baseline:
  undeclared: ignore
  keys:
${keys}`;

describe('the full-stack FastAPI template, its .env and its settings', () => {
  test('secret: false on a key named like a secret (a token lifetime) lets its value be declared, compared and shown', async () => {
    const dir = scratch({
      'drift.yaml': estate('    access.token.expire.minutes: { type: int, value: 11520, max: 20160, secret: false }\n'),
      'staging.env': DOTENV,
      // The 2 AM fix: sessions that never expire.
      'production.env': `${DOTENV}ACCESS_TOKEN_EXPIRE_MINUTES=100000\n`,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const production = findings.filter((f) => f.environment === 'production' && f.key === 'access.token.expire.minutes');
    expect(production.map((f) => [f.kind, f.actual])).toEqual(
      expect.arrayContaining([
        ['constraint', '100000'],
        ['mismatch', '100000'],
      ]),
    );
    expect(run.stdout).not.toContain('<secret:');
    // The .env's real secrets stay secret: SECRET_KEY is still fingerprinted where it is shown.
    const diff = await drift(['diff', 'staging', 'production', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(diff.stdout).toMatch(/secret\.key\s+<secret:/);
    expect(diff.stdout).not.toContain('changethis');
  });

  test('without secret: false, the expected value of a key named like a secret is refused at its position, saying how to declare it no secret', async () => {
    const dir = scratch({
      'drift.yaml': estate('    access.token.expire.minutes: { type: int, value: 11520 }\n'),
      'staging.env': DOTENV,
      'production.env': DOTENV,
    });
    const run = await drift(['audit', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drift.yaml:14:5: keys.access.token.expire.minutes.value: access.token.expire.minutes is a secret key');
    expect(run.stderr).toContain('declare the key `secret: false`');
  });
});
