import type { EstateProblem } from './estate-error';
import { positionAt, type Path, type YamlFile } from './yaml-positions';

const RESERVED = '__proto__';

/**
 * A `__proto__` key anywhere in the document: JavaScript objects cannot hold one as a name (zod, and
 * any object built from the document, drop it without a word), so an environment, a parity group
 * or a baseline key of that name would silently vanish. Said at the key instead. The text is looked
 * at first: only a document that spells it is walked.
 */
export function reservedNameProblems(text: string, data: unknown, yaml: YamlFile): EstateProblem[] {
  if (!text.includes(RESERVED)) return [];
  const problems: EstateProblem[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        if (key === RESERVED)
          problems.push({ ...positionAt(yaml, path, key), message: `"${RESERVED}" cannot be a name in an estate file` });
        else walk((node as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  walk(data, []);
  return problems;
}
