import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { readDriftContext } from '../../lib/app-context';
import { buildDriftApp } from '../../lib/app';
import { ContextError } from '../../lib/context-values';

const REPO = path.resolve(__dirname, '../..');
const SKIP = { 'drift:skipBundling': true };

/** Each drift function's environment variables, by the function's description. */
async function variables(context: Record<string, unknown>): Promise<Record<string, Record<string, unknown>>> {
  const { installation } = await buildDriftApp({
    cwd: REPO,
    context: { ...SKIP, estates: ['examples/live/drift.yaml'], ...context },
    outdir: mkdtempSync(path.join(tmpdir(), 'drift-cdk-')),
  });
  const fns = Object.values(Template.fromStack(installation).findResources('AWS::Lambda::Function')) as Array<{
    Properties: { Description?: string; Environment?: { Variables: Record<string, unknown> } };
  }>;
  return Object.fromEntries(
    fns
      .filter((f) => f.Properties.Description?.startsWith('drift '))
      .map((f) => [f.Properties.Description!, f.Properties.Environment?.Variables ?? {}]),
  );
}

describe('the report base URL the digest links reports under', () => {
  test('-c reportBaseUrl reaches the notify function only, without its trailing slash', async () => {
    const vars = await variables({ reportBaseUrl: 'https://reports.example.com/drift/' });
    expect(vars['drift notify-run']!.DRIFT_REPORT_BASE_URL).toBe('https://reports.example.com/drift');
    for (const [fn, v] of Object.entries(vars)) if (fn !== 'drift notify-run') expect(v.DRIFT_REPORT_BASE_URL).toBeUndefined();
  });

  test('without it, no function is given one (the digest links the S3 console)', () => {
    expect(readDriftContext(() => undefined).reportBaseUrl).toBeUndefined();
  });

  test.each([
    ['http://reports.example.com'],
    ['https://user:pw@reports.example.com'],
    ['https://reports.example.com/?token=x'],
    ['reports.example.com'],
  ])('refuses %s', (url) => {
    const ctx = (k: string): unknown => (k === 'reportBaseUrl' ? url : undefined);
    expect(() => readDriftContext(ctx)).toThrow(ContextError);
    expect(() => readDriftContext(ctx)).toThrow(/-c reportBaseUrl: .* is not/);
  });
});
