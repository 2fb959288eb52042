import { canonicalKey } from '../keys';

/**
 * The canonical keys of the variables Spring Boot binds a property from, beyond its own canonical key:
 * Spring writes a variable with each part's dashes removed (`endpoints.http.keep-alive` from
 * `ENDPOINTS_HTTP_KEEPALIVE`, a camelCase `tableName` from `…_TABLENAME`), and also accepts the dashes
 * as underscores, which is the key itself. Empty when the two are one.
 */
export function springBoundKeys(name: string): string[] {
  const squashed = canonicalKey(
    name
      .split('.')
      .map((part) => part.replace(/-/g, '').toLowerCase())
      .join('.'),
  );
  return squashed !== '' && squashed !== canonicalKey(name) ? [squashed] : [];
}
