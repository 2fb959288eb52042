import { painter, SEVERITY_COLOUR } from '../../adapters/reports/paint';
import { withoutDefault } from '../../core/code/read-text';
import type { CodeReads } from '../../core/code/code-reads';
import type { Estate } from '../../core/estate/model';
import { aboutASource, kindOf } from '../../core/kinds';
import type { Finding } from '../../core/model';
import { sanitize } from '../../core/values/value';
import { auditSession } from '../audit-session';
import { useColour } from '../colour';
import { EXIT, UsageError, type CliIo } from '../io';
import { FORMATS, parseFormat, type CommonOptions } from '../options';

/** The gate counts an unset key only when a read of it takes no default: the code would fail or misbehave. */
const failsGate = (f: Finding, reads: CodeReads | undefined): boolean => withoutDefault(reads?.get(f.key ?? '') ?? []).length > 0;

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The last line: what the gate found, or why it could not tell. A failed source of the environment
 * may hold any key, so none was judged there; a code tree that failed hides its reads.
 */
function verdictLine(env: string, read: number, unset: number, failing: number, failed: readonly Finding[]): string {
  if (unset) {
    return `${env} lacks ${unset} of the ${read} keys the code reads: ${failing} without a default (the gate fails on these), ${unset - failing} with one`;
  }
  const sources = failed.filter((f) => f.environment !== undefined).length;
  if (sources)
    return `${env}: ${counted(sources, 'source', 'sources')} could not be read, so the ${read} keys the code reads were not checked there`;
  const trees = failed.length - sources;
  if (trees) return `${env} sets every key found read (${read}), but ${counted(trees, 'code tree', 'code trees')} could not be read`;
  return `${env} sets every key the code reads (${read})`;
}

/**
 * `drift code check --env ENV`: the deploy gate. Collects ENV only, scans the estate's `code:` and
 * prints the keys the code reads that ENV does not set; exit 1 when one is read without a default,
 * 3 when a source or a tree could not be read (and nothing failed), else 0: a read with a default is
 * reported, not failed.
 */
export async function codeCheckCommand(opts: CommonOptions & { env?: string[] }, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  const env = opts.env ?? [];
  if (env.length !== 1) throw new UsageError('--env: name one environment (the one about to be deployed to)');
  const scope = (estate: Estate): string[] => {
    if (!estate.code) throw new UsageError(`${opts.config} declares no code: add \`code: <path of the source tree>\``);
    return env;
  };
  const { result } = await auditSession({ ...opts, env }, io, now, false, false, scope);
  const unset = result.findings.filter((f) => kindOf(f.kind).codeGate);
  const failing = unset.filter((f) => failsGate(f, result.code?.reads));
  const failed = result.findings.filter(aboutASource);
  const exit = failing.length ? EXIT.findings : failed.length ? EXIT.sourceFailed : EXIT.ok;
  const read = result.code?.reads.size ?? 0;
  if (format === 'json') {
    const doc = { environment: env[0], keysRead: read, failing: failing.length, unset, sourceErrors: failed };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return exit;
  }
  const paint = painter(useColour(io.stdout, io.env));
  const out: string[] = [];
  for (const f of [...failed, ...unset])
    out.push(`${paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase())} ${f.kind}: ${sanitize(f.message)}`);
  out.push(verdictLine(env[0] as string, read, unset.length, failing.length, failed));
  io.stdout.write(`${out.join('\n')}\n`);
  return exit;
}
