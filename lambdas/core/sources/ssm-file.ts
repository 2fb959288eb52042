import { parseConfigText } from './config-file';
import type { ParseContext } from './context';
import type { SourceParseResult } from './result';
import { ssmObservations, ssmParametersFromExport } from './ssm';
import { exportEndsWithNextToken, truncatedExport } from './ssm-export';
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
    const page: { nextToken?: boolean } = {};
    const read = scanParameterPage(
      bytes,
      (params) => {
        ssmObservations(params, path, ctx, opts, out);
        out.parameters += params.length;
      },
      page,
    );
    if (read) {
      if (page.nextToken) out.errors.push(truncatedExport(file));
      return out;
    }
  }
  const json = parseConfigText(new TextDecoder().decode(bytes), file);
  const params = ssmParametersFromExport(json);
  const out = { ...ssmObservations(params, path, ctx, opts), parameters: params.length };
  if (exportEndsWithNextToken(json)) out.errors.push(truncatedExport(file));
  return out;
}
