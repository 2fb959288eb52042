import { BlockScanner } from './yaml-block-scanner';

// Why a second YAML reader: the `yaml` package builds a CST and a Document with positions for every
// node, about 1 MB/s, and nearly all of an audit of YAML configuration files or Kubernetes manifests
// went there. Those files are almost always plain block YAML, which this scanner reads line by line
// into the same values, ten times faster or more. It gives up (undefined) on anything outside that
// subset — anchors, aliases, tags, flow collections other than `{}` and one-line sequences of scalars, multi-line plain or
// quoted scalars, keep-chomped block scalars, complex keys, directives, `...`, duplicate keys, tabs,
// lone CRs and control characters — and the callers then parse with the package, so its errors, their
// positions and every value outside the subset stay exactly as they were. A property test
// (yaml-fast.test.ts) holds the two to the same results.

// Tabs (indentation or separation), a CR that does not end a line, control and non-printable characters, BOMs.
const OUTSIDE = /[\0-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;

/** The documents of a block-YAML text as the `yaml` package's toJS gives them, or undefined when the text is outside what this reader proves it reads. */
export function fastYamlDocuments(text: string): unknown[] | undefined {
  if (OUTSIDE.test(text)) return undefined;
  // YAML reads a CRLF as a line break, in block scalars too: the same values as with LF.
  return new BlockScanner(text.includes('\r') ? text.replace(/\r\n/g, '\n') : text).documents();
}
