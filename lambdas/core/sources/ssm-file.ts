import { parseConfigText } from './config-file';
import { SourceInputError } from './errors';
import { Buffer } from 'node:buffer';
import { byteKeysOf, type ParseContext } from './context';
import type { SourceParseResult } from './result';
import { ssmFolder, ssmObservations, ssmParametersFromExport } from './ssm';
import { exportEndsWithNextToken } from './ssm-export';
import { scanParameterPage } from './ssm-scan';

/**
 * The most parameters one recorded export may hold: twice what SSM holds in an account and Region
 * (100,000 in the advanced tier), so no real export is refused, while a made-up one of a million
 * (53 s and 1.9 GB) stops here.
 */
export const MAX_EXPORT_PARAMETERS = 200_000;

const tooManyParameters = (file: string): SourceInputError =>
  new SourceInputError(`${file}: over ${MAX_EXPORT_PARAMETERS} parameters, more than SSM holds in a Region (100,000 in the advanced tier)`);

/** The errors of bad parameters, each naming the file: one without a name is known only by its place in it. */
const inFile = (file: string, errors: readonly string[]): string[] => errors.map((e) => `${file}: ${e}`);

/**
 * What one recorded export file yields: its observations under the path, how many parameters it holds, and whether it
 * ends with a NextToken (one page of the listing: whether later pages were recorded is for its source to say).
 */
export type SsmFileResult = SourceParseResult & { parameters: number; truncated: boolean };

/**
 * Observations of one recorded SSM export (the bytes of a JSON or YAML file) under `path`. A
 * parameter that fails its check is an error naming the file and the parameter, before the key
 * errors, and the rest are read. Throws a SourceInputError, naming the file, for a file that is not an export, as a whole
 * parse would.
 */
export function ssmFileObservations(
  bytes: Uint8Array,
  file: string,
  path: string,
  ctx: ParseContext,
  opts: { decrypted?: boolean } = {},
): SsmFileResult {
  if (/\.json$/i.test(file)) {
    const out: SsmFileResult = { observations: [], dangling: [], errors: [], parameters: 0, truncated: false };
    const page: { nextToken?: boolean; errors: string[] } = { errors: [] };
    const keys = byteKeysOf(ctx);
    const read = scanParameterPage(
      bytes,
      (params, held) => {
        out.parameters += held;
        if (out.parameters > MAX_EXPORT_PARAMETERS) throw tooManyParameters(file);
        ssmObservations(params, path, ctx, { ...opts, keys }, out);
      },
      page,
      keys && { keys, folder: Buffer.from(ssmFolder(path)) },
    );
    if (read) {
      out.truncated = page.nextToken === true;
      if (page.errors.length > 0) out.errors = [...inFile(file, page.errors), ...out.errors];
      return out;
    }
  }
  const json = parseConfigText(new TextDecoder().decode(bytes), file);
  const errors: string[] = [];
  const params = ssmParametersFromExport(json, errors);
  // Every parameter the file holds counts, a bad one too.
  const parameters = params.length + errors.length;
  if (parameters > MAX_EXPORT_PARAMETERS) throw tooManyParameters(file);
  const into = { observations: [], dangling: [], errors: inFile(file, errors) };
  return {
    ...ssmObservations(params, path, ctx, opts, into),
    parameters,
    truncated: exportEndsWithNextToken(json),
  };
}
