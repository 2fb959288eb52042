import { TOO_DEEP } from '../yaml-error-words';
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

/**
 * The most levels a text may nest for the `yaml` package to read it. The package recurses once or more a level: some
 * 2,000 levels overflow the stack in its parser (drift validate stopped with an internal error), and an overflow that
 * lands in V8 compiling a pattern aborts the process (two node-config files of 3,000 `[` killed drift code scan).
 * No configuration nests near this; the readers flatten no deeper than 64 levels.
 */
const MAX_YAML_NESTING = 256;

/**
 * The line (1-based) where `text` may nest deeper than `max` levels, else undefined: at most the levels of indentation
 * open at a line, the `- `, `? ` and `: ` that start it, and the brackets open outside comment lines. It over-counts (a
 * bracket in a quoted string is counted, a block scalar's indentation too), never under: linear, and a stray bracket
 * hides no depth.
 */
export function yamlNestingOverAt(text: string, max = MAX_YAML_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  let i = 0;
  while (i < text.length) {
    let indent = 0;
    while (text.charCodeAt(i) === 32) {
      indent++;
      i++;
    }
    const first = text[i];
    let inline = 0;
    if (first !== undefined && first !== '\n' && first !== '\r' && first !== '#') {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      // Compact nesting on one line: `- - - x`, `? - x`.
      while ((text[i] === '-' || text[i] === '?' || text[i] === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        inline++;
        i += 2;
        while (text[i] === ' ' || text[i] === '\t') i++;
      }
      if (indents.length + inline + flow > max) return line;
    }
    // A comment line's brackets are none.
    for (; i < text.length && text[i] !== '\n'; i++) {
      if (first === '#') continue;
      const c = text[i];
      if ((c === '[' || c === '{') && ++flow + indents.length + inline > max) return line;
      if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    i++;
    line++;
  }
  return undefined;
}

/** Throws when `text` is too big or too deeply nested for the `yaml` package (see MAX_YAML_PACKAGE_NODES, MAX_YAML_NESTING); `file` names it. */
export function checkYamlPackageBudget(text: string, file: string): void {
  if (yamlNodesOver(text))
    throw new SourceInputError(
      `${file}: over ${MAX_YAML_PACKAGE_NODES} lines and flow items, too many for the full YAML reader (block YAML without anchors, tags or tabs is read at any size)`,
    );
  const deep = yamlNestingOverAt(text);
  if (deep !== undefined) throw new SourceInputError(`${file}:${deep}: ${TOO_DEEP}`);
}
