import { drift, scratch } from '../helpers/cli';

// node-config loads config/default.json, then the file NODE_ENV names (development where it names none): a variable
// config/custom-environment-variables maps falls back to that file's value, not only to default.json's.
const TREE = {
  'src/index.js': "const config = require('config');\nmodule.exports = { host: config.get('db.host') };\n",
  'src/config/default.json': '{ "port": 3000 }',
  'src/config/production.json': '{ "db": { "host": "prod-db.internal" } }',
  'src/config/development.json': '{ "db": { "host": "localhost" } }',
  'src/config/custom-environment-variables.json': '{ "db": { "host": "DB_HOST" } }',
  'env/dev.env': 'PORT=3000\n',
  'env/production.env': 'NODE_ENV=production\n',
  'env/staging.env': 'NODE_ENV=staging\n',
  'drift.yaml': `version: 1
name: node-config
code:
  path: src/
environments:
  dev: { sources: [ { dotenv: { from: env/dev.env } } ] }
  production: { sources: [ { dotenv: { from: env/production.env } } ] }
  staging: { sources: [ { dotenv: { from: env/staging.env } } ] }
baseline:
  undeclared: ignore
`,
};

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
  message: string;
}

describe("node-config's environment files in an audit", () => {
  test('DB_HOST unset falls back to the file of the environment NODE_ENV names; a name with no file has none', async () => {
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(TREE) });
    expect(run.stderr).toBe('');
    const unset = (JSON.parse(run.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.kind === 'unset' && f.key === 'db.host')
      .map((f) => [f.environment, f.severity, f.message.split(': ').at(-1)]);
    expect(unset.sort()).toEqual([
      ['dev', 'medium', 'falls back to localhost'],
      ['production', 'medium', 'falls back to prod-db.internal'],
      ['staging', 'high', 'the code gets nothing'],
    ]);
  });
});
