import * as path from 'node:path';
import { failureText } from '../../lambdas/core/errors';
import { buildWith, folderWith, REPO, resourcesOf, SKIP_BUNDLING } from './support/synth';

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

  test('a region or read role of another partition than the installation: refused at its line, not a deploy whose every read fails', async () => {
    const dir = folderWith({
      'drift.yaml': [
        'version: 1',
        'name: shop',
        'environments:',
        '  china:',
        '    region: cn-north-1',
        '    sources:',
        '      - ssm: { path: /prod/ }',
        '  gov:',
        '    roleArn: arn:aws-us-gov:iam::222222222222:role/drift-read',
        '    sources:',
        '      - ssm: { path: /gov/, region: us-gov-west-1 }',
        '',
      ].join('\n'),
    });
    const estates = path.relative(REPO, path.join(dir, 'drift.yaml'));
    const err = await buildWith({ ...SKIP_BUNDLING, estates }, { account: '111111111111', region: 'us-east-1' }).catch((e: Error) => e);
    expect((err as Error).name).toBe('EstateFileError');
    const text = failureText(err);
    expect(text).toMatch(
      /drift\.yaml:5:\d+: environments\.china\.region: cn-north-1 is in the aws-cn partition, the installation \(us-east-1\) in aws/,
    );
    expect(text).toMatch(
      /drift\.yaml:9:\d+: environments\.gov\.roleArn: arn:aws-us-gov:iam::222222222222:role\/drift-read is in the aws-us-gov partition/,
    );
    expect(text).toMatch(/drift\.yaml:11:\d+: environments\.gov\.sources\[0\]\.ssm\.region: us-gov-west-1 is in the aws-us-gov partition/);
    // The same estate file in GovCloud: only the China environment is elsewhere.
    const gov = await buildWith({ ...SKIP_BUNDLING, estates }, { account: '111111111111', region: 'us-gov-east-1' }).catch((e: Error) => e);
    expect(failureText(gov).split('\n')).toEqual([
      expect.stringMatching(/environments\.china\.region: cn-north-1 is in the aws-cn partition/),
    ]);
  });

  test('two estate files of one name (two folders named alike, no `name:`): refused at the second, no stack; one file given twice is one estate', async () => {
    const estate = 'version: 1\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/ }\n';
    const dir = folderWith({ 'team-a/live/drift.yaml': estate, 'team-b/live/drift.yaml': `version: 1\nname: live\n${estate.slice(11)}` });
    const rel = (team: string) => path.relative(REPO, path.join(dir, team, 'live', 'drift.yaml'));
    const { err, text } = await printed({ estates: [rel('team-a'), rel('team-b')] });
    expect(err.name).toBe('EstateFileError');
    expect(text).toBe(
      `${rel('team-b')}:2:7: name: "live" is also the name of ${rel('team-a')}, and an installation keeps each estate by its name: give one a different \`name\` (without one, an estate is named after its folder)`,
    );
    const once = await buildWith({ ...SKIP_BUNDLING, estates: [rel('team-a'), `./${rel('team-a')}`] });
    const seeding = Object.values(resourcesOf(once.installation)).find((r) => r.Type === 'Custom::DriftEstateSeeding');
    expect((seeding?.Properties.Files as Array<{ key: string }>).map((f) => f.key)).toEqual(['live/drift.yaml']);
  });
});
