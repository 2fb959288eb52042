/**
 * A module as code names it, by its path's segments: `app.names` is `['app', 'names']`; a relative one starts
 * with `.` or `..` (`./names` from JavaScript, `.names` from Python: `['.', 'names']`).
 */
export type ModulePath = readonly string[];

/** A name a file takes from a module (`local` is its name in the file), or every name of one (`include Names`). */
export type Import = { local: string; name: string; module: ModulePath } | { anyName: true; module: ModulePath };

/**
 * Where a file takes names from other modules: Python's `from app.names import PORT_VAR` (or `.names`, or `B as
 * KEY`), JavaScript's `import { PORT_VAR } from './names'` and `const { PORT_VAR } = require('./names')`, Java's
 * `import static com.shop.Names.PORT_VAR;`, Rust's `use crate::names::PORT_VAR;` (or `::{…}`), and C#'s `using
 * static Shop.Names;` and Ruby's `include Names`, which give every name of that class or module.
 */
export function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const listed = (list: string, module: ModulePath, alias: RegExp) => {
    if (module.length === 0) return;
    for (const item of list.replace(/[()]/g, '').split(',')) {
      const [name, local = name] = item
        .trim()
        .split(alias)
        .map((s) => s.trim());
      if (name && local && /^\w+$/.test(name) && /^\w+$/.test(local)) found.push({ local, name, module });
    }
  };
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm))
    listed(m[2] as string, pythonModule(m[1] as string), /\s+as\s+/);
  for (const m of text.matchAll(/\bimport\s+(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g))
    listed(m[1] as string, scriptModule(m[2] as string), /\s+as\s+/);
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g))
    listed(m[1] as string, scriptModule(m[2] as string), /\s*:\s*/);
  for (const m of text.matchAll(/\bimport\s+static\s+[\w.]*?(\w+)\.(\w+)\s*;/g))
    found.push({ local: m[2] as string, name: m[2] as string, module: [m[1] as string] });
  for (const m of text.matchAll(/\buse\s+[\w:]*?(\w+)::(\w+)\s*;/g))
    found.push({ local: m[2] as string, name: m[2] as string, module: [m[1] as string] });
  for (const m of text.matchAll(/\buse\s+[\w:]*?(\w+)::\{([^}]*)\}/g)) listed(m[2] as string, [m[1] as string], /\s+as\s+/);
  for (const m of text.matchAll(/\busing\s+static\s+[\w.]*?(\w+)\s*;/g)) found.push({ anyName: true, module: [m[1] as string] });
  for (const m of text.matchAll(/^[ \t]*include[ \t]+((?:[A-Z]\w*::)*[A-Z]\w*)/gm))
    found.push({ anyName: true, module: (m[1] as string).split('::') });
  return found;
}

// `app.names` → app/names; `.names` → ./names; `..config` → ../config.
function pythonModule(dotted: string): ModulePath {
  const dots = /^\.*/.exec(dotted)?.[0].length ?? 0;
  const rest = dotted.slice(dots).split('.').filter(Boolean);
  // `from . import names` names a module, not a constant of one.
  if (rest.length === 0) return [];
  return dots === 0 ? rest : [...(dots === 1 ? ['.'] : Array<string>(dots - 1).fill('..')), ...rest];
}

// `./config/names.js` → ./config/names; a folder's index is the folder's.
function scriptModule(spec: string): ModulePath {
  const parts = spec
    .replace(/\.[cm]?[jt]sx?$/, '')
    .split('/')
    .filter(Boolean);
  return parts.at(-1) === 'index' ? parts.slice(0, -1) : parts;
}

/** A module's segment as a file's or folder's name is compared with it: `Names`, `names`, `my_names`, `my-names` alike. */
export const moduleKey = (name: string): string => name.toLowerCase().replace(/[_-]/g, '');
