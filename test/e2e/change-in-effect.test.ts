import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

describe('a changed layer another source overrides, through a stored audit', () => {
  test('is reported as not in effect, with what the environment runs', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: base.env }\n      - dotenv: { from: override.env }\n',
      'base.env': 'WORKER_COUNT=8\n',
      'override.env': 'WORKER_COUNT=8\n',
    });
    await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'base.env'), 'WORKER_COUNT=9\n');
    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const changed = (JSON.parse(r.stdout) as { findings: { kind: string; message: string }[] }).findings.filter(
      (f) => f.kind === 'changed',
    );
    expect(changed.map((f) => f.message)).toEqual([
      'worker.count changed in prod: 8 → 9 (not in effect, overridden by dotenv override.env: 8)',
    ]);
  });

  // The story's secret rotated in Parameter Store: the task definition's secret names the parameter, so
  // the new value is the one the service takes (at its next task), not one the ECS source hides.
  test('a parameter an ECS secret resolves to is in effect through it, not overridden by it', async () => {
    const ssm = (value: string, version: number): string =>
      JSON.stringify({
        Parameters: [
          { Name: '/prod/api/api_key', Type: 'SecureString', Value: value, Version: version, LastModifiedUser: 'arn:aws:iam::1:user/dave' },
        ],
      });
    const taskdef = JSON.stringify({
      taskDefinition: {
        family: 'api',
        revision: 3,
        containerDefinitions: [{ name: 'api', secrets: [{ name: 'API_KEY', valueFrom: '/prod/api/api_key' }] }],
      },
    });
    const dir = scratch({
      'drift.yaml': `version: 1
environments:
  prod:
    sources:
      - ssm: { path: /prod/api/, from: ssm.json }
      - ecs: { from: taskdef.json, container: api }
`,
      'ssm.json': ssm('sk_live_before_0123456789abcdef', 1),
      'taskdef.json': taskdef,
    });
    await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'ssm.json'), ssm('sk_live_after_0123456789abcdef0', 2));
    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const changed = (JSON.parse(r.stdout) as { findings: { kind: string; message: string }[] }).findings.filter(
      (f) => f.kind === 'changed',
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).toMatch(
      /^api\.key changed in prod: <secret:[0-9a-f]{8}> → <secret:[0-9a-f]{8}> \(by arn:aws:iam::1:user\/dave\)$/,
    );
  });

  // A new task definition revision points the secret at another parameter: the ECS source itself changed, and it decides the key.
  test("a change of the ECS secret's own reference is in effect: the source that changed decides the key", async () => {
    const ssm = JSON.stringify({
      Parameters: [
        { Name: '/prod/api/api_key_v1', Type: 'SecureString', Value: 'sk_live_first_0123456789abcdef', Version: 1 },
        { Name: '/prod/api/api_key_v2', Type: 'SecureString', Value: 'sk_live_second_0123456789abcde', Version: 1 },
      ],
    });
    const taskdef = (revision: number, parameter: string) =>
      JSON.stringify({
        taskDefinition: {
          family: 'api',
          revision,
          containerDefinitions: [{ name: 'api', secrets: [{ name: 'API_KEY', valueFrom: parameter }] }],
        },
      });
    const dir = scratch({
      'drift.yaml': `version: 1
environments:
  prod:
    sources:
      - ssm: { path: /prod/api/, from: ssm.json }
      - ecs: { from: taskdef.json, container: api }
`,
      'ssm.json': ssm,
      'taskdef.json': taskdef(3, '/prod/api/api_key_v1'),
    });
    await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'taskdef.json'), taskdef(4, '/prod/api/api_key_v2'));
    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const changed = (JSON.parse(r.stdout) as { findings: { kind: string; key: string; message: string }[] }).findings.filter(
      (f) => f.kind === 'changed' && f.key === 'api.key',
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]!.message).not.toContain('not in effect');
    expect(changed[0]!.message).toBe('api.key changed in prod: <ref:/prod/api/api_key_v1> → <ref:/prod/api/api_key_v2>');
  });
});
