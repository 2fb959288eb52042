import { audit } from '../../../lambdas/core/engine/audit';
import type { Value } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot, type SourceGiven } from '../../helpers/estate';

const ENVS = ['us', 'eu', 'ap'];

/** The parity finding's message of a group of three, each member's one source as given. */
function parityMessage(keys: string, given: Record<string, SourceGiven | SourceGiven[]>): string | undefined {
  const estate = estateFrom(
    estateYaml(ENVS, `parity:\n  - { name: prod, environments: [us, eu, ap] }\nbaseline:\n  undeclared: ignore\n  keys:\n${keys}`),
  );
  const r = audit(
    estate,
    ENVS.map((e) => snapshot(e, ...[given[e] ?? {}].flat())),
    NOW,
  );
  return r.findings.find((f) => f.kind === 'parity')?.message;
}

describe("a parity finding's message says which members took no part in the comparison, and why", () => {
  test('replicas an autoscaler owns', () => {
    const message = parityMessage('    runtime.replicas: {}\n', {
      us: { values: { 'runtime.replicas': '3', 'runtime.autoscaling.enabled': 'false' } },
      eu: { values: { 'runtime.replicas': '5', 'runtime.autoscaling.enabled': 'false' } },
      ap: { values: { 'runtime.replicas': '9', 'runtime.autoscaling.enabled': 'true' } },
    });
    expect(message).toBe('runtime.replicas differs across prod: us 3, eu 5; not compared: ap 9 (replicas its autoscaler owns)');
  });

  test('a value that cannot be read', () => {
    const unreadable: Value = { kind: 'opaque', reason: 'not valid UTF-8' };
    const message = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '5' } },
      ap: { values: { pool: unreadable } },
    });
    expect(message).toBe('pool differs across prod: us 3, eu 5; not compared: ap (its value cannot be read)');
  });

  test('a source that failed', () => {
    const message = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '5' } },
      ap: { errors: ['ap.yml: not found'] },
    });
    expect(message).toBe('pool differs across prod: us 3, eu 5; not compared: ap (a source failed)');
  });

  // The night a source above it fails, a member's value may not be what runs: it is no side of a difference.
  test('a value a failed source outranks', () => {
    const message = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '5' } },
      ap: [{ values: { pool: '9' } }, { errors: ['ap-ssm.json: not found'] }],
    });
    expect(message).toBe('pool differs across prod: us 3, eu 5; not compared: ap 9 (a source failed)');
    const alone = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '3' } },
      ap: [{ values: { pool: '9' } }, { errors: ['ap-ssm.json: not found'] }],
    });
    expect(alone).toBeUndefined();
  });

  test('a value read from a source above the failed one is compared', () => {
    const message = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '3' } },
      ap: [{ errors: ['ap.yml: not found'] }, { values: { pool: '9' } }],
    });
    expect(message).toBe('pool differs across prod: us 3, eu 3, ap 9');
  });

  test('every member compared: no such clause', () => {
    const message = parityMessage('    pool: { type: int }\n', {
      us: { values: { pool: '3' } },
      eu: { values: { pool: '5' } },
      ap: { values: { pool: '5' } },
    });
    expect(message).toBeDefined();
    expect(message).not.toMatch(/not compared/);
  });
});
