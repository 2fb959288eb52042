import { audit } from '../../../lambdas/core/engine/audit';
import { LARGE_VALUE_CHARS } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A value over the size drift keeps whole: only its digest, length and first characters are held.
const HUGE = JSON.stringify({ rules: Array.from({ length: 400 }, (_, i) => ({ id: i, on: i % 2 === 0 })) });

const constraintsOn = (spec: string, value = HUGE) => {
  const estate = estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n    flags: ${spec}\n`));
  return audit(estate, [snapshot('prod', { values: { flags: value } })], NOW).findings.filter((f) => f.kind === 'constraint');
};

describe('constraints on a value too large to keep whole', () => {
  beforeAll(() => expect(HUGE.length).toBeGreaterThan(LARGE_VALUE_CHARS));

  it('an enum it is not among is violated', () => {
    expect(constraintsOn('{ enum: [on, off] }')).toEqual([
      expect.objectContaining({ key: 'flags', severity: 'high', message: expect.stringContaining('not one of on, off') }),
    ]);
  });

  it('an enum holding that very value is met', () => {
    expect(constraintsOn(`{ enum: [off, ${JSON.stringify(HUGE)}] }`)).toEqual([]);
  });

  it('a type no text that long can be (an integer) is violated', () => {
    expect(constraintsOn('{ type: int }')).toEqual([
      expect.objectContaining({ key: 'flags', severity: 'high', message: expect.stringContaining('is not an integer') }),
    ]);
  });

  it('a pattern, which cannot be judged on a digest, is reported as not judged, not passed', () => {
    const [note, ...rest] = constraintsOn('{ pattern: \'^\\{"rules":\' }');
    expect(rest).toEqual([]);
    expect(note).toMatchObject({ key: 'flags', severity: 'info' });
    expect(note!.message).toContain(
      `not judged: the pattern ^\\{"rules": (a value of ${HUGE.length} characters is kept only as its digest)`,
    );
  });

  it('a string with no pattern or enum has nothing to judge', () => {
    expect(constraintsOn('{ type: string }')).toEqual([]);
  });
});

it('a huge value equal to the expected value meets every constraint (checked on the expected value when the estate loads)', () => {
  const estate = estateFrom(
    estateYaml(['prod'], `baseline:\n  keys:\n    flags: { type: json, pattern: '^\\{"rules":', value: ${JSON.stringify(HUGE)} }\n`),
  );
  const r = audit(estate, [snapshot('prod', { values: { flags: HUGE } })], NOW);
  expect(r.findings).toEqual([]);
});
