/**
 * A module as code names it, by its path's segments: `app.names` is `['app', 'names']`; a relative one starts
 * with `.` or `..` (`./names` from JavaScript, `.names` from Python: `['.', 'names']`).
 */
export type ModulePath = readonly string[];

/**
 * What a file takes from other modules: a name of one (`local` is its name in the file), a module itself under a
 * local name (`import app.names as names`, `import * as names from './names'`), or every name of one (`include Names`).
 */
export type Import =
  | { readonly kind: 'name'; readonly local: string; readonly name: string; readonly module: ModulePath }
  | { readonly kind: 'module'; readonly local: string; readonly module: ModulePath }
  | { readonly kind: 'all'; readonly module: ModulePath };

const WORD = /^\w+$/;
// `name as local`, split where the blanks before `as` start (from inside them, each start read the rest of them again).
const AS = /(?<!\s)\s+as\s+/;
// No module path is deeper: a longer one (a generated or hostile file) is left out rather than copied for each name.
const MAX_SEGMENTS = 16;
const bounded = (path: ModulePath): ModulePath => (path.length > MAX_SEGMENTS ? [] : path);

/**
 * Where a file takes names from other modules: Python's `from app.names import PORT_VAR` (or `.names`, or `B as
 * KEY`) and `import app.names as names`, JavaScript's `import { PORT_VAR } from './names'`, `import * as names from
 * './names'` and `require('./names')`, Java's `import static com.shop.Names.PORT_VAR;` (or `.*`) and `import
 * com.shop.Names;`, Rust's `use crate::names::PORT_VAR;` (or `::{…}`, `as`), C#'s `using static Shop.Names;` and
 * Ruby's `include Names`, which give every name of that class or module. What a pattern cannot read whole (nested
 * braces, a comment that closes a list) is left out: a name not found is only a read of no known key.
 */
export function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const names = (list: string, module: ModulePath, alias: RegExp) => {
    if (module.length === 0) return;
    for (const item of list
      .replace(/#[^\n]*/g, '')
      .replace(/[()]/g, '')
      .split(',')) {
      const [name = '', local = name] = item
        .trim()
        .split(alias)
        .map((s) => s.trim());
      if (WORD.test(name) && WORD.test(local)) found.push({ kind: 'name', local, name, module });
    }
  };
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm)) {
    const module = pythonModule(m[1] as string);
    const before = found.length;
    names(m[2] as string, module, AS);
    // `from app import names` may take a module (app/names.py), `from app.config import Config` a class of app/config.py:
    // `names.DB_VAR` and `Config.DB_VAR` are names of one of those.
    for (const i of found.slice(before))
      if (i.kind === 'name')
        found.push({ kind: 'module', local: i.local, module: [...module, i.name] }, { kind: 'module', local: i.local, module });
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/gm)) {
    const path = bounded((m[1] as string).split('.'));
    if (path.length === 0) continue;
    found.push(
      m[2] ? { kind: 'module', local: m[2], module: path } : { kind: 'module', local: path[0] as string, module: [path[0] as string] },
    );
  }
  for (const m of text.matchAll(/\bimport\s+(?:[\w$]+\s*,\s*)?\{([^{}]*)\}\s*from\s*['"]([^'"]+)['"]/g))
    names(m[1] as string, scriptModule(m[2] as string), AS);
  for (const m of text.matchAll(/\bimport\s*\*\s*as\s+(\w+)\s+from\s*['"]([^'"]+)['"]/g))
    found.push({ kind: 'module', local: m[1] as string, module: scriptModule(m[2] as string) });
  // A require whose result is taken whole (`require('./names').legacy` is another object).
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)\s*(?:;|$)/gm))
    names(m[1] as string, scriptModule(m[2] as string), /:/);
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)\s*(?:;|$)/gm))
    found.push({ kind: 'module', local: m[1] as string, module: scriptModule(m[2] as string) });
  for (const m of text.matchAll(/\bimport\s+static\s+((?:\w+\.)+)(\w+|\*)\s*;/g)) {
    const module = bounded((m[1] as string).split('.').filter(Boolean));
    if (module.length)
      found.push(m[2] === '*' ? { kind: 'all', module } : { kind: 'name', local: m[2] as string, name: m[2] as string, module });
  }
  for (const m of text.matchAll(/^[ \t]*import\s+((?:\w+\.)+)([A-Z]\w*)\s*;/gm))
    found.push({
      kind: 'module',
      local: m[2] as string,
      module: bounded([...(m[1] as string).split('.').filter(Boolean), m[2] as string]),
    });
  for (const m of text.matchAll(/\buse\s+((?:\w+::)+)(\w+)(?:\s+as\s+(\w+))?\s*;/g)) {
    const module = rustModule(m[1] as string);
    const name = m[2] as string;
    const local = m[3] ?? name;
    if (module.length) found.push({ kind: 'name', local, name, module }, { kind: 'module', local, module: [...module, name] });
  }
  for (const m of text.matchAll(/\buse\s+((?:\w+::)+)\{([^{}]*)\}/g)) names(m[2] as string, rustModule(m[1] as string), AS);
  for (const m of text.matchAll(/\busing\s+static\s+(?:\w+\.)*(\w+)\s*;/g)) found.push({ kind: 'all', module: [m[1] as string] });
  for (const m of text.matchAll(/^[ \t]*include[ \t]+((?:[A-Z]\w*::)*[A-Z]\w*)[ \t]*$/gm))
    found.push({ kind: 'all', module: bounded((m[1] as string).split('::')) });
  return found;
}

// `app.names` → app/names; `.names` → ./names; `..config` → ../config.
function pythonModule(dotted: string): ModulePath {
  const dots = /^\.*/.exec(dotted)?.[0].length ?? 0;
  const rest = dotted.slice(dots).split('.').filter(Boolean);
  if (dots === 0) return bounded(rest);
  return bounded([...(dots === 1 ? ['.'] : Array<string>(dots - 1).fill('..')), ...rest]);
}

// `./config/names.js` → ./config/names; a folder's index is the folder's.
export function scriptModule(spec: string): ModulePath {
  const parts = spec
    .replace(/\.[cm]?[jt]sx?$/, '')
    .split('/')
    .filter(Boolean);
  return bounded(parts.at(-1) === 'index' ? parts.slice(0, -1) : parts);
}

/** A Rust path's modules without where it starts from (`crate::`, `self::`, `super::`): `crate::config::` → config. */
export const rustModule = (path: string): ModulePath =>
  bounded(path.split('::').filter((s) => s !== '' && !['crate', 'self', 'super'].includes(s)));

/** A module's segment as a file's or folder's name is compared with it: `Names`, `names`, `my_names`, `my-names` alike. */
export const moduleKey = (name: string): string => name.toLowerCase().replace(/[_-]/g, '');
