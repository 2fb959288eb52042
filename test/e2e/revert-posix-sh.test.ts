import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../helpers/cli';

// drift revert prints a script people paste or run with `sh`: every value must reach the command as
// written, in POSIX sh (dash) as in bash, and nothing in a value may run.
const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-revert-sh-'));
const canary = path.join(dir, 'ran');
const VALUE = `it's $(touch ${canary}) \`touch ${canary}\` "q" \\ $HOME\nsecond line ünï 🎉\u001b[2J\n`;

function estate(): void {
  mkdirSync(path.join(dir, 'manifests'));
  writeFileSync(
    path.join(dir, 'manifests/deployment.json'),
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'orders-api', namespace: 'orders' },
      spec: {
        selector: { matchLabels: { app: 'orders' } },
        template: { spec: { containers: [{ name: 'api', image: 'orders:1', env: [{ name: 'GREETING', value: 'hi' }] }] } },
      },
    }),
  );
  writeFileSync(
    path.join(dir, 'ssm.json'),
    JSON.stringify({ Parameters: [{ Name: '/prod/orders/motd', Type: 'String', Value: 'old', Version: 1 }] }),
  );
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    [
      'version: 1',
      'name: orders',
      'environments:',
      '  prod:',
      '    region: us-east-1',
      '    sources:',
      '      - ssm: { path: /prod/orders/, from: ssm.json }',
      '      - k8s: { from: manifests/, workload: orders-api, container: api }',
      'baseline:',
      '  keys:',
      `    greeting: { value: ${JSON.stringify(VALUE)} }`,
      `    motd: { value: ${JSON.stringify(VALUE)} }`,
      '',
    ].join('\n'),
  );
  // kubectl and aws that print the words they were given, one JSON array a line.
  mkdirSync(path.join(dir, 'bin'));
  for (const tool of ['kubectl', 'aws']) {
    const stub = path.join(dir, 'bin', tool);
    writeFileSync(stub, `#!${process.execPath}\nconsole.log(JSON.stringify(process.argv.slice(2)));\n`);
    chmodSync(stub, 0o755);
  }
}

describe('drift revert prints commands any POSIX shell runs as written', () => {
  beforeAll(estate);

  it.each(['sh', 'bash'])('%s passes each value whole, and runs nothing in it', async (shell) => {
    rmSync(canary, { force: true });
    const r = await drift(['revert', 'prod', 'greeting', 'motd'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    const ran = spawnSync(shell, ['-c', r.stdout], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: '/home/nobody' },
    });
    expect(ran.stderr).toBe('');
    const calls = ran.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls).toContainEqual(['set', 'env', 'deployment/orders-api', '-n', 'orders', '-c', 'api', '--', `GREETING=${VALUE}`]);
    expect(calls).toContainEqual([
      'ssm',
      'put-parameter',
      '--name',
      '/prod/orders/motd',
      '--value',
      VALUE,
      '--overwrite',
      '--region',
      'us-east-1',
    ]);
    expect(existsSync(canary)).toBe(false);
  });
});
