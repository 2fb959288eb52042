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

  test('an environment in another account without its read role, or with a role of a third account: refused at its line', async () => {
    const env = (extra: string) =>
      `version: 1\nname: shop\nenvironments:\n  prod:\n    account: "222222222222"\n${extra}    sources:\n      - ssm: { path: /prod/ }\n`;
    const noRole = folderWith({ 'drift.yaml': env('') });
    const rel = (dir: string) => path.relative(REPO, path.join(dir, 'drift.yaml'));
    const refused = await buildWith({ ...SKIP_BUNDLING, estates: rel(noRole), installationAccount: '111111111111' }).catch((e: Error) => e);
    expect(failureText(refused)).toMatch(
      /drift\.yaml:5:\d+: environments\.prod\.account: 222222222222 is not the installation's account \(111111111111\): name the member's read role \(roleArn\)/,
    );
    const thirdAccount = folderWith({ 'drift.yaml': env('    roleArn: arn:aws:iam::333333333333:role/drift-read\n') });
    const wrongRole = await buildWith({ ...SKIP_BUNDLING, estates: rel(thirdAccount), installationAccount: '111111111111' }).catch(
      (e: Error) => e,
    );
    expect(failureText(wrongRole)).toMatch(
      /drift\.yaml:6:\d+: .*roleArn: the role is in account 333333333333, the environment in 222222222222/,
    );
    // The installation's own account needs no role.
    const own = folderWith({ 'drift.yaml': env('') });
    await expect(buildWith({ ...SKIP_BUNDLING, estates: rel(own), installationAccount: '222222222222' })).resolves.toBeDefined();
  });

  test('member credentials without -c installationAccount: refused, not a read role that trusts the member itself', async () => {
    const dir = folderWith({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    account: "222222222222"\n    roleArn: arn:aws:iam::222222222222:role/drift-read\n    sources:\n      - ssm: { path: /prod/ }\n',
    });
    const estates = path.relative(REPO, path.join(dir, 'drift.yaml'));
    // `cdk deploy DriftMemberRead-222222222222-drift-read` with the member account's credentials: its account is the default.
    const err = await buildWith({ ...SKIP_BUNDLING, estates }, { account: '222222222222', region: 'eu-west-1' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('ContextError');
    expect(failureText(err)).toContain('-c installationAccount=');
    // Named, the installation's account is taken at its word (even the member's own).
    for (const installationAccount of ['111111111111', '222222222222'])
      await expect(
        buildWith(
          { ...SKIP_BUNDLING, estates, installationAccount, installationRegion: 'us-east-1' },
          { account: '222222222222', region: 'eu-west-1' },
        ),
      ).resolves.toBeDefined();
  });
});
