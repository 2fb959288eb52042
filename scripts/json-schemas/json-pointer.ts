export type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The object at a JSON Pointer (`/properties/environments/additionalProperties`). Throws when the
 * path is gone, so a schema change that moves a field fails the generator instead of silently
 * dropping the description or constraint written for it.
 */
export function at(root: JsonObject, pointer: string): JsonObject {
  let node: unknown = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  if (!isObject(node)) throw new Error(`json-schemas: no schema object at ${pointer}; update scripts/json-schemas/`);
  return node;
}

/** Adds fields to the object at each pointer (descriptions, constraints zod's refinements hold). */
export function annotate(root: JsonObject, notes: Record<string, JsonObject>): void {
  for (const [pointer, fields] of Object.entries(notes)) Object.assign(at(root, pointer), fields);
}
