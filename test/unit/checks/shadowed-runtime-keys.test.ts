import { audit } from '../../../lambdas/core/engine/audit';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

/** The shadowed findings of one environment whose two sources (a manifest, then the live workload) set runtime.replicas apart. */
function shadowed(keys: string): string[] {
  const estate = estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: info\n  keys:\n${keys}`));
  const prod = snapshot('prod', { type: 'k8s', values: { 'runtime.replicas': '3' } }, { type: 'k8s', values: { 'runtime.replicas': '5' } });
  return audit(estate, [prod], NOW)
    .findings.filter((f) => f.kind === 'shadowed')
    .map((f) => `${f.environment} ${f.key}`);
}

describe('shadowed on runtime keys: judged only where the baseline declares them', () => {
  test('an undeclared runtime key set apart by two sources is no finding', () => {
    expect(shadowed('    other: {}\n')).toEqual([]);
  });

  test('a declared one is', () => {
    expect(shadowed('    runtime.replicas: {}\n')).toEqual(['prod runtime.replicas']);
  });
});
