import { SourceInputError } from './errors';

/**
 * The most lines and flow items a text may have for the `yaml` package to read it. Outside the fast
 * reader's subset (anchors, tags, tabs, multi-line quoted strings, flow collections) the package builds
 * about 1.5 KB and 10 µs a node, so this bounds its work near 1.5 GB and ten seconds: 7 million `{},`
 * (21 MB) aborted the process out of memory after 96 s, while a real `kubectl get -o yaml` dump of
 * 28,000 Deployments (476,000 lines, one tab in a ConfigMap's nginx.conf) must still be read (8 s).
 * Block YAML the fast reader takes is read at any size.
 */
export const MAX_YAML_PACKAGE_NODES = 1_000_000;

/** Whether `text` has more lines and flow items (each newline, `{`, `[` and `,`) than `max`: about how many nodes the package builds. */
export function yamlNodesOver(text: string, max = MAX_YAML_PACKAGE_NODES): boolean {
  // Each counts one character: a text no longer than the limit is not scanned.
  if (text.length <= max) return false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 10 || c === 44 || c === 91 || c === 123) && ++n > max) return true;
  }
  return false;
}

/** Throws when `text` is too big for the `yaml` package (see MAX_YAML_PACKAGE_NODES); `file` names it. */
export function checkYamlPackageBudget(text: string, file: string): void {
  if (yamlNodesOver(text))
    throw new SourceInputError(
      `${file}: over ${MAX_YAML_PACKAGE_NODES} lines and flow items, too many for the full YAML reader (block YAML without anchors, tags or tabs is read at any size)`,
    );
}
