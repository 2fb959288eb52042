import type { Alias, Document } from 'yaml';
import { yamlPackage } from '../on-demand/yaml-package';

type ToJson = Alias['toJSON'];

/**
 * Where reading `doc` failed on an alias (`*name` with no anchor before it, or one whose expansion
 * would exceed `maxAliasCount`): the offset of the innermost alias being resolved when it threw.
 * Why: the package's error names no position. Read again only after a failure, so a file that reads
 * pays nothing.
 */
export function failingAliasOffset(doc: Document, maxAliasCount: number): number | undefined {
  let failed: Alias | undefined;
  yamlPackage().visit(doc, {
    Alias(_, alias) {
      const toJSON: ToJson = alias.toJSON.bind(alias);
      alias.toJSON = ((arg, ctx) => {
        try {
          return toJSON(arg, ctx);
        } catch (e) {
          failed ??= alias;
          throw e;
        }
      }) as ToJson;
    },
  });
  try {
    doc.toJS({ maxAliasCount });
  } catch {
    // The failure already reported; this run was only to see where.
  }
  return failed?.range?.[0];
}
