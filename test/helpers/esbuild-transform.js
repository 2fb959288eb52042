// jest's transform: TypeScript (and the few ESM-only packages) to CommonJS with esbuild, which the
// build already uses, several times faster than ts-jest's TypeScript transpiler. Types are checked by
// `npm run typecheck`, not here. A file that calls jest.mock goes to ts-jest, which hoists the call
// above the imports as jest expects (esbuild keeps statements where they are written).
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

// What ts-jest hoists above the imports.
const MOCKS_MODULES = /\bjest\s*\.\s*(?:mock|unmock|deepUnmock|enableAutomock|disableAutomock)\s*[<(]/;
const SELF = createHash('sha256').update(readFileSync(__filename)).update(version).digest('hex');

let tsJest;
const hoisting = () =>
  (tsJest ??= require('ts-jest').default.createTransformer({
    isolatedModules: true,
    diagnostics: false,
    tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true },
  }));

module.exports = {
  getCacheKey(source, file, options) {
    if (MOCKS_MODULES.test(source)) return `ts-jest:${hoisting().getCacheKey(source, file, options)}`;
    return createHash('sha256').update(SELF).update(file).update('\0').update(source).digest('hex');
  },
  process(source, file, options) {
    if (MOCKS_MODULES.test(source)) return hoisting().process(source, file, options);
    const { code, map, warnings } = transformSync(source, {
      loader: file.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: file,
      // import() as require(), as tsc compiles it for CommonJS: jest's module registry serves (and mocks) both.
      supported: { 'dynamic-import': false },
      // As tsc compiles ES2022 classes: fields defined, not assigned.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true } },
    });
    // What esbuild warns of changes what runs (`import.meta` is empty in CommonJS): a test would pass on something else.
    if (warnings.length > 0) throw new Error(`${file}: ${warnings.map((w) => w.text).join('; ')}`);
    return { code, map };
  },
};
