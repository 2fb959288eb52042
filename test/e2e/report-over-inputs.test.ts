import { readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// An estate whose inputs are a dotenv file, a folder of config files, a baseline file and a code tree.
const FILES = {
  'drift.yaml': [
    'version: 1',
    'name: shop',
    'code: { path: src/ }',
    'environments:',
    '  prod:',
    '    sources:',
    '      - dotenv: { from: prod.env }',
    '      - file: { from: config/ }',
    'baseline: baseline.yaml',
    '',
  ].join('\n'),
  'prod.env': 'DB_HOST=db.prod\n',
  'config/app.yml': 'log:\n  level: INFO\n',
  'baseline.yaml': 'undeclared: ignore\nkeys:\n  db.host: { per-environment: true }\n',
  'src/app.py': 'import os\nhost = os.getenv("DB_HOST")\n',
};

describe('a report written over an input of the estate', () => {
  test.each([
    ['a recorded source file', (_dir: string) => ['--output', 'json=prod.env'], 'prod.env'],
    ['the same, by absolute path', (dir: string) => ['--output', `markdown=${path.join(dir, 'prod.env')}`], 'prod.env'],
    ['the same, through a link', (_dir: string) => ['--report', 'link.env'], 'prod.env'],
    ['a file in a recorded source folder', (_dir: string) => ['--output', 'json=config/app.yml'], 'config/app.yml'],
    ['the baseline file', (_dir: string) => ['--output', 'sarif=./sub/../baseline.yaml'], 'baseline.yaml'],
    ['a file of the code tree', (_dir: string) => ['--output', 'markdown=src/app.py'], 'src/app.py'],
  ])('%s is a usage error, and the file is left as it was', async (_what, flags, victim) => {
    const dir = scratch({ ...FILES, 'sub/.keep': '' });
    symlinkSync('prod.env', path.join(dir, 'link.env'));
    const before = readFileSync(path.join(dir, victim), 'utf8');
    const run = await drift(['audit', '--no-store', ...flags(dir)], { cwd: dir });
    expect(run.stderr).toMatch(/: is an input of the estate \(.+\); name another file\n$/);
    expect(run.code).toBe(2);
    expect(readFileSync(path.join(dir, victim), 'utf8')).toBe(before);
  });

  test.each([
    ['a new file in a recorded source folder (read as a source next run)', 'json=config/report.json'],
    ['a new file the code scan would read', 'markdown=src/report.py'],
  ])('%s is a usage error too', async (_what, output) => {
    const dir = scratch(FILES);
    const run = await drift(['audit', '--no-store', '--output', output], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: is an input of the estate/);
  });

  test('a report beside the inputs is written', async () => {
    const dir = scratch(FILES);
    const run = await drift(['audit', '--no-store', '--output', 'json=report.json', '--report', 'src/report.html'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ schema: 'drift-audit/v1' });
    expect(readFileSync(path.join(dir, 'src/report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });
});
