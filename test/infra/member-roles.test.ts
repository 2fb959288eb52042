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
