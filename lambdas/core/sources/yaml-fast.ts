import { SourceInputError } from './errors';
import { eachLeaf, scalarText } from './flatten';
import { isRecord } from './shape';
import { BlockScanner } from './yaml-block-scanner';
import type { PlainResolver } from './yaml-scalars';

// Why a second YAML reader: the `yaml` package builds a CST and a Document with positions for every
// node, about 1 MB/s, and nearly all of an audit of YAML configuration files or Kubernetes manifests
// went there. Those files are almost always plain block YAML, which this scanner reads line by line
// into the same values, ten times faster or more. It gives up (undefined) on anything outside that
// subset — anchors, aliases, tags, flow collections other than one-line ones of scalars, multi-line plain or
// quoted scalars, keep-chomped block scalars, complex keys, directives, `...`, duplicate keys, tabs,
// lone CRs and control characters — and the callers then parse with the package, so its errors, their
// positions and every value outside the subset stay exactly as they were. A property test
// (yaml-fast.test.ts) holds the two to the same results.

// Tabs (indentation or separation), a CR that does not end a line, control and non-printable characters, BOMs.
const OUTSIDE = /[\0-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;

/**
 * The documents of a block-YAML text as the `yaml` package's toJS gives them (with its plain scalars
 * resolved by `resolve`), or undefined when the text is outside what this reader proves it reads.
 */
export function fastYamlDocuments(text: string, resolve?: PlainResolver): unknown[] | undefined {
  return OUTSIDE.test(text) ? undefined : new BlockScanner(lineFeeds(text), resolve).documents();
}

// YAML reads a CRLF as a line break, in block scalars too: the same values as with LF.
const lineFeeds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n/g, '\n') : text);

/**
 * The leaves of a YAML configuration file, each as its dotted key and its text, as `eachLeaf` gives
 * them from the document `parseYaml` reads, without building the document: its mappings are read
 * straight into leaves (a big file's objects are most of its reading). False where it gives up —
 * outside the fast path's subset, a key that is an array index, nesting deeper than `maxDepth`, a
 * root that is not a mapping —, perhaps after some leaves were given: the caller discards them and
 * parses the text whole, so values and errors stay those of a whole parse.
 */
export function fastYamlLeaves(
  text: string,
  visit: (key: string, value: string, array?: readonly unknown[]) => void,
  maxDepth = 64,
): boolean {
  if (OUTSIDE.test(text)) return false;
  try {
    return new BlockScanner(lineFeeds(text)).leaves({
      value(key, depth, value) {
        if (depth > maxDepth) return false;
        // A flow mapping (`{a: 1}`) is built: its leaves are walked as eachLeaf walks it.
        if (isRecord(value)) eachLeaf(value, (path, text, array) => visit(`${key}.${path.join('.')}`, text, array), maxDepth - depth);
        else if (Array.isArray(value)) visit(key, scalarText(value, depth, maxDepth), value);
        else visit(key, scalarText(value, depth, maxDepth));
        return true;
      },
    });
  } catch (err) {
    // Too deep: the whole parse says so, with the depth the file may have.
    if (err instanceof SourceInputError) return false;
    throw err;
  }
}
