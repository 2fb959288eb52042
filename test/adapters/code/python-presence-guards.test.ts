import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const guardsOf = async (code: string) =>
  Object.fromEntries(
    (await new TreeSitterCodeReader().scan({ path: scratch({ 'settings.py': code }), exclude: [] })).reads.map((r) => [
      r.name,
      r.onlyWhereSet,
    ]),
  );

describe('Python reads in a branch taken only with other variables set', () => {
  test("`if 'X' in os.environ:`, `os.getenv('X')`, `is not None` and `and` of them guard the reads inside", async () => {
    const reads = await guardsOf(
      [
        'import os',
        'if "SENTRY_DSN" in os.environ:',
        '    sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], environment=os.environ["SENTRY_ENVIRONMENT"])',
        'if (os.getenv("GS_BUCKET_NAME")) and os.environ.get("USE_GCS") is not None:',
        '    GS_PROJECT_ID = os.environ["GS_PROJECT_ID"]',
        'elif "AWS_STORAGE_BUCKET_NAME" in os.environ:',
        '    if "AWS_PROFILE" in os.environ:',
        '        REGION = os.environ["AWS_S3_REGION_NAME"]',
        'else:',
        '    MEDIA_ROOT = os.environ["MEDIA_ROOT"]',
      ].join('\n'),
    );
    expect(reads).toMatchObject({
      SENTRY_DSN: undefined,
      SENTRY_ENVIRONMENT: ['sentry.dsn'],
      GS_PROJECT_ID: ['gs.bucket.name', 'use.gcs'],
      AWS_S3_REGION_NAME: ['aws.profile', 'aws.storage.bucket.name'],
      MEDIA_ROOT: undefined,
    });
  });

  test('os and its readers as the file names them: `from os import environ as env`, `import os as o`', async () => {
    const reads = await guardsOf(
      [
        'import os as o',
        'from os import environ as env, getenv as ge',
        'if "SENTRY_DSN" in env:',
        '    A = env["A_ALIASED"]',
        'if o.getenv("B") and ge("C") and o.environ.get("D") is not None:',
        '    E = env["E_ALIASED"]',
        'if o.environ.get("F", "d"):',
        '    G = env["G_DEFAULTED"]',
      ].join('\n'),
    );
    expect([reads.A_ALIASED, reads.E_ALIASED, reads.G_DEFAULTED]).toEqual([['sentry.dsn'], ['b', 'c', 'd'], undefined]);
  });

  test('an `or`, a `not` or a test of anything else guards nothing', async () => {
    const reads = await guardsOf(
      [
        'import os',
        'if "A" in os.environ or "B" in os.environ:',
        '    C = os.environ["C_EITHER"]',
        'if not os.getenv("D"):',
        '    E = os.environ["E_UNLESS"]',
        'if DEBUG:',
        '    F = os.environ["F_DEBUG"]',
      ].join('\n'),
    );
    expect([reads.C_EITHER, reads.E_UNLESS, reads.F_DEBUG]).toEqual([undefined, undefined, undefined]);
  });
});
