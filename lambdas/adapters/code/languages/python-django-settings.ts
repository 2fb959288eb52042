import { posix } from 'node:path';
import type { CodeRead, DjangoSettingsScope } from '../../../core/code/code-read';
import { sameModule } from '../../../core/code/django-settings';
import { byText } from '../../../core/text-order';

interface PythonSource {
  readonly file: string;
  readonly text: string;
}

/** `src/config/settings/production.py` → `src.config.settings.production`; a package's `__init__.py` is the package. */
function moduleName(file: string): string {
  const parts = file.replace(/\.py$/, '').split('/');
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.join('.');
}

const SETTINGS_MODULE = 'DJANGO_SETTINGS_MODULE';
const DOTTED_LITERAL = /["']([A-Za-z_][\w.]*)["']/g;

/** The modules the code names on a line that names DJANGO_SETTINGS_MODULE (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")`). */
function namedSettingsModules(sources: readonly PythonSource[]): string[] {
  const named = new Set<string>();
  for (const { text } of sources)
    for (let at = text.indexOf(SETTINGS_MODULE); at >= 0;) {
      const end = text.indexOf('\n', at);
      const rest = text.slice(at + SETTINGS_MODULE.length, end < 0 ? undefined : end);
      for (const m of rest.matchAll(DOTTED_LITERAL)) named.add(m[1]!);
      // The rest of the line is read: a later mention on it names nothing more.
      at = end < 0 ? -1 : text.indexOf(SETTINGS_MODULE, end);
    }
  return [...named];
}

// `from .base import *`, `from . import base`, `from config.settings.base import env` (indented too: inside a `try:`).
const FROM_IMPORT = /^[ \t]*from[ \t]+(\.+(?:\w[\w.]*)?|\w[\w.]*)[ \t]+import[ \t]+([^\n#]*)/gm;
// `import config.settings.base`, `import a.b as c, d`.
const PLAIN_IMPORT = /^[ \t]*import[ \t]+([^\n#]+)/gm;

/** The names of an import list (`(env, ROOT_DIR)`, `base as b`), each without its alias. */
const importedNames = (list: string): string[] =>
  list
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map((n) => n.trim().split(/\s/)[0] ?? '')
    .filter((n) => /^\w+$/.test(n));

/** One folder's modules by dotted name, and the package it is. */
interface Folder {
  readonly name: string;
  readonly modules: ReadonlyMap<string, PythonSource>;
}

/** The modules of the folder a source imports, however it names them (relative or absolute). */
function importsIn(source: PythonSource, folder: Folder): Set<string> {
  const out = new Set<string>();
  const absolute = (dotted: string, names: readonly string[]): void => {
    for (const module of folder.modules.keys()) if (module !== folder.name && sameModule(module, dotted)) out.add(module);
    if (sameModule(folder.name, dotted)) {
      out.add(folder.name);
      for (const n of names) if (folder.modules.has(`${folder.name}.${n}`)) out.add(`${folder.name}.${n}`);
    }
  };
  for (const [, from = '', list = ''] of source.text.matchAll(FROM_IMPORT)) {
    const names = importedNames(list);
    const dots = /^\.*/.exec(from)![0];
    const module = from.slice(dots.length) || undefined;
    // Relative to the folder's own package: one dot. `..` is another folder.
    if (dots === '.') {
      const first = module?.split('.')[0];
      for (const n of first === undefined ? names : [first]) if (folder.modules.has(`${folder.name}.${n}`)) out.add(`${folder.name}.${n}`);
    } else if (dots === '' && module !== undefined) absolute(module, names);
  }
  for (const [, list = ''] of source.text.matchAll(PLAIN_IMPORT))
    for (const part of list.split(',')) {
      const dotted = part.trim().split(/\s/)[0] ?? '';
      if (/^\w[\w.]*$/.test(dotted)) absolute(dotted, []);
    }
  return out;
}

/** The modules loading `module` runs: its package's `__init__.py` first, as Python imports it, then what each imports. */
function loads(module: string, folder: Folder, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const seen = new Set<string>();
  const todo = folder.modules.has(folder.name) ? [module, folder.name] : [module];
  for (let m = todo.pop(); m !== undefined; m = todo.pop()) {
    if (seen.has(m)) continue;
    seen.add(m);
    todo.push(...(edges.get(m) ?? []));
  }
  return seen;
}

/**
 * The settings modules of one folder: those the code names as DJANGO_SETTINGS_MODULE or named `settings*.py`, where
 * there are two or more (one has nothing to choose between); every module of a folder named `settings` where one is so
 * named or one imports another (cookiecutter-django's config/settings/: local.py and production.py import base.py). A
 * folder of settings fragments that another folder's modules import (django-styleguide's config/settings/sessions.py)
 * holds none, nor do the folder's other modules (urls.py, a helper): they run wherever the application does.
 */
function settingsModulesOf(
  folder: Folder,
  dir: string,
  named: readonly string[],
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const modules = [...folder.modules.keys()];
  const chosen = modules.filter(
    (m) => m !== folder.name && (named.some((n) => sameModule(m, n)) || /^settings/.test(posix.basename(folder.modules.get(m)!.file))),
  );
  const layered = [...edges].some(([m, to]) => m !== folder.name && [...to].some((t) => t !== folder.name));
  if (posix.basename(dir) === 'settings' && (chosen.length > 0 || layered)) return modules;
  return chosen.length >= 2 ? chosen : [];
}

/**
 * Django loads one settings module, the one DJANGO_SETTINGS_MODULE names, and what it imports: a read in
 * config/settings/production.py does not run where the environment runs config.settings.local. Each read in a settings
 * module is scoped by the settings modules that load its file and those that do not (CodeRead.djangoSettings); a module
 * every settings module loads (base.py) is not scoped.
 */
export function djangoSettingsScopes(sources: readonly PythonSource[]): (read: CodeRead) => CodeRead {
  const byDir = new Map<string, Map<string, PythonSource>>();
  for (const source of sources) {
    const dir = posix.dirname(source.file);
    const modules = byDir.get(dir) ?? new Map<string, PythonSource>();
    byDir.set(dir, modules.set(moduleName(source.file), source));
  }
  let named: string[] | undefined;
  const scopes = new Map<string, DjangoSettingsScope>();
  for (const [dir, modules] of byDir) {
    if (modules.size < 2) continue;
    named ??= namedSettingsModules(sources);
    const folder: Folder = { name: moduleName(`${dir}/__init__.py`), modules };
    const edges = new Map([...modules].map(([m, source]) => [m, importsIn(source, folder)] as const));
    const settings = settingsModulesOf(folder, dir, named, edges);
    if (settings.length === 0) continue;
    const loaded = new Map(settings.map((m) => [m, loads(m, folder, edges)] as const));
    for (const module of settings) {
      const loadedBy = settings.filter((s) => loaded.get(s)!.has(module)).sort(byText);
      const others = settings.filter((s) => !loaded.get(s)!.has(module)).sort(byText);
      if (others.length > 0) scopes.set(modules.get(module)!.file, { loadedBy, others });
    }
  }
  if (scopes.size === 0) return (read) => read;
  return (read) => {
    const scope = scopes.get(read.file);
    return scope ? { ...read, djangoSettings: scope } : read;
  };
}
