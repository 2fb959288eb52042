import type { EstateProblem } from './estate-error';
import { proseHoldsSecret, REFUSED } from './secret-literals';
import { describePath, positionAt, type Path, type YamlFile } from './yaml-positions';

// What secretLiteralProblems judges with the key it belongs to (a value, a pattern, a rule's literals, prose).
const JUDGED_WITH_KEY: ReadonlyArray<readonly string[]> = [
  ['keys', '*', 'value'],
  ['keys', '*', 'values'],
  ['keys', '*', 'enum'],
  ['keys', '*', 'pattern'],
  ['keys', '*', 'owner'],
  ['keys', '*', 'description'],
  ['exceptions', '*', 'value'],
  ['exceptions', '*', 'reason'],
  ['exceptions', '*', 'ticket'],
  ['rules', '*', 'assert'],
  ['rules', '*', 'description'],
];

const judgedWithKey = (inBaseline: Path): boolean =>
  JUDGED_WITH_KEY.some((p) => p.length <= inBaseline.length && p.every((seg, i) => seg === '*' || seg === inBaseline[i]));

/**
 * Every other word of an estate or baseline document that holds a credential (a token's shape, a URL's password): an
 * environment's or a rule's name, a source's `from:` or workload, a label. Each is printed by drift (source labels,
 * problems, digests, tickets), so it is refused by position, never quoted; nothing under a refused name is looked at.
 * `baseline` is the path of the baseline's fields in `y`.
 */
export function credentialWords(raw: unknown, y: YamlFile, baseline: Path): EstateProblem[] {
  const out: EstateProblem[] = [];
  // `own`: the path inside the baseline's fields, carried down the walk (undefined outside them).
  const step = (path: Path, own: Path | undefined, seg: string | number): Path | undefined => {
    if (own !== undefined) return [...own, seg];
    return path.length + 1 === baseline.length && baseline.every((b, i) => (i < path.length ? path[i] : seg) === b) ? [] : undefined;
  };
  const visit = (node: unknown, path: Path, own: Path | undefined): void => {
    if (own && own.length > 1 && judgedWithKey(own)) return;
    if (typeof node === 'string') {
      if (proseHoldsSecret(node))
        out.push({ ...positionAt(y, path), message: `${where(path)}: holds a credential in plain text; ${REFUSED}` });
    } else if (Array.isArray(node)) node.forEach((n, i) => visit(n, [...path, i], step(path, own, i)));
    else if (node !== null && typeof node === 'object')
      for (const [name, child] of Object.entries(node)) {
        if (proseHoldsSecret(name))
          out.push({ ...positionAt(y, path, name), message: `${where(path)}: a name holds a credential in plain text; ${REFUSED}` });
        else visit(child, [...path, name], step(path, own, name));
      }
  };
  visit(raw, [], baseline.length === 0 ? [] : undefined);
  return out;
}

const where = (path: Path): string => (path.length === 0 ? 'the document' : describePath(path));
