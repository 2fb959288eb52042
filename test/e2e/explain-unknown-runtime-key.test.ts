import { drift, scratch } from '../helpers/cli';

// A recorded task definition says nothing of the service's autoscaling: the key is unknown there, not absent
// (no missing, no parity; diff shows `(unknown)`). explain says the same, not that no source sets it.
const estate = () =>
  scratch({
    'drift.yaml': `version: 1
name: app
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
      - ecs: { from: taskdef.json }
baseline:
  keys:
    runtime.autoscaling.enabled: { value: true }
    db.host: { required: true }
`,
    'staging.env': 'LOG_LEVEL=INFO\n',
    'taskdef.json': JSON.stringify({ family: 'api', containerDefinitions: [{ name: 'api', image: 'api:1', cpu: 256 }] }),
  });

describe('explain of a runtime key no source of the environment observes', () => {
  test('says it is unknown, not unset, in text and JSON', async () => {
    const dir = estate();
    const text = await drift(['explain', 'staging', 'runtime.autoscaling.enabled', '--no-store'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('unknown in staging');
    expect(text.stdout).not.toContain('not set by any source');
    expect(text.stdout).toContain('no findings');
    const json = JSON.parse(
      (await drift(['explain', 'staging', 'runtime.autoscaling.enabled', '--no-store', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(json.effective).toBeNull();
    expect(json.unknown).toBe(true);
  });

  test('a key no source sets is still not set', async () => {
    const dir = estate();
    const text = await drift(['explain', 'staging', 'db.host', '--no-store'], { cwd: dir });
    expect(text.stdout).toContain('not set by any source of staging');
    expect(text.stdout).toContain('missing');
    const json = JSON.parse((await drift(['explain', 'staging', 'db.host', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.unknown).toBe(false);
  });
});
