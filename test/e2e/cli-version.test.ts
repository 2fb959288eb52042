import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO } from '../helpers/cli';

const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('drift --version', () => {
  // npm sets npm_package_version to the package whose script runs: a project's `"check": "drift --version"`.
  test("says drift's own version, not that of the npm package whose script runs it (built CLI)", () => {
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, npm_package_version: '9.8.7' },
    });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: `${version}\n` });
  });

  test('in-process too', async () => {
    const before = process.env.npm_package_version;
    process.env.npm_package_version = '9.8.7';
    try {
      expect(await drift(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    } finally {
      if (before === undefined) delete process.env.npm_package_version;
      else process.env.npm_package_version = before;
    }
  });
});
