import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_INTERNAL, start } from '../../../lambdas/cli/start';

/** A built CLI root whose main does `body` (as the CommonJS copy of main would). */
function rootWithMain(body: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'drift-start-'));
  writeFileSync(path.join(root, 'main.cjs'), `exports.main = async (argv) => { ${body} };`);
  return root;
}

describe('start, what bin/drift.js runs', () => {
  let stderr = '';
  let write: jest.SpyInstance;
  beforeEach(() => {
    stderr = '';
    write = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      stderr += String(s);
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  test("main's exit code is the process's", async () => {
    expect(await start(rootWithMain('return argv.length;'), ['node', 'drift', 'x'])).toBe(3);
    expect(stderr).toBe('');
  });

  test("a fault of drift's own is said with its stack and exits 70, never 1 (findings)", async () => {
    const code = await start(rootWithMain("throw new TypeError('lost an invariant');"), ['node', 'drift', 'audit']);
    expect(code).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(70);
    expect(stderr).toMatch(/^drift: internal error: TypeError: lost an invariant\n\s+at /);
  });

  test('an installation whose main cannot be loaded is a fault too: 70', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'drift-start-'));
    writeFileSync(path.join(root, 'main.cjs'), 'this is not JavaScript(');
    expect(await start(root, ['node', 'drift', 'validate'])).toBe(EXIT_INTERNAL);
    expect(stderr).toMatch(/^drift: internal error: [\s\S]*SyntaxError/);
  });
});
