import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

let ready: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

// `require` is CommonJS's under ts-jest and the CLI bundle's banner's (scripts/build.mjs) in the ESM build.
/** A parser for a grammar's WebAssembly (a module path, `tree-sitter-go/tree-sitter-go.wasm`); the runtime and each grammar load once per process. */
export async function parserFor(grammar: string): Promise<Parser> {
  // The grammars are megabytes of WebAssembly that a scan runs for a moment: V8's optimising compiler
  // costs more than it saves (the opentelemetry-demo's scan: 0.45 s of CPU with the baseline compiler
  // only, 1.4 s without; a 2.7 MB TypeScript tree 15% slower). Only the scanner runs WebAssembly here.
  if (ready === undefined) setFlagsFromString('--liftoff-only');
  ready ??= Parser.init();
  await ready;
  let language = languages.get(grammar);
  if (language === undefined) {
    // Bytes, not a path: given a path, web-tree-sitter imports `fs` dynamically, which jest's CommonJS cannot.
    language = readFile(require.resolve(grammar)).then((bytes) => Language.load(bytes));
    languages.set(grammar, language);
  }
  const parser = new Parser();
  parser.setLanguage(await language);
  return parser;
}
