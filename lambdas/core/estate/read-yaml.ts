import type { Document, LineCounter } from 'yaml';
import { MAX_ALIAS_COUNT, MERGE_KEYS, NUMBERS_AS_WRITTEN, yamlPackage } from '../on-demand/yaml-package';
import { fastYamlDocuments } from '../sources/yaml-fast';
import { resolveAsWritten } from '../sources/yaml-scalars';
import type { EstateProblem } from './estate-error';
import { failingAliasOffset } from './failing-alias';
import type { YamlFile } from './yaml-positions';

// Numbers as written: every scalar of an estate becomes text, and `value: 1.10` means `1.10`.
const OPTIONS = { ...MERGE_KEYS, ...NUMBERS_AS_WRITTEN, prettyErrors: false, uniqueKeys: true } as const;

/**
 * The estate file's YAML document, parsed with positions the first time one is asked for. Why: the
 * `yaml` package reads about 1 MB/s, so a 60 KB estate of a thousand sources cost more than a small
 * audit; positions are needed only for problems and a few reports, and the fast reader gives the
 * same values (it gives up on anything it does not prove it reads as the package does).
 */
function lazyYamlFile(text: string, file: string): YamlFile {
  let parsed: { doc: Document; lines: LineCounter } | undefined;
  const parse = (): { doc: Document; lines: LineCounter } => {
    if (parsed) return parsed;
    const lines = new (yamlPackage().LineCounter)();
    const docs = yamlPackage().parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
    // The fast reader read exactly one document: the package finds the same one.
    parsed = { doc: (docs as Document[])[0] as Document, lines };
    return parsed;
  };
  return {
    file,
    get doc() {
      return parse().doc;
    },
    get lines() {
      return parse().lines;
    },
  };
}

/** Parses one YAML document with positions; syntax errors come back as positioned problems. */
export function readYaml(
  text: string,
  file: string,
): { ok: true; yaml: YamlFile; data: unknown } | { ok: false; problems: EstateProblem[] } {
  const fast = fastYamlDocuments(text, resolveAsWritten);
  const data = fast?.length === 1 ? fast[0] : undefined;
  if (data !== null && typeof data === 'object') return { ok: true, yaml: lazyYamlFile(text, file), data };
  return readYamlWithPositions(text, file);
}

const TOO_DEEP = 'nested too deeply to read';

/**
 * The yaml package's messages that quote the input (`*name`, a block scalar header, an escape, a
 * tag or a directive as written), each cut to its own words: the text can be a password written
 * unquoted (`password: *Tr0ub4dor`, `value: >s3cret`), and the message reaches stderr, CI logs and,
 * from plan-run, the Lambda log and the execution's error.
 */
const QUOTING: readonly [RegExp, string][] = [
  [/^(Unresolved alias \(the anchor must be set before the alias\)):.*/, '$1'],
  [/^(Block scalar header includes extra characters):.*/, '$1'],
  [/^(Invalid escape sequence) .*/, '$1'],
  [/^(Unresolved tag|Could not resolve tag|Not a valid tag|Ordered maps must not include duplicate keys):.*/, '$1'],
  [/^Verbatim tags aren't resolved.*/, "Verbatim tags aren't resolved"],
  [/^The .* tag has no suffix$/, 'A tag has no suffix'],
  [/^(Unknown directive|Unsupported YAML version) .*/, '$1'],
  [/^Unexpected (?![,:{}[\]?-] in )\S.* in (flow map|flow sequence|collection)$/, 'Unexpected token in $1'],
  // The composer's form for any token it cannot place: `<message>: "<the token as JSON>"`.
  [/^(Unexpected [\w-]+ token in YAML stream): ".*/, '$1'],
  [/^(Not a YAML token):.*/, '$1'],
];

/** One line of the yaml package's message, without any input it quotes. */
const withoutInput = (message: string): string => {
  const line = message.split('\n')[0] ?? '';
  for (const [pattern, words] of QUOTING) if (pattern.test(line)) return line.replace(pattern, words);
  return line;
};

/** The yaml package's error in a line; a stack overflow it caught (nesting thousands deep) said as what it is. */
const yamlMessage = (e: { message: string; code: string }): string =>
  /maximum call stack/i.test(e.message) ? TOO_DEEP : `${withoutInput(e.message)} (${e.code})`;

/** readYaml with the `yaml` package alone: the reference of the fast path, and what reads everything else. */
export function readYamlWithPositions(
  text: string,
  file: string,
): { ok: true; yaml: YamlFile; data: unknown } | { ok: false; problems: EstateProblem[] } {
  const lines = new (yamlPackage().LineCounter)();
  const docs = yamlPackage().parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  if (!Array.isArray(docs)) return { ok: false, problems: [{ ...at(0), message: 'the file is empty' }] };
  const doc = docs[0];
  if (!doc || doc.contents === null) return { ok: false, problems: [{ ...at(0), message: 'the file is empty' }] };
  if (docs.length > 1)
    return { ok: false, problems: [{ ...at(docs[1]?.range[0] ?? 0), message: 'expected one YAML document, found several' }] };
  const errors = [...doc.errors];
  if (errors.length) {
    return { ok: false, problems: errors.map((e) => ({ ...at(e.pos[0]), message: yamlMessage(e) })) };
  }
  try {
    return { ok: true, yaml: { file, doc, lines }, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problems: [{ ...at(0), message: TOO_DEEP }] };
    const message = `cannot read the document: ${withoutInput((e as Error).message)}`;
    return { ok: false, problems: [{ ...at(failingAliasOffset(doc, MAX_ALIAS_COUNT) ?? 0), message }] };
  }
}
