import { planAdopt } from '../../../lambdas/core/adopt/plan-adopt';
import { audit } from '../../../lambdas/core/engine/audit';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { EnvironmentSnapshot } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const PASSWORD = 'CANARYpw9xQ2';
const RUNNING = `postgres://app:${PASSWORD}@db-eu.example.com:5432/orders`;
const baseline = (expected: string) =>
  estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n    db.url: { type: url, value: "${expected}" }\n`));
const prod: EnvironmentSnapshot = snapshot('prod', { values: { 'db.url': RUNNING } });

describe('adopting a URL whose password drift hides', () => {
  it('writes the URL without its password, which the audit then finds as expected', () => {
    const before = baseline('postgres://app@db-us.example.com:5432/orders');
    const plan = planAdopt(before, effectiveConfig(prod), ['db.url']);
    expect(plan).toMatchObject({
      ok: true,
      adoptions: [{ key: 'db.url', text: 'postgres://app@db-eu.example.com:5432/orders', secret: false }],
    });
    expect(JSON.stringify(plan)).not.toContain(PASSWORD);
    const text = plan.ok ? plan.adoptions[0]!.text : '';
    expect(audit(baseline(text), [prod], NOW).findings.filter((f) => f.kind === 'mismatch')).toEqual([]);
  });

  it('leaves alone a URL already expected but for its password', () => {
    const plan = planAdopt(baseline('postgres://app@db-eu.example.com:5432/orders'), effectiveConfig(prod), ['db.url'], {
      skipExpected: true,
    });
    expect(plan).toEqual({ ok: true, adoptions: [], alreadyExpected: ['db.url'] });
  });

  it('still refuses a password written as a setting inside a value, which would be written as an empty one', () => {
    const conn = `host=db user=orders password=${PASSWORD} dbname=orders`;
    const running: EnvironmentSnapshot = snapshot('prod', { values: { 'pg.conn': conn } });
    const estate = estateFrom(
      estateYaml(['prod'], 'baseline:\n  undeclared: ignore\n  keys:\n    pg.conn: { value: "host=db user=orders dbname=orders" }\n'),
    );
    expect(effectiveConfig(running).entries.get('pg.conn')?.value.kind).toBe('masked');
    const plan = planAdopt(estate, effectiveConfig(running), ['pg.conn']);
    expect(plan.ok).toBe(false);
    expect(JSON.stringify(plan)).toContain('it holds a secret part (a password or token written in it)');
    expect(JSON.stringify(plan)).not.toContain(PASSWORD);
  });
});
