import { readdirSync } from 'node:fs';
import { drift, scratch } from '../helpers/cli';

const ESTATE = 'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\n';

describe('a file or folder flag given another flag instead of its value', () => {
  it.each([
    [['snapshot', '--record', '--no-store'], '--record <dir>'],
    [['audit', '--report', '--no-store'], '--report <file>'],
    [['validate', '-c', '--env'], '-c, --config <file>'],
  ])('drift %j is a usage error naming the flag, and writes nothing', async (args, flag) => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'dev.env': 'A=1\n' });
    const r = await drift(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`option '${flag}' argument '${args[2]}' is invalid. ${args[2]} is an option, not a path`);
    expect(readdirSync(dir).sort()).toEqual(['dev.env', 'drift.yaml']);
  });

  it('takes a path that starts with a dash when written as ./--name', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'dev.env': 'A=1\n' });
    const r = await drift(['snapshot', '--record', './--rec', '--no-store'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toContain('--rec');
  });
});
