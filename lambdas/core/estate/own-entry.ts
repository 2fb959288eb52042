import type { Document, Node } from 'yaml';
import { DriftError } from '../errors';
import { yamlPackage } from '../on-demand/yaml-package';

/** An edit of the baseline that would change more than the key it is for: the user's to untangle. */
export class SharedEntryError extends DriftError {
  override name = 'SharedEntryError';
  readonly userFacing = true;
}

/** The anchor names some alias of the document uses. */
function aliasedAnchors(doc: Document): Set<string> {
  const used = new Set<string>();
  yamlPackage().visit(doc, { Alias: (_, alias) => void used.add(alias.source) });
  return used;
}

/**
 * Refuses to edit a key's entry that other keys share: an alias (`pool: *level`: there is no entry of
 * its own to edit), or an entry with an anchor some alias uses (an edit there changes those keys too).
 */
export function assertOwnEntry(doc: Document, key: string, entry: Node | null | undefined): void {
  const yaml = yamlPackage();
  const fix = 'adopt changes one key; write its entry out in full there first';
  if (yaml.isAlias(entry)) throw new SharedEntryError(`baseline.keys.${key} is an alias (*${entry.source}): ${fix}`);
  if (!entry) return;
  const used = aliasedAnchors(doc);
  if (!used.size) return;
  let shared: string | undefined;
  yaml.visit(entry, {
    Node: (_, n) => {
      if (n.anchor && used.has(n.anchor)) shared ??= n.anchor;
    },
  });
  if (entry.anchor && used.has(entry.anchor)) shared = entry.anchor;
  if (shared) throw new SharedEntryError(`baseline.keys.${key} is anchored (&${shared}) and used by an alias elsewhere: ${fix}`);
}

/**
 * Refuses to edit inside a map or list of the baseline the file writes as an alias (`keys: *keys`, a
 * map kept under `x-…`): its text is elsewhere and may be shared, so there is no place of its own to write.
 */
export function assertOwnContainer(field: string, node: unknown): void {
  if (yamlPackage().isAlias(node))
    throw new SharedEntryError(
      `${field} is an alias (*${node.source}): adopt changes the baseline's own text; write it out in full there first`,
    );
}
