import type { EstateProblem } from './estate-error';
import { proseHoldsSecret, REFUSED } from './secret-literals';
import { positionAt, type Path, type YamlFile } from './yaml-positions';

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
  const inBaseline = (path: Path): Path | undefined =>
    baseline.every((seg, i) => path[i] === seg) ? path.slice(baseline.length) : undefined;
  const visit = (node: unknown, path: Path): void => {
    const own = inBaseline(path);
    if (own && judgedWithKey(own)) return;
    if (typeof node === 'string') {
      if (proseHoldsSecret(node))
        out.push({ ...positionAt(y, path), message: `${where(path)}: holds a credential in plain text; ${REFUSED}` });
    } else if (Array.isArray(node)) node.forEach((n, i) => visit(n, [...path, i]));
    else if (node !== null && typeof node === 'object')
      for (const [name, child] of Object.entries(node)) {
        if (proseHoldsSecret(name))
          out.push({ ...positionAt(y, path, name), message: `${where(path)}: a name holds a credential in plain text; ${REFUSED}` });
        else visit(child, [...path, name]);
      }
  };
  visit(raw, []);
  return out;
}

const where = (path: Path): string =>
  path.length === 0
    ? 'the document'
    : path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i ? '.' : ''}${String(seg)}`)).join('');
