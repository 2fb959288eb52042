import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const estate = (keys: string) => `version: 1
name: shop
environments:
  prod:
    sources:
      - dotenv: { from: prod.env }
baseline:
  undeclared: info
  keys:
${keys}
`;

describe('drift history of a key whose value never changed', () => {
  test('shows the value the store holds and where it comes from; never one the baseline now declares secret', async () => {
    const dir = scratch({ 'drift.yaml': estate('    region: {}'), 'prod.env': 'GREETING=CANARYhello\nREGION=eu-west-1\n' });
    expect((await drift(['audit'], { cwd: dir })).code).toBe(0);

    const shown = await drift(['history', 'prod', 'REGION', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(shown.stdout)).toEqual({
      environment: 'prod',
      key: 'region',
      changes: [],
      current: { value: 'eu-west-1', source: { type: 'dotenv', location: 'prod.env:2' } },
    });

    // Declared secret after its value was stored in plain text: until the next audit rewrites it, history must hide it.
    writeFileSync(path.join(dir, 'drift.yaml'), estate('    greeting: { secret: true }'));
    for (const format of ['text', 'json']) {
      const r = await drift(['history', 'prod', 'GREETING', '--format', format], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('CANARYhello');
      expect(r.stdout).toContain('<secret>');
    }
  });

  test('a key no stored audit saw, nor the baseline declares, is said to be unknown (a typo), not to have never changed', async () => {
    const dir = scratch({ 'drift.yaml': estate('    region: {}\n    zone: {}'), 'prod.env': 'GREETING=hello\nREGION=eu-west-1\n' });
    const before = await drift(['history', 'prod', 'GRETING'], { cwd: dir });
    // Before any stored audit nothing is known of any key: history says so, as before.
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('values are recorded from the first stored audit on');
    expect((await drift(['audit'], { cwd: dir })).code).toBe(0);
    const typo = await drift(['history', 'prod', 'GRETING'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('prod has no key greting in the stored snapshots (did you mean "greeting"?)');
    // Declared but never set is the baseline's key: its (empty) history is shown.
    expect((await drift(['history', 'prod', 'zone'], { cwd: dir })).code).toBe(0);
  });
});
