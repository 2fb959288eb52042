import { audit } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const PASSWORD = 'CANARYpw9xQ2';

/** The constraint findings of one environment running db.url = `url` against a pattern for it. */
function constraints(url: string): Finding[] {
  const estate = estateFrom(
    estateYaml(
      ['prod'],
      'baseline:\n  undeclared: ignore\n  keys:\n    db.url: { type: url, pattern: "^postgres://[^@]+@db-prod\\\\." }\n',
    ),
  );
  return audit(estate, [snapshot('prod', { values: { 'db.url': url } })], NOW).findings.filter((f) => f.kind === 'constraint');
}

describe("a key's pattern judges a URL whose password is hidden", () => {
  it('finds a host outside the pattern, naming the URL without its password', () => {
    const found = constraints(`postgres://app:${PASSWORD}@db-eu.example.com:5432/orders`);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      /^db\.url is postgres:\/\/app:<secret:[0-9a-f]{8}>@db-eu\.example\.com:5432\/orders in prod: does not match the pattern/,
    );
    expect(JSON.stringify(found)).not.toContain(PASSWORD);
  });

  it('is silent on a URL the pattern admits, whatever its password', () => {
    expect(constraints(`postgres://app:${PASSWORD}@db-prod.example.com:5432/orders`)).toEqual([]);
  });
});
