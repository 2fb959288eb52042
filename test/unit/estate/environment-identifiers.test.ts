import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

/** An estate whose one environment carries `line` (region, account or roleArn) on line 4. */
const estate = (line: string): string => `version: 1
environments:
  prod:
    ${line}
    sources:
      - file: { from: prod.yml }
`;

function problems(line: string): string[] {
  const doc = parseEstateDocument(estate(line), 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('an environment names its region, account and role in shapes AWS accepts', () => {
  test.each([
    ['region: us-east1', 'drift.yaml:4:13: environments.prod.region: an AWS region, e.g. eu-west-1'],
    ['region: US-EAST-1', 'drift.yaml:4:13: environments.prod.region: an AWS region, e.g. eu-west-1'],
    ['account: "2222-2222-2222"', 'drift.yaml:4:14: environments.prod.account: an AWS account id is 12 digits, e.g. 012345678901'],
    ['account: 12345678901', 'drift.yaml:4:14: environments.prod.account: an AWS account id is 12 digits, e.g. 012345678901'],
    [
      'roleArn: arn:aws:iam::222222222222:user/alice',
      'drift.yaml:4:14: environments.prod.roleArn: roleArn is an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)',
    ],
  ])('%s is refused where it is written', (line, message) => {
    expect(problems(line)).toEqual([message]);
  });

  test.each([
    'region: eu-west-1',
    'region: us-gov-west-1',
    'region: ap-southeast-3',
    'region: eusc-de-east-1',
    'account: "012345678901"',
    // Unquoted, it reads as written (the estate's numbers are their text): the leading zero stays.
    'account: 012345678901',
    'account: 222222222222',
    'roleArn: arn:aws:iam::222222222222:role/platform/drift-read',
    'roleArn: arn:aws-cn:iam::222222222222:role/drift-read',
    'roleArn: arn:aws-eusc:iam::222222222222:role/drift-read',
    // A path may hold what a name may not.
    'roleArn: "arn:aws:iam::222222222222:role/team#1/(read)/drift-read"',
  ])('%s is accepted', (line) => {
    expect(problems(line)).toEqual([]);
  });

  test('an unquoted 12-digit account reads as its digits', () => {
    const doc = parseEstateDocument(estate('account: 222222222222'), 'drift.yaml');
    const r = doc.ok ? assembleEstate(doc, 'folder') : undefined;
    expect(r?.ok && r.estate.environments[0]?.account).toBe('222222222222');
  });
});
