import { execFileSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lambdas/cli/main';
import { SOURCE_TIME_METADATA } from '../../lambdas/adapters/s3/bucket-layout';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset().on(PutObjectCommand).resolves({ VersionId: 'v1' }));

const ESTATE = 'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: baseline.yaml\n';
const BASELINE = 'keys:\n  port: { type: int, value: 8080 }\n';

function publish(cwd: string) {
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd };
  return main(['node', 'drift', 'publish', '--bucket', 'b', '-c', 'drift.yaml'], io);
}

/** The `drift-source-time` each uploaded object carries, by key. */
const stamps = () =>
  Object.fromEntries(s3.commandCalls(PutObjectCommand).map((c) => [c.args[0].input.Key, c.args[0].input.Metadata?.[SOURCE_TIME_METADATA]]));

const git = (cwd: string, args: string[], date?: string) =>
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

describe('drift publish stamps each file with its source time, so a deploy from an older checkout does not replace it', () => {
  test('files committed in git: the time of the commit that last changed each', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-publish-git-'));
    git(dir, ['init', '-q']);
    writeFileSync(path.join(dir, 'baseline.yaml'), BASELINE);
    git(dir, ['add', 'baseline.yaml']);
    git(dir, ['commit', '-q', '-m', 'baseline'], '2026-03-01T10:00:00Z');
    writeFileSync(path.join(dir, 'drift.yaml'), ESTATE);
    git(dir, ['add', 'drift.yaml']);
    git(dir, ['commit', '-q', '-m', 'estate'], '2026-04-02T11:30:00Z');

    expect(await publish(dir)).toBe(0);
    expect(stamps()).toEqual({
      'estates/shop/baseline.yaml': '2026-03-01T10:00:00.000Z',
      'estates/shop/drift.yaml': '2026-04-02T11:30:00.000Z',
    });
  });

  test('a file not in git, or changed since its commit: its modification time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-publish-files-'));
    git(dir, ['init', '-q']);
    writeFileSync(path.join(dir, 'drift.yaml'), ESTATE);
    git(dir, ['add', 'drift.yaml']);
    git(dir, ['commit', '-q', '-m', 'estate'], '2026-04-02T11:30:00Z');
    writeFileSync(path.join(dir, 'drift.yaml'), `${ESTATE}# edited\n`);
    writeFileSync(path.join(dir, 'baseline.yaml'), BASELINE);
    utimesSync(path.join(dir, 'drift.yaml'), new Date('2026-05-05T05:05:05Z'), new Date('2026-05-05T05:05:05Z'));
    utimesSync(path.join(dir, 'baseline.yaml'), new Date('2026-06-06T06:06:06Z'), new Date('2026-06-06T06:06:06Z'));

    expect(await publish(dir)).toBe(0);
    expect(stamps()).toEqual({
      'estates/shop/baseline.yaml': '2026-06-06T06:06:06.000Z',
      'estates/shop/drift.yaml': '2026-05-05T05:05:05.000Z',
    });
  });
});
