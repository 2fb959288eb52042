import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../helpers/cli';

// Two keys of one ECS task definition reverted in one plan: each key's commands register a new
// revision; the revision the service ends on must carry both values, not only the last key's.
const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-revert-ecs-'));
const TASKDEF = {
  taskDefinition: {
    family: 'pay',
    revision: 7,
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/pay:7',
    containerDefinitions: [
      {
        name: 'app',
        image: 'pay:1',
        environment: [
          { name: 'GREETING', value: 'hello from the incident' },
          { name: 'POOL_SIZE', value: '40' },
          { name: 'LOG_LEVEL', value: 'INFO' },
        ],
      },
    ],
  },
};

/** An `aws` that keeps task-definition revisions in a folder, as ECS would: describe, register, update-service. */
const FAKE_AWS = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const state = process.env.FAKE_ECS;
const args = process.argv.slice(2);
const at = (flag) => args[args.indexOf(flag) + 1];
const revisions = () => fs.readdirSync(state).filter((f) => /^rev-\\d+\\.json$/.test(f)).map((f) => Number(f.slice(4, -5)));
if (args[1] === 'describe-task-definition') {
  const [family, rev] = at('--task-definition').split(':');
  const n = rev === undefined ? Math.max(...revisions()) : Number(rev);
  const td = JSON.parse(fs.readFileSync(path.join(state, 'rev-' + n + '.json'), 'utf8'));
  process.stdout.write(JSON.stringify({ taskDefinition: { ...td, family, revision: n } }));
} else if (args[1] === 'register-task-definition') {
  const input = JSON.parse(fs.readFileSync(at('--cli-input-json').replace(/^file:\\/\\//, ''), 'utf8'));
  fs.writeFileSync(path.join(state, 'rev-' + (Math.max(...revisions()) + 1) + '.json'), JSON.stringify(input));
} else if (args[1] === 'update-service') {
  fs.writeFileSync(path.join(state, 'service.json'), JSON.stringify({ taskDefinition: at('--task-definition'), revision: Math.max(...revisions()) }));
}
`;

beforeAll(() => {
  writeFileSync(path.join(dir, 'taskdef.json'), JSON.stringify(TASKDEF));
  writeFileSync(
    path.join(dir, 'service.json'),
    JSON.stringify({ services: [{ serviceName: 'pay', clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod', desiredCount: 2 }] }),
  );
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    [
      'version: 1',
      'name: pay',
      'environments:',
      '  prod:',
      '    region: us-east-1',
      '    sources:',
      '      - ecs: { from: [taskdef.json, service.json], container: app }',
      'baseline:',
      '  keys:',
      '    greeting: { value: hello }',
      '    pool.size: { type: int, value: 20 }',
      '    log.level: { value: INFO }',
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(dir, 'bin'));
  writeFileSync(path.join(dir, 'bin', 'aws'), FAKE_AWS);
  chmodSync(path.join(dir, 'bin', 'aws'), 0o755);
  mkdirSync(path.join(dir, 'ecs'));
  const { family: _f, revision: _r, ...registered } = TASKDEF.taskDefinition;
  writeFileSync(path.join(dir, 'ecs', 'rev-7.json'), JSON.stringify(registered));
});

describe('drift revert of two keys of one ECS task definition', () => {
  it('leaves the service on a revision with both keys back at the baseline', async () => {
    const r = await drift(['revert', 'prod', 'greeting', 'pool.size'], { cwd: dir });
    expect(r.code).toBe(0);
    const ran = spawnSync('sh', ['-e', '-c', r.stdout], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, FAKE_ECS: path.join(dir, 'ecs') },
    });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const service = JSON.parse(readFileSync(path.join(dir, 'ecs', 'service.json'), 'utf8')) as { revision: number };
    const running = JSON.parse(
      readFileSync(path.join(dir, 'ecs', `rev-${service.revision}.json`), 'utf8'),
    ) as typeof TASKDEF.taskDefinition;
    expect(running.containerDefinitions[0]!.environment).toEqual([
      { name: 'GREETING', value: 'hello' },
      { name: 'POOL_SIZE', value: '20' },
      { name: 'LOG_LEVEL', value: 'INFO' },
    ]);
  });
});
