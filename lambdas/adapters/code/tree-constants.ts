import { shared } from './declared-types';
import type { TreeConstants } from './language';

/** Constants written as such (`PORT_VAR = "APP_PORT"`) across a language's files, for the reads of the files that name them. */
export class ConstantIndex {
  private readonly byName = new Map<string, Array<{ file: string; text: string | null }>>();

  add(file: string, constants: ReadonlyMap<string, string | null>): void {
    for (const [name, text] of constants) this.byName.set(name, [...(this.byName.get(name) ?? []), { file, text }]);
  }

  /**
   * What a name means in `file`: the text the nearest files that bind it give it (a monorepo's services may each have
   * a `PORT_VAR`); none where those differ or one binds it to anything but a literal, as which one the code means is not known.
   */
  visibleFrom(file: string): TreeConstants {
    return (name) => {
      const all = this.byName.get(name);
      if (!all) return undefined;
      const depth = all.map((c) => shared(c.file, file));
      const best = Math.max(...depth);
      const texts = new Set(all.filter((_, i) => depth[i] === best).map((c) => c.text));
      const [text] = texts;
      return texts.size === 1 && text !== null ? text : undefined;
    };
  }
}
