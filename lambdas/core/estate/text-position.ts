import { yamlPackage, isScalar } from '../on-demand/yaml-package';
import type { Position } from './model';
import { positionAt, type Path, type YamlFile } from './yaml-positions';

/**
 * The position of character `offset` of the scalar at `path` (a key inside a rule's `assert`); the
 * start of the value when there is no offset.
 * Where the source and the value differ before that character (escapes, a value folded over several
 * lines, a block scalar) it is the start of the value: never a wrong column.
 */
export function positionInScalar(y: YamlFile, path: Path, offset?: number): Position {
  const start = positionAt(y, path);
  const node = y.doc.getIn(path, true);
  if (offset === undefined || !isScalar(node) || !node.range) return start;
  const { Scalar } = yamlPackage();
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (!quoted && node.type !== Scalar.PLAIN) return start;
  if (y.lines.linePos(node.range[0]).line !== y.lines.linePos(node.range[1]).line) return start;
  if (/[\\'"\n]/.test(String(node.value).slice(0, offset))) return start;
  return { ...start, column: start.column + (quoted ? 1 : 0) + offset };
}
