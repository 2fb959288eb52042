import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const ESTATE = 'version: 1\nname: x\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n';

describe('drift init: the flags of --discover, without it', () => {
  test.each([
    ['--ssm-path', ['--ssm-path', '/prod/api/']],
    ['--ecs-cluster', ['--ecs-cluster', 'prod']],
    ['--eks-cluster', ['--eks-cluster', 'prod']],
    ['--namespace', ['--namespace', 'api']],
    ['--region', ['--region', 'eu-west-1']],
  ])('%s is a usage error naming --discover, and the estate file is left as it was', async (flag, args) => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'a.env': 'A=1\n' });
    const run = await drift(['init', ...args], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `drift: init: ${flag} goes with --discover\n` });
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(ESTATE);
  });

  test('init alone still writes the baseline', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'a.env': 'A=1\n' });
    expect((await drift(['init'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toContain('baseline:');
  });
});
