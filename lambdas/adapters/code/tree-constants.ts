import { posix } from 'node:path';
import { moduleKey, type ModulePath } from './constant-imports';
import type { TreeConstants } from './language';

interface Bound {
  readonly file: string;
  /** The file as a module: its path's segments without the ending, a package's index as its folder (moduleKey'd). */
  readonly module: readonly string[];
  readonly text: string | null;
}

// The file that stands for its folder as a module, by ending: a Python package's, a JavaScript folder's, a Rust module's.
const PACKAGE_FILE: Readonly<Record<string, string>> = {
  py: '__init__',
  js: 'index',
  mjs: 'index',
  cjs: 'index',
  ts: 'index',
  tsx: 'index',
  jsx: 'index',
  rs: 'mod',
};

/** `app/names.py` → app, names; `app/names/__init__.py` and `src/names/index.ts` → their folder's. */
function moduleOfFile(file: string): string[] {
  const ending = /\.([^./]*)$/.exec(file)?.[1] ?? '';
  const parts = file.slice(0, file.length - (ending ? ending.length + 1 : 0)).split('/');
  if (PACKAGE_FILE[ending] === parts.at(-1)) parts.pop();
  return parts.map(moduleKey);
}

/** Folder steps from one file's folder to another's. */
function steps(a: string, b: string): number {
  const [x, y] = [posix.dirname(a).split('/'), posix.dirname(b).split('/')];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return x.length - n + (y.length - n);
}

/** Whether a file is the module a reading file names: the very file for a relative name, else one whose path ends so. */
function isModule(b: Bound, module: ModulePath, reading: string): boolean {
  if (module[0] === '.' || module[0] === '..') {
    const whole = posix
      .join(posix.dirname(reading), ...module)
      .split('/')
      .map(moduleKey);
    return whole.length === b.module.length && whole.every((s, i) => s === b.module[i]);
  }
  const tail = b.module.slice(-module.length);
  return tail.length === module.length && module.every((s, i) => moduleKey(s) === tail[i]);
}

/** Constants written as such (`PORT_VAR = "APP_PORT"`) across a language's files, for the reads of the files that import them. */
export class ConstantIndex {
  private readonly byName = new Map<string, Bound[]>();

  add(file: string, constants: ReadonlyMap<string, string | null>): void {
    const module = moduleOfFile(file);
    for (const [name, text] of constants) {
      const bound = this.byName.get(name);
      if (bound) bound.push({ file, module, text });
      else this.byName.set(name, [{ file, module, text }]);
    }
  }

  /**
   * What `name` of `module` means in `file`: the text the nearest other files that are that module give it (a
   * monorepo's services may each have a `names.py`); none where those differ or one binds it to anything but a
   * literal, as which one the code means is not known.
   */
  visibleFrom(file: string): TreeConstants {
    return (name, module) => {
      const all = (this.byName.get(name) ?? []).filter((b) => b.file !== file && isModule(b, module, file));
      if (all.length === 0) return undefined;
      const distance = all.map((b) => steps(b.file, file));
      const best = Math.min(...distance);
      const texts = new Set(all.filter((_, i) => distance[i] === best).map((b) => b.text));
      const [text] = texts;
      return texts.size === 1 && typeof text === 'string' ? text : undefined;
    };
  }
}
