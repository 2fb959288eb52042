import { dirname } from 'node:path';
import type { DeclaredType, DeclaredTypes } from './language';

type Located = DeclaredType & { readonly file: string };

/** How many leading folders two files share. */
function shared(a: string, b: string): number {
  const [x, y] = [dirname(a).split('/'), dirname(b).split('/')];
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return n;
}

/** Types declared across a language's files, by name, for the files that name them. */
export class DeclaredTypeIndex {
  private readonly byName = new Map<string, Located[]>();

  add(file: string, types: readonly DeclaredType[]): void {
    for (const type of types) this.byName.set(type.name, [...(this.byName.get(type.name) ?? []), { ...type, file }]);
  }

  /**
   * What a name means in `file`: its own declaration, else the one in the nearest folder (a monorepo's services may each
   * declare a `SmtpOptions`); two equally near are left out, as which one the code means is not known.
   */
  visibleFrom(file: string): DeclaredTypes {
    return (name) => {
      const all = this.byName.get(name) ?? [];
      const own = all.find((t) => t.file === file);
      if (own || all.length <= 1) return own ?? all[0];
      const depth = all.map((t) => shared(t.file, file));
      const best = Math.max(...depth);
      return depth.filter((d) => d === best).length === 1 ? all[depth.indexOf(best)] : undefined;
    };
  }
}
