import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Two estate files of one team in one folder, neither naming itself: both are the estate named after the
// folder, and both keep their history in the folder's one .drift/.
const estate = (envFile: string, name = '') => `version: 1
${name}environments:
  prod:
    sources:
      - dotenv: { from: ${envFile} }
baseline:
  keys:
    log.level: { value: INFO }
`;
const files = () =>
  scratch({
    'api.yaml': estate('api.env'),
    'worker.yaml': estate('worker.env'),
    'api.env': 'LOG_LEVEL=DEBUG\n',
    'worker.env': 'LOG_LEVEL=INFO\n',
  });
const audit = (dir: string, file: string) => drift(['audit', '-c', file, '--format', 'json'], { cwd: dir });

describe('two estate files of one folder under one estate name', () => {
  it("are refused before one resolves the other's findings", async () => {
    const dir = files();
    expect((await audit(dir, 'api.yaml')).code).toBe(0);
    const worker = await audit(dir, 'worker.yaml');
    expect(worker).toMatchObject({ code: 2, stdout: '' });
    expect(worker.stderr).toContain('worker.yaml and api.yaml are both the estate "drift-scratch-');
    expect(worker.stderr).toContain('give each its own `name:`');
    // The finding api.yaml opened is still open, not resolved by the other file's run.
    const again = JSON.parse((await audit(dir, 'api.yaml')).stdout);
    expect(again.findings.map((f: { kind: string; status: string }) => `${f.kind} ${f.status}`)).toEqual(['mismatch open']);
    expect(again.resolved).toEqual([]);
  });

  it('are two estates once one has a name of its own', async () => {
    const dir = files();
    await audit(dir, 'api.yaml');
    writeFileSync(path.join(dir, 'worker.yaml'), estate('worker.env', 'name: worker\n'));
    expect((await audit(dir, 'worker.yaml')).code).toBe(0);
  });

  it('is no conflict for an estate file renamed', async () => {
    const dir = files();
    await audit(dir, 'api.yaml');
    renameSync(path.join(dir, 'api.yaml'), path.join(dir, 'drift.yaml'));
    const renamed = JSON.parse((await audit(dir, 'drift.yaml')).stdout);
    expect(renamed.findings.map((f: { kind: string; status: string }) => `${f.kind} ${f.status}`)).toEqual(['mismatch open']);
  });
});
