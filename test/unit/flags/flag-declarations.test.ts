import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';
import { estateFrom, estateYaml } from '../../helpers/estate';

function problems(text: string): string[] {
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

const yaml = (extra: string) => estateYaml(['dev', 'prod'], extra);

describe('flag declarations in drift.yaml', () => {
  test('flags.lifetime defaults to 30 days and takes any positive duration', () => {
    expect(estateFrom(yaml('')).flags).toEqual({ lifetime: '30d', lifetimeMs: 30 * 86_400_000 });
    expect(estateFrom(yaml('flags: { lifetime: 12h }\n')).flags).toEqual({ lifetime: '12h', lifetimeMs: 12 * 3_600_000 });
  });

  test('a lifetime that is not a positive duration is refused, by name', () => {
    expect(problems(yaml('flags: { lifetime: soon }\n')).join('\n')).toMatch(/flags\.lifetime.*a positive duration/);
    expect(problems(yaml('flags: { lifetime: 0d }\n')).join('\n')).toMatch(/a positive duration/);
    expect(problems(yaml('flags: { lifetime: 30d, owner: x }\n')).join('\n')).toMatch(/owner/);
  });

  test('flag: true makes an untyped key a bool and is refused on another type', () => {
    const estate = estateFrom(yaml('baseline:\n  keys:\n    checkout.fast: { flag: true }\n    feature.old: { flag: false }\n'));
    expect(estate.baseline.keys.get('checkout.fast')).toMatchObject({ flag: true, type: 'bool' });
    expect(estate.baseline.keys.get('feature.old')).toMatchObject({ flag: false });
    expect(problems(yaml('baseline:\n  keys:\n    feature.rollout: { type: int, flag: true }\n'))).toEqual([
      expect.stringMatching(/flag: true needs type bool, not int/),
    ]);
  });
});
