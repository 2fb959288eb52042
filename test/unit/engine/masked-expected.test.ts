import { audit } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const PASSWORD = 'CANARYpw9xQ2';
const TOKEN = 'ghp4R9xQ2vL7mN4pT8kJ3hF6dS1aZ0cV5bY';

/** The mismatch findings of one environment running `values` against a baseline expecting `expected` of each key. */
function mismatches(expected: Record<string, string>, values: Record<string, string>): Finding[] {
  const keys = Object.entries(expected)
    .map(([k, v]) => `    ${k}: { type: url, value: ${JSON.stringify(v)} }`)
    .join('\n');
  const estate = estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n${keys}\n`));
  return audit(estate, [snapshot('prod', { values })], NOW).findings.filter((f) => f.kind === 'mismatch');
}

describe('an expected URL against a running one whose password is hidden', () => {
  it('is a mismatch when the rest of the URL differs (another host, port or database)', () => {
    const found = mismatches(
      { 'db.url': 'postgres://app@db-us.example.com:5432/orders' },
      { 'db.url': `postgres://app:${PASSWORD}@db-eu.example.com:6543/other` },
    );
    expect(found.map((f) => f.key)).toEqual(['db.url']);
    expect(found[0]?.message).toMatch(
      /^db\.url is postgres:\/\/app:<secret:[0-9a-f]{8}>@db-eu\.example\.com:6543\/other in prod; the baseline expects postgres:\/\/app@db-us\.example\.com:5432\/orders$/,
    );
    expect(JSON.stringify(found)).not.toContain(PASSWORD);
  });

  it('is a mismatch when a repository URL with a token as its user names another repository', () => {
    const found = mismatches(
      { 'repo.url': 'https://github.com/shop/config.git' },
      { 'repo.url': `https://${TOKEN}@github.com/someone/else.git` },
    );
    expect(found.map((f) => f.key)).toEqual(['repo.url']);
    expect(JSON.stringify(found)).not.toContain(TOKEN);
  });

  it('is no mismatch when only the password, which the baseline cannot write, is what the expected URL lacks', () => {
    expect(
      mismatches(
        { 'db.url': 'postgres://app@db.example.com:5432/orders', 'repo.url': 'https://github.com/shop/config.git' },
        { 'db.url': `postgres://app:${PASSWORD}@db.example.com:5432/orders`, 'repo.url': `https://${TOKEN}@github.com/shop/config.git` },
      ),
    ).toEqual([]);
  });
});

describe('an exception naming the value of a URL whose password is hidden', () => {
  const audited = (excused: string) => {
    const estate = estateFrom(
      estateYaml(
        ['prod'],
        `baseline:\n  undeclared: ignore\n  keys:\n    db.url: { type: url, value: "postgres://app@db-us.example.com:5432/orders" }\n` +
          `  exceptions:\n    - { environment: prod, key: db.url, value: "${excused}", reason: "EU failover", expires: 2099-01-01 }\n`,
      ),
    );
    return audit(estate, [snapshot('prod', { values: { 'db.url': `postgres://app:${PASSWORD}@db-eu.example.com:5432/orders` } })], NOW);
  };

  it('excuses the mismatch when it names the URL as the baseline writes it, without the password', () => {
    const r = audited('postgres://app@db-eu.example.com:5432/orders');
    expect(r.findings.filter((f) => f.kind === 'mismatch')).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.key}`)).toEqual(['mismatch db.url']);
  });

  it('excuses nothing when it names another URL', () => {
    const r = audited('postgres://app@db-ap.example.com:5432/orders');
    expect(r.findings.map((f) => `${f.kind} ${f.key}`)).toEqual(['mismatch db.url']);
    expect(r.suppressed).toEqual([]);
  });
});
