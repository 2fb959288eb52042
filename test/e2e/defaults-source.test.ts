import { drift, scratch } from '../helpers/cli';

// Spec §7: "a source may carry `defaults: true`". A source is `- KIND: { … }`, so the flag is
// written beside the kind as often as among its fields; both mean the same layer of defaults.
const estate = (source: string) => `version: 1
name: shop
environments:
  production:
    sources:
      - ${source}
      - dotenv: { from: production.env }
baseline:
  undeclared: info
`;

const FILES = { 'defaults.env': 'LOG_LEVEL=INFO\n', 'production.env': 'LOG_LEVEL=DEBUG\n' };

const shadowedKeys = async (source: string): Promise<string[]> => {
  const dir = scratch({ ...FILES, 'drift.yaml': estate(source) });
  const run = await drift(['audit', '--no-store', '--format', 'json', '-c', `${dir}/drift.yaml`]);
  expect(run.stderr).toBe('');
  const doc = JSON.parse(run.stdout) as { findings: Array<{ kind: string; key?: string }> };
  return doc.findings.filter((f) => f.kind === 'shadowed').map((f) => f.key ?? '');
};

describe('a defaults source is never shadowed, wherever `defaults: true` is written', () => {
  test('beside the kind', async () => {
    expect(await shadowedKeys('{ dotenv: { from: defaults.env }, defaults: true }')).toEqual([]);
  });

  test('among its fields', async () => {
    expect(await shadowedKeys('dotenv: { from: defaults.env, defaults: true }')).toEqual([]);
  });

  test('not marked, the override is shadowed', async () => {
    expect(await shadowedKeys('dotenv: { from: defaults.env }')).toEqual(['log.level']);
  });

  test('beside the kind, it is still one kind per source', async () => {
    const dir = scratch({
      ...FILES,
      'drift.yaml': estate('{ dotenv: { from: defaults.env }, file: { from: defaults.env }, defaults: true }'),
    });
    const run = await drift(['validate', '-c', `${dir}/drift.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a source is exactly one of');
  });
});
