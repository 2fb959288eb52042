import * as path from 'node:path';
import { failureText } from '../../lambdas/core/errors';
import { buildWith, folderWith, REPO, SKIP_BUNDLING } from './support/synth';

/** What `bin/app.ts` prints when synth fails with this context. */
async function printed(context: Record<string, unknown>): Promise<{ err: Error; text: string }> {
  const err = (await buildWith({ ...SKIP_BUNDLING, ...context }).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  return { err, text: failureText(err) };
}

describe("the CDK app says the user's mistakes as they are, by the error's flag", () => {
  test('a context value that cannot be used: the message naming the key, no stack', async () => {
    const { err, text } = await printed({ estates: 'examples/live/drift.yaml', timezone: 'Mars/Olympus' });
    expect(err.name).toBe('ContextError');
    expect(text).toBe(err.message);
    expect(text).toContain('-c timezone: "Mars/Olympus" is not an IANA time zone');
    expect(text).not.toMatch(/\n\s+at /);
  });

  test('a broken estate file: its positioned lines, no stack', async () => {
    const dir = folderWith({ 'drift.yaml': 'version: 1\nname: shop\nenvironments: [\n' });
    const { err, text } = await printed({ estates: path.relative(REPO, path.join(dir, 'drift.yaml')) });
    expect(err.name).toBe('EstateFileError');
    expect(text).toBe(err.message);
    expect(text).toMatch(/drift\.yaml:\d+:\d+: /);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
