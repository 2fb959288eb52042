import { LineCounter, parseDocument } from 'yaml';
import { canonicalKey } from '../keys';
import type { Observation } from '../model';
import { makeValue } from '../values/value';
import type { ParseContext } from './context';
import { parseDotenv } from './dotenv';
import { SourceInputError } from './errors';
import { flatten } from './flatten';
import { jsonErrorOffset, lineColumn } from './json-position';
import type { SourceParseResult } from './result';

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

// Parse errors carry no `cause`: the engines' messages quote the input, and a logger would print it.
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    if (offset < 0) throw new SourceInputError(`${file}: invalid JSON`);
    const { line, column } = lineColumn(text, offset);
    throw new SourceInputError(`${file}:${line}:${column}: invalid JSON at offset ${offset}`);
  }
}

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  // uniqueKeys is off because the yaml package checks it in quadratic time on big mappings.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter });
  const first = doc.errors[0];
  if (first) {
    // Only the code and position: the package's messages and code frames can quote the input.
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const what = first.code === 'MULTIPLE_DOCS' ? 'more than one YAML document' : `invalid YAML (${first.code})`;
    throw new SourceInputError(`${file}:${line}:${col}: ${what}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new SourceInputError(`${file}: ${yamlValueProblem(err)}`);
  }
}

/** What went wrong building values from a parsed YAML document; never the package's message. */
function yamlValueProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/excessive alias count/i.test(message)) return 'too many YAML aliases (an alias bomb?)';
  if (/unresolved alias/i.test(message)) return 'a YAML alias refers to an anchor not defined before it';
  return `YAML could not be read (${err instanceof Error ? err.name : 'error'})`;
}

/** Parses a configuration file: JSON for `.json`, YAML (one document) otherwise. */
export function parseConfigText(text: string, file: string): unknown {
  const body = stripBom(text);
  return /\.json$/i.test(file) ? parseJson(body, file) : parseYaml(body, file);
}

/** Keeps the last observation of each key, where the later one is the one the source applies. */
export function lastWins(observations: Observation[]): Observation[] {
  const last = new Map<string, number>();
  for (let i = 0; i < observations.length; i++) last.set((observations[i] as Observation).key, i);
  if (last.size === observations.length) return observations;
  return observations.filter((o, i) => last.get(o.key) === i);
}

/** Observations of one parsed configuration file: nested keys flattened and canonicalised. */
export function configFileObservations(doc: unknown, file: string, ctx: ParseContext): SourceParseResult {
  const result: SourceParseResult = { observations: [], dangling: [], errors: [] };
  let entries;
  try {
    entries = flatten(doc);
  } catch (err) {
    if (!(err instanceof SourceInputError)) throw err;
    return { ...result, errors: [`${file}: ${err.message}`] };
  }
  for (const { path, value } of entries) {
    const rawKey = path.join('.');
    const key = canonicalKey(rawKey);
    if (key === '') {
      result.errors.push(`${file}#${rawKey}: the key is empty once canonicalised`);
      continue;
    }
    const origin = { source: ctx.source, location: `${file}#${rawKey}` };
    result.observations.push({ key, rawKey, value: makeValue(value, ctx.isSecretKey(key), ctx.fp), origin });
  }
  return { ...result, observations: lastWins(result.observations) };
}

/** Observations of one dotenv file; its syntax errors name the file and line, never the content. */
export function dotenvObservations(text: string, file: string, ctx: ParseContext): SourceParseResult {
  const parsed = parseDotenv(text);
  const result: SourceParseResult = { observations: [], dangling: [], errors: parsed.errors.map((e) => `${file}: ${e}`) };
  for (const { key: rawKey, value, line } of parsed.entries) {
    const key = canonicalKey(rawKey);
    if (key === '') {
      result.errors.push(`${file}: line ${line}: the key is empty once canonicalised`);
      continue;
    }
    const origin = { source: ctx.source, location: `${file}:${line}` };
    result.observations.push({ key, rawKey, value: makeValue(value, ctx.isSecretKey(key), ctx.fp), origin });
  }
  return { ...result, observations: lastWins(result.observations) };
}
