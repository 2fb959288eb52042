import { audit } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// Online Boutique's frontend ships PACKAGING_SERVICE_URL set to "" where the service is not wanted:
// a message must show that value, not leave a gap ("is  in production") the reader cannot see.
describe('an empty or blank value in a finding message', () => {
  const estate = estateFrom(
    estateYaml(
      ['production'],
      'baseline:\n  undeclared: info\n  keys:\n    packaging.service.url: { type: url, per-environment: true }\n    frontend.message: { value: hello }\n',
    ),
  );
  const findings = audit(
    estate,
    [snapshot('production', { values: { 'packaging.service.url': '', 'frontend.message': ' ', 'shop.banner': '' } })],
    NOW,
  ).findings;
  const message = (kind: string, key: string): string | undefined =>
    findings.find((f: Finding) => f.kind === kind && f.key === key)?.message;

  it.each([
    ['constraint', 'packaging.service.url', 'packaging.service.url is "" in production: "" is not a URL'],
    ['mismatch', 'frontend.message', 'frontend.message is " " in production; the baseline expects hello'],
    ['undeclared', 'shop.banner', 'shop.banner is set in production ("") but the baseline does not declare it'],
  ])('%s %s is shown quoted', (kind, key, text) => {
    expect(message(kind, key)).toBe(text);
  });

  it('keeps the value itself as it is for machines', () => {
    expect(findings.find((f) => f.kind === 'undeclared' && f.key === 'shop.banner')?.actual).toBe('');
  });
});
