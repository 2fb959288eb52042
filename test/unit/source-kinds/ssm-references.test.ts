import type { Observation, SourceSnapshot } from '../../../lambdas/core/model';
import { parameterNames, ssmReferable, ssmResolver } from '../../../lambdas/core/source-kinds/ssm-references';
import { makeValue } from '../../../lambdas/core/values/value';
import { testFingerprinter, testLabel } from '../../helpers/context';

const label = testLabel('ssm', 'ssm /eu/app/');
const param = (name: string, text: string): Observation => ({
  key: name,
  rawKey: name,
  value: makeValue(text, false, testFingerprinter()),
  origin: { source: label, location: name },
});
const ssm = (observations: Observation[], errors: string[] = [], path = '/eu/app/'): SourceSnapshot => ({
  source: label,
  observations,
  dangling: [],
  errors,
  referable: ssmReferable(path),
});

describe('SSM references', () => {
  test('name a parameter by name or ARN, a top-level one with or without its slash', () => {
    expect(parameterNames('arn:aws:ssm:eu-west-1:1:parameter/eu/app/db')).toEqual(['/eu/app/db', 'eu/app/db']);
    expect(parameterNames('top')).toEqual(['top', '/top']);
  });

  test('resolve to the value of the parameter, the later source winning', () => {
    const resolve = ssmResolver([ssm([param('/eu/app/db', 'old')]), ssm([param('/eu/app/db', 'new')])]);
    expect(resolve('arn:aws:ssm:eu-west-1:1:parameter/eu/app/db')).toMatchObject({
      value: { kind: 'text', text: 'new' },
      from: { location: '/eu/app/db' },
    });
  });

  test('under a path read in full and not there, point at nothing; elsewhere, or under a failed source, nothing is known', () => {
    expect(ssmResolver([ssm([])])('/eu/app/missing')).toEqual({
      missing: { target: 'SSM parameter /eu/app/missing', detail: 'not found under /eu/app/, which this environment snapshots' },
    });
    expect(ssmResolver([ssm([])])('/us/app/missing')).toBeUndefined();
    expect(ssmResolver([ssm([], ['DescribeParameters failed'])])('/eu/app/missing')).toBeUndefined();
    // A path without its trailing slash covers what is under it, never its neighbours.
    expect(ssmResolver([ssm([], [], '/eu/app')])('/eu/application/x')).toBeUndefined();
  });
});
