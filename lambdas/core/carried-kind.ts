import { expiredExceptionId, findingId } from './engine/finding-factory';
import { KIND_NAMES, kindOf, type FindingKind } from './kinds';
import type { Finding } from './model';

/**
 * The kind of the finding an `exception-expired` one carries: the excusable kind on the same key and
 * scope whose id, its exception expired, is this finding's (the kind itself is not kept on it, and
 * findings stored before it was are read back alike). Undefined for a finding that carries none.
 */
export function carriedKind(f: Finding): FindingKind | undefined {
  if (!kindOf(f.kind).carriesExcused || typeof f.key !== 'string') return undefined;
  const subject = { environment: f.environment ?? undefined, group: f.group ?? undefined, subject: f.key };
  return KIND_NAMES.find(
    (kind) => kindOf(kind).excusable && expiredExceptionId({ ...f, ...subject, id: findingId(f.estate, { kind, ...subject }) }) === f.id,
  );
}
