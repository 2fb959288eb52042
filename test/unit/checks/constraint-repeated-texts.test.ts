import { audit } from '../../../lambdas/core/engine/audit';
import type * as Types from '../../../lambdas/core/values/types';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// Every text a typed value is parsed from, in order.
const mockParsed: string[] = [];
jest.mock('../../../lambdas/core/values/types', () => {
  const actual: typeof Types = jest.requireActual('../../../lambdas/core/values/types');
  return { ...actual, parseTyped: (type: Types.ValueType, text: string) => (mockParsed.push(text), actual.parseTyped(type, text)) };
});

// Environments mostly hold a typed key's value alike: fifty of them with `45s` for a duration is one text to judge.
describe('the constraint check of a text repeated across environments', () => {
  const envs = ['dev', 'qa', 'staging', 'production-us', 'production-eu'];
  const estate = estateFrom(estateYaml(envs, 'baseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, max: 1m }\n'));
  const values: Record<string, string> = { dev: '45s', qa: '45s', staging: '45s', 'production-us': '90s', 'production-eu': '45s' };

  it('judges each text once per key, and finds what it found when it judged every environment', () => {
    mockParsed.length = 0;
    const findings = audit(
      estate,
      envs.map((e) => snapshot(e, { values: { 'db.timeout': values[e] as string } })),
      NOW,
    ).findings.filter((f) => f.kind === 'constraint');
    expect(findings.map((f) => `${f.environment} ${f.message}`)).toEqual([
      'production-us db.timeout is 90s in production-us: above the maximum 1m',
    ]);
    const judged = (text: string) => mockParsed.filter((t) => t === text).length;
    // dev's text, then production-us', then production-eu's (differs from the last one judged): three, not five.
    expect(judged('45s') + judged('90s')).toBe(3);
  });
});
