import { resolvePlain } from '../sources/yaml-scalars';
import { bareScalarAt, type YamlFile } from './yaml-positions';

/**
 * `version` as YAML reads it. Scalars are kept as written (`value: 1.10` stays `1.10`), so a bare
 * `version: 1.0` reached the schema as the text `1.0` and was refused, though YAML, and the JSON
 * Schema editors check the file with (`const: 1`), read it as the number 1. A quoted `"1"` stays text.
 */
export function versionAsYamlReadsIt(data: unknown, y: YamlFile): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const written = (data as { version?: unknown }).version;
  // The common `version: 1` is a number already: the positions (a slow parse) are asked for only otherwise.
  if (typeof written !== 'string' || !bareScalarAt(y, ['version'])) return data;
  const read = resolvePlain(written);
  return typeof read === 'number' ? { ...data, version: read } : data;
}
