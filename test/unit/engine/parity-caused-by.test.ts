import { audit } from '../../../lambdas/core/engine/audit';
import type { EnvironmentSnapshot } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A parity difference that a member's own finding explains (the key absent there because it is a
// missing required key, or read through a reference to nothing) names that finding: consumers of the
// findings (tickets, SNS subscribers) can tell one cause from two.
const estate = (extra = '') =>
  estateFrom(
    estateYaml(
      ['staging', 'prod'],
      `parity:\n  - { name: stage-vs-prod, environments: [staging, prod] }\nbaseline:\n  undeclared: info\n  keys:\n    db.host: { required: true }\n    log.level: {}\n${extra}`,
    ),
  );

/** prod reads db.host from a Secret it does not have. */
function danglingInProd(): EnvironmentSnapshot {
  const prod = snapshot('prod', { type: 'k8s', values: { 'log.level': 'INFO' } });
  const origin = { source: prod.sources[0]!.source, location: 'env DB_HOST (Secret prod/db key host)' };
  prod.sources[0]!.dangling.push({ key: 'db.host', target: 'Secret prod/db', detail: 'Secret prod/db does not exist', origin });
  return prod;
}

describe('a parity finding names the findings of a member that explain it (causedBy)', () => {
  test('a member missing a required key: the parity difference names the missing finding', () => {
    const r = audit(
      estate(),
      [
        snapshot('staging', { values: { 'db.host': 'db.internal', 'log.level': 'INFO' } }),
        snapshot('prod', { values: { 'log.level': 'INFO' } }),
      ],
      NOW,
    );
    const missing = r.findings.find((f) => f.kind === 'missing')!;
    const parity = r.findings.find((f) => f.kind === 'parity')!;
    expect(missing).toMatchObject({ environment: 'prod', key: 'db.host' });
    expect(parity.causedBy).toEqual([{ id: missing.id, kind: 'missing', severity: 'high', environment: 'prod' }]);
  });

  test('a member reading the key through a reference to nothing: the parity difference names the dangling-ref', () => {
    const r = audit(estate(), [snapshot('staging', { values: { 'db.host': 'db.internal', 'log.level': 'INFO' } }), danglingInProd()], NOW);
    const dangling = r.findings.find((f) => f.kind === 'dangling-ref')!;
    const parity = r.findings.find((f) => f.kind === 'parity' && f.key === 'db.host')!;
    expect(parity.causedBy?.map((c) => [c.id, c.kind, c.environment])).toEqual(
      expect.arrayContaining([[dangling.id, 'dangling-ref', 'prod']]),
    );
  });

  test('a difference of two values present stands alone', () => {
    const differs = audit(
      estate(),
      [
        snapshot('staging', { values: { 'db.host': 'db.internal', 'log.level': 'INFO' } }),
        snapshot('prod', { values: { 'db.host': 'db.internal', 'log.level': 'DEBUG' } }),
      ],
      NOW,
    );
    expect(differs.findings.filter((f) => f.kind === 'parity').map((f) => [f.key, f.causedBy])).toEqual([['log.level', undefined]]);
  });
});
