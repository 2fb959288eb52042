import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  prod:
    sources:
      - dotenv: { from: prod.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
code: src
`;
const files = {
  'drift.yaml': ESTATE,
  'staging.env': 'DB_TIMEOUT=10s\n',
  'prod.env': 'DB_TIMEOUT=60s\n',
  'src/app.js': 'process.env.DB_TIMEOUT;\n',
};

describe('--env', () => {
  // `drift audit --env "$TARGET"` with TARGET unset: auditing every environment would gate a staging deploy on production.
  test.each([
    ['audit', ['audit', '--no-store']],
    ['snapshot --record', ['snapshot', '--record', 'rec']],
  ])('%s --env "" (names nothing) is a usage error, not every environment', async (_what, args) => {
    const run = await drift([...args, '--env', ''], { cwd: scratch(files) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("option '--env <names...>' argument '' is invalid");
  });

  test('code check --env twice is refused (it checks one environment), not narrowed to the last one silently', async () => {
    const run = await drift(['code', 'check', '--env', 'prod', '--env', 'staging'], { cwd: scratch(files) });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'drift: --env: name one environment (the one about to be deployed to)\n' });
  });
});
