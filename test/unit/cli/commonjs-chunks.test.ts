import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../../helpers/cli';

// scripts/commonjs-chunks.mjs is an ES module of the build: run in a child process, as the build runs it.
function run(script: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
  return JSON.parse(out);
}

describe("the CLI chunks' CommonJS copies (scripts/commonjs-chunks.mjs)", () => {
  test("a chunk's exports are its own live bindings, marked as an ES module, with no shared getter between", () => {
    const chunks = path.join(REPO, 'scripts', 'commonjs-chunks.mjs');
    const result = run(`
      import { commonJsChunk } from ${JSON.stringify(chunks)};
      const banner = '/* banner */';
      const code = await commonJsChunk(banner + 'export let count = 1; export function bump() { count++; } export class Box {}', banner);
      const module = { exports: {} };
      new Function('module', 'exports', 'require', code)(module, module.exports, () => { throw new Error('no require'); });
      const m = module.exports;
      const before = m.count;
      m.bump();
      const getter = (k) => Object.getOwnPropertyDescriptor(m, k).get;
      process.stdout.write(JSON.stringify({
        before, after: m.count, esModule: m.__esModule, keys: Object.keys(m).sort(),
        box: typeof m.Box, ownGetters: new Set(['count', 'bump', 'Box'].map((k) => getter(k).toString())).size,
        copied: code.includes('__toCommonJS(stdin_exports)'),
      }));`);
    expect(result).toEqual({
      before: 1,
      after: 2,
      esModule: true,
      keys: ['Box', 'bump', 'count'],
      box: 'function',
      ownGetters: 3,
      copied: false,
    });
  });
});
