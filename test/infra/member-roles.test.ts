import * as path from 'node:path';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

// The read roles an installation assumes: the estates' `roleArn` and `-c memberRoles`.

const ACCOUNT = '123456789012';
const MEMBER = '222222222222';

const estateReading = (...roleArns: string[]) => `version: 1
name: shop
environments:
  own:
    region: eu-west-1
    sources:
      - ssm: { path: /own/ }
${roleArns
  .map(
    (arn, i) => `  env${i}:
    region: eu-west-1
    account: "${MEMBER}"
    roleArn: ${arn}
    sources:
      - ssm: { path: /env${i}/ }
`,
  )
  .join('')}`;

const build = (estate: string, context: Record<string, unknown> = {}) =>
  buildWith(
    { ...SKIP_BUNDLING, estates: path.join(folderWith({ 'drift.yaml': estate }), 'drift.yaml'), ...context },
    { account: ACCOUNT, region: 'eu-west-1' },
  );

describe('-c memberRoles in another partition than the installation’s', () => {
  test.each([
    ['arn:aws-cn:iam::222222222222:role/drift-read', 'aws-cn'],
    ['arn:aws-us-gov:iam::222222222222:role/platform/drift-read', 'aws-us-gov'],
  ])('%s stops synth with a ContextError naming it and both partitions', async (arn) => {
    await expect(build(estateReading(), { memberRoles: arn })).rejects.toMatchObject({
      name: 'ContextError',
      message: expect.stringMatching(
        new RegExp(
          `^-c memberRoles: "${arn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is not in the aws partition of the installation \\(eu-west-1\\)`,
        ),
      ),
    });
  });

  test('a member role of the installation’s partition synthesizes its member stack', async () => {
    const built = await build(estateReading(), { memberRoles: `arn:aws:iam::${MEMBER}:role/platform/drift-read` });
    expect(built.members.map((m) => m.stackName)).toEqual([`DriftMemberRead-${MEMBER}-drift-read`]);
  });
});

describe('two ARNs naming one role (IAM role names are unique in an account, whatever the path or case)', () => {
  test.each([
    ['two paths in two environments', [`arn:aws:iam::${MEMBER}:role/a/drift-read`, `arn:aws:iam::${MEMBER}:role/b/drift-read`], {}],
    ['a path and none', [`arn:aws:iam::${MEMBER}:role/drift-read`, `arn:aws:iam::${MEMBER}:role/platform/drift-read`], {}],
    ['two cases', [`arn:aws:iam::${MEMBER}:role/Drift-Read`, `arn:aws:iam::${MEMBER}:role/drift-read`], {}],
    [
      'an environment and -c memberRoles',
      [`arn:aws:iam::${MEMBER}:role/a/drift-read`],
      { memberRoles: `arn:aws:iam::${MEMBER}:role/b/drift-read` },
    ],
  ])('%s stop synth with a ContextError naming both ARNs', async (_what, arns, context) => {
    const failure = build(estateReading(...arns), context);
    await expect(failure).rejects.toMatchObject({ name: 'ContextError', message: expect.stringContaining('are one role') });
    const { message } = (await failure.catch((e: Error) => e)) as Error;
    for (const arn of [...arns, ...Object.values(context)]) expect(message).toContain(arn);
  });

  test('one name in two accounts is two roles, each with its member stack', async () => {
    const built = await build(estateReading(`arn:aws:iam::${MEMBER}:role/a/drift-read`), {
      memberRoles: 'arn:aws:iam::333333333333:role/b/drift-read',
    });
    expect(built.members.map((m) => m.stackName).sort()).toEqual([
      `DriftMemberRead-${MEMBER}-drift-read`,
      `DriftMemberRead-333333333333-drift-read`,
    ]);
  });
});

test('two roles whose names differ only in "." and "_" (drift.read, drift_read) get a member stack each', async () => {
  const built = await build(estateReading(`arn:aws:iam::${MEMBER}:role/drift.read`, `arn:aws:iam::${MEMBER}:role/drift_read`));
  const names = built.members.map((m) => m.stackName);
  expect(names).toHaveLength(2);
  expect(new Set(names).size).toBe(2);
  expect(names).toContain(`DriftMemberRead-${MEMBER}-drift-read`);
  expect(built.members.map((m) => m.role.node.defaultChild).map((r) => (r as { roleName?: string }).roleName)).toEqual([
    'drift.read',
    'drift_read',
  ]);
});
