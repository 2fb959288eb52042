import { parseConfigText } from './config-file';
import type { ParseContext } from './context';
import type { SourceParseResult } from './result';
import { ssmObservations, ssmParametersFromExport } from './ssm';
import { scanParameterPage } from './ssm-scan';

/** What one recorded export file yields: its observations under the path, and how many parameters it holds. */
export type SsmFileResult = SourceParseResult & { parameters: number };

/**
 * Observations of one recorded SSM export (the bytes of a JSON or YAML file) under `path`. Throws a
 * SourceInputError, naming the file, for a file that is not an export, as a whole parse would.
 */
export function ssmFileObservations(
  bytes: Uint8Array,
  file: string,
  path: string,
  ctx: ParseContext,
  opts: { decrypted?: boolean } = {},
): SsmFileResult {
  if (/\.json$/i.test(file)) {
    const out: SsmFileResult = { observations: [], dangling: [], errors: [], parameters: 0 };
    const read = scanParameterPage(bytes, (params) => {
      ssmObservations(params, path, ctx, opts, out);
      out.parameters += params.length;
    });
    if (read) return out;
  }
  const params = ssmParametersFromExport(parseConfigText(new TextDecoder().decode(bytes), file));
  return { ...ssmObservations(params, path, ctx, opts), parameters: params.length };
}
