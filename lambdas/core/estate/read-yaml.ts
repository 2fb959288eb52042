import { LineCounter, parseAllDocuments } from 'yaml';
import type { EstateProblem } from './estate-error';
import type { YamlFile } from './yaml-positions';

/** Parses one YAML document with positions; syntax errors come back as positioned problems. */
export function readYaml(
  text: string,
  file: string,
): { ok: true; yaml: YamlFile; data: unknown } | { ok: false; problems: EstateProblem[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
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
    return { ok: false, problems: errors.map((e) => ({ ...at(e.pos[0]), message: `${e.message.split('\n')[0]} (${e.code})` })) };
  }
  try {
    return { ok: true, yaml: { file, doc, lines }, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { ok: false, problems: [{ ...at(0), message: `cannot read the document: ${(e as Error).message.split('\n')[0]}` }] };
  }
}
