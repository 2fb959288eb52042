import type { Document, LineCounter } from 'yaml';
import { isScalar, MAX_ALIAS_COUNT, MERGE_KEYS, NUMBERS_AS_WRITTEN, SILENT, yamlPackage } from '../on-demand/yaml-package';
import { fastYamlDocuments } from '../sources/yaml-fast';
import { repeatedKeyWords, yamlDuplicateKeys } from '../sources/yaml-duplicate-keys';
import { resolveAsWritten } from '../sources/yaml-scalars';
import { TANGLED_KEY, tangledCollectionKey } from '../sources/yaml-collection-keys';
import { yamlNestingOverAt } from '../sources/yaml-budget';
import { TOO_DEEP, withoutInput, yamlMessage } from '../yaml-error-words';
import type { EstateProblem } from './estate-error';
import { failingAliasOffset } from './failing-alias';
import type { YamlFile } from './yaml-positions';

// Numbers as written: every scalar of an estate becomes text, and `value: 1.10` means `1.10`. Keys written twice are
// found by repeatedKeyProblems: the package's own uniqueKeys compares each key with every one before it, and an estate
// of 20,000 baseline keys took minutes to read.
const OPTIONS = { ...MERGE_KEYS, ...NUMBERS_AS_WRITTEN, ...SILENT, prettyErrors: false, uniqueKeys: false } as const;

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

/** readYaml with the `yaml` package alone: the reference of the fast path, and what reads everything else. */
export function readYamlWithPositions(
  text: string,
  file: string,
): { ok: true; yaml: YamlFile; data: unknown } | { ok: false; problems: EstateProblem[] } {
  const deep = yamlNestingOverAt(text);
  if (deep !== undefined) return { ok: false, problems: [{ file, line: deep, column: 1, message: TOO_DEEP }] };
  const lines = new (yamlPackage().LineCounter)();
  const docs = yamlPackage().parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  if (!Array.isArray(docs)) return { ok: false, problems: [{ ...at(0), message: 'the file is empty' }] };
  const doc = docs[0];
  // `---` alone (or with comments) is a document holding nothing: an empty file, as one of comments is.
  const nothing = doc?.contents == null || (isScalar(doc.contents) && doc.contents.range[0] === doc.contents.range[1]);
  if (!doc || nothing) return { ok: false, problems: [{ ...at(0), message: 'the file is empty' }] };
  if (docs.length > 1)
    return { ok: false, problems: [{ ...at(docs[1]?.range[0] ?? 0), message: 'expected one YAML document, found several' }] };
  const errors = [...doc.errors];
  if (errors.length) {
    return { ok: false, problems: errors.map((e) => ({ ...at(e.pos[0]), message: yamlMessage(e) })) };
  }
  const repeated = yamlDuplicateKeys(doc, (offset) => lines.linePos(offset).line);
  if (repeated.length) {
    return { ok: false, problems: repeated.map((r) => ({ ...at(r.offset), message: `${repeatedKeyWords(r)}; a key is written once` })) };
  }
  const tangled = tangledCollectionKey(doc);
  if (tangled) return { ok: false, problems: [{ ...at(tangled.range?.[0] ?? 0), message: TANGLED_KEY }] };
  try {
    return { ok: true, yaml: { file, doc, lines }, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, problems: [{ ...at(0), message: TOO_DEEP }] };
    const message = `cannot read the document: ${withoutInput((e as Error).message)}`;
    return { ok: false, problems: [{ ...at(failingAliasOffset(doc, MAX_ALIAS_COUNT) ?? 0), message }] };
  }
}
