import type * as z from '../zod';
import { suggestion } from './did-you-mean';
import type { EstateProblem } from './estate-error';
import { describePath, positionAt, type Path, type YamlFile } from './yaml-positions';

// Zod's internal definition, as far as walking a schema by path needs it.
interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  valueType?: { _zod: { def: Def } };
  options?: Array<{ _zod: { def: Def } }>;
}

/** The field names an object schema allows at `path`: the candidates for "did you mean". */
function allowedKeys(schema: z.core.$ZodType, path: Path): string[] {
  const seek = (def: Def, rest: Path): string[] => {
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'catch':
        return def.innerType ? seek(def.innerType._zod.def, rest) : [];
      case 'pipe':
        return def.in ? seek(def.in._zod.def, rest) : [];
      case 'union':
        return (def.options ?? []).flatMap((o) => seek(o._zod.def, rest));
      case 'array':
        return rest.length && def.element ? seek(def.element._zod.def, rest.slice(1)) : [];
      case 'record':
        return rest.length && def.valueType ? seek(def.valueType._zod.def, rest.slice(1)) : [];
      case 'object': {
        if (!def.shape) return [];
        if (!rest.length) return Object.keys(def.shape);
        const field = def.shape[String(rest[0])];
        return field ? seek(field._zod.def, rest.slice(1)) : [];
      }
      default:
        return [];
    }
  };
  return seek((schema as unknown as { _zod: { def: Def } })._zod.def, path);
}

/** A union branch that only says which values it allows (an enum, a literal). */
const isChoice = (branch: readonly z.core.$ZodIssue[]): boolean =>
  branch.length > 0 && branch.every((i) => i.code === 'invalid_value' && i.path.length === 0);

const where = (path: Path): string => (path.length ? `${describePath(path)}: ` : '');

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg as string | number] : undefined;
  return v;
}

/** What kind of value a field takes, from the branches that each refused the value's kind outright. */
function expectedKinds(branches: ReadonlyArray<readonly z.core.$ZodIssue[]>, got: unknown): string {
  const kinds = [
    ...new Set(branches.flatMap((b) => b.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [i.expected] : [])))),
  ];
  if (!kinds.length) return 'unexpected value';
  const received = got === null ? 'null' : Array.isArray(got) ? 'a list' : typeof got === 'object' ? 'a mapping' : typeof got;
  const listed = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
  return `expected ${listed}, not ${received}`;
}

/** Turns zod's issues into positioned problems with readable messages. */
export function zodProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  y: YamlFile,
  input: unknown,
  base: Path = [],
): EstateProblem[] {
  const out: EstateProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, path);
      for (const key of issue.keys) {
        out.push({ ...positionAt(y, path, key), message: `${where(path)}unknown field "${key}"${suggestion(key, allowed)}` });
      }
    } else if (
      (issue.code === 'invalid_union' || issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      path.length > 0 &&
      valueAt(input, path) === undefined
    ) {
      // Absent, whatever the field may hold (`from:` is a path or a list of them; `version:` only 1).
      const field = String(path[path.length - 1]);
      const options = issue.code === 'invalid_value' ? issue.values.map(String) : [];
      const hint = options.length === 1 ? ` (write ${field}: ${options[0]})` : options.length ? ` (one of ${options.join(', ')})` : '';
      out.push({ ...positionAt(y, path.slice(0, -1)), message: `${where(path.slice(0, -1))}missing field "${field}"${hint}` });
    } else if (issue.code === 'invalid_union' && issue.errors.every(isChoice)) {
      // One of several lists of allowed values (a severity, or `ignore`): every value any of them allows.
      const values = issue.errors.flatMap((b) => b.flatMap((i) => (i.code === 'invalid_value' ? i.values : [])));
      out.push(...zodProblems([{ ...(issue.errors[0]?.[0] as z.core.$ZodIssueInvalidValue), values }], schema, y, input, path));
    } else if (issue.code === 'invalid_union') {
      // Report the branch that matches the kind of value written (a mapping, usually).
      const branches = issue.errors.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      // Of those, the one that got furthest into the value (a list's bad item beats "expected all").
      const depth = (b: (typeof branches)[number]): number => Math.max(...b.map((i) => i.path.length));
      const chosen =
        branches.reduce<(typeof branches)[number] | undefined>((best, b) => (!best || depth(b) > depth(best) ? b : best), undefined) ??
        issue.errors[0];
      if (chosen && chosen.length && branches.length) out.push(...zodProblems(chosen, schema, y, input, path));
      else out.push({ ...positionAt(y, path), message: `${where(path)}${expectedKinds(issue.errors, valueAt(input, path))}` });
    } else if (issue.code === 'invalid_key') {
      // A name the mapping refuses (an environment's): where it is written, with what its own check says a name may hold.
      const [key, parent] = [String(path[path.length - 1]), path.slice(0, -1)];
      const why = issue.issues.map((i) => i.message).join('; ');
      out.push({ ...positionAt(y, parent, key), message: `${where(parent)}"${key}" is not a name: ${why}` });
    } else if (issue.code === 'invalid_value') {
      const got = valueAt(input, path);
      const options = issue.values.map(String);
      // `version: "1"` is the right text in the wrong kind: "did you mean "1"" would repeat it back.
      const quoted = typeof got === 'string' && options.includes(got) && !issue.values.includes(got);
      const hint = quoted ? ', written without quotes' : typeof got === 'string' ? suggestion(got, options) : '';
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      out.push({ ...positionAt(y, path), message: `${where(path)}expected ${expected}${hint}` });
    } else if (
      issue.code === 'too_small' &&
      Number(issue.minimum) === 1 &&
      /^Too small/.test(issue.message) &&
      (issue.origin === 'string' || issue.origin === 'array')
    ) {
      // Zod's own words ("Too small: expected string to have >=1 characters") describe its check, not the file;
      // a schema's own message (an environment's sources) is kept.
      const message = issue.origin === 'string' ? 'must not be empty' : 'must list at least one item';
      out.push({ ...positionAt(y, path), message: `${where(path)}${message}` });
    } else {
      out.push({ ...positionAt(y, path), message: `${where(path)}${issue.message.replace(/^Invalid input: /, '')}` });
    }
  }
  return out;
}
