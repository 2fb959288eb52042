import { EXACT_INTEGERS, MAX_ALIAS_COUNT, MERGE_KEYS, SILENT, yamlPackage } from '../on-demand/yaml-package';
import type * as Yaml from 'yaml';
import type { Observation } from '../model';
import type { Value } from '../values/value';
import { arrayHoldsSecret } from './array-secrets';
import { byteKeysOf, keyIdOf, keyOf, secretValueOf, spellingOf, valueOf, type ParseContext } from './context';
import { readDotenv, startsWithAssignment, type DotenvQuote, type DotenvVisitor } from './dotenv';
import { isJavaProperties, readJavaProperties } from './java-properties';
import { withPlaceholder } from './placeholders';
import { withinUrlSecrets } from '../values/url-secrets';
import { expandDotenv } from './dotenv-expand';
import { MAX_EXPANDED_CHARS, type ExpandVar } from './k8s-expand';
import { placedObservation, type SourcePlace } from './observations';
import { recordingShapes } from './recording-shapes';
import { SourceInputError } from './errors';
import { checkYamlPackageBudget } from './yaml-budget';
import { refuseTangledKeys } from './yaml-collection-keys';
import { jsonValuesOver, tooManyJsonValues } from './json-budget';
import { eachLeaf } from './flatten';
import { scanLeaves } from './flatten-scan';
import { jsonWithoutComments } from './json-comments';
import { jsonErrorOffset, lineColumn } from './json-position';
import type { SourceParseResult } from './result';
import { stripBom } from './shape';
import { fastYamlDocuments, fastYamlLeaves } from './yaml-fast';
import { yamlMessage } from '../yaml-error-words';
import { yamlAliasLinks, type AliasLink } from './yaml-alias-links';
import { duplicateKeyMessage, yamlDuplicateKeys } from './yaml-duplicate-keys';
import { hasCollectionKey, helmTemplateAt, TEMPLATE_NOT_CONFIG } from './helm-template';
import { springActiveProfiles, springDocumentApplies, springMergedDocuments } from './spring-documents';
import { activeSpringProperties } from './properties-documents';
import {
  activeProfiled,
  activeQuarkusProfiles,
  quarkusDefault,
  profiledProperty,
  quarkusProfiles,
  splitProfiled,
  withProfileOverrides,
} from './quarkus-profiles';

// Parse errors carry no `cause`: the engines' messages quote the input, and a logger would print it.
/** JSON text as a document; an error names the line and column, never the content. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    if (offset < 0) throw new SourceInputError(`${file}: invalid JSON`);
    const { line, column } = lineColumn(text, offset);
    throw new SourceInputError(`${file}:${line}:${column}: invalid JSON at offset ${offset}`);
  }
}

/** YAML text as a document; an error names the line and column, never the content. */
export const parseYaml = (text: string, file: string): unknown => parseYamlLinked(text, file).doc;

/** YAML text as parseYaml reads it, with where its aliases lead (see yamlAliasLinks). */
export function parseYamlLinked(text: string, file: string): ParsedConfig {
  const docs = fastYamlDocuments(text);
  return docs && docs.length <= 1 ? { doc: docs[0] ?? null, links: [] } : parseYamlDocument(text, file);
}

/** parseYaml with the `yaml` package alone: the reference of the fast path, and what reads the rest. */
export function parseYamlWithPackage(text: string, file: string): unknown {
  return parseYamlDocument(text, file).doc;
}

// uniqueKeys is off because the yaml package checks it in quadratic time on big mappings.
const PACKAGE_OPTIONS = { ...MERGE_KEYS, ...EXACT_INTEGERS, ...SILENT, uniqueKeys: false, prettyErrors: false } as const;

type YamlDocument = Yaml.Document.Parsed;
type LineCounter = Yaml.LineCounter;

/** Throws the document's first error, positioned, in the package's words cut to what quotes no input (they can quote a secret). */
function throwFirstError(doc: YamlDocument, lineCounter: LineCounter, file: string): void {
  const first = doc.errors[0];
  if (!first) return;
  const { line, col } = lineCounter.linePos(first.pos[0]);
  const what = first.code === 'MULTIPLE_DOCS' ? 'more than one YAML document' : `invalid YAML: ${yamlMessage(first)}`;
  throw new SourceInputError(`${file}:${line}:${col}: ${what}`);
}

/** The keys a document writes twice, as source errors of a file that is still read (the last one wins, as PyYAML reads it). */
function duplicateKeyErrors(doc: YamlDocument, lineCounter: LineCounter, file: string): string[] {
  return yamlDuplicateKeys(doc, (offset) => lineCounter.linePos(offset).line).map((d) => duplicateKeyMessage(file, d));
}

/**
 * A parsed document's values; only a text that can hold an alias pays for the walk of where they lead. Keys written twice
 * are looked for here only: the fast readers give up on them, so a text holding one is always parsed by the package.
 */
function documentValues(doc: YamlDocument, mayAlias: boolean, file: string, lineCounter: LineCounter): ParsedConfig {
  refuseTangledKeys(doc, lineCounter, file);
  try {
    const js: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc: js, links: mayAlias ? yamlAliasLinks(doc) : [], errors: duplicateKeyErrors(doc, lineCounter, file) };
  } catch (err) {
    throw new SourceInputError(`${file}: ${yamlValueProblem(err)}`);
  }
}

/** A YAML document read by the `yaml` package, with where its aliases lead (see yamlAliasLinks). */
function parseYamlDocument(text: string, file: string): ParsedConfig {
  checkYamlPackageBudget(text, file);
  const lineCounter = new (yamlPackage().LineCounter)();
  const doc = yamlPackage().parseDocument(text, { ...PACKAGE_OPTIONS, lineCounter });
  throwFirstError(doc, lineCounter, file);
  return documentValues(doc, text.includes('*'), file, lineCounter);
}

/**
 * A configuration file's YAML, one document or several read as Spring Boot reads application.yml's
 * (see springMergedDocuments) with `profiles` active.
 */
function parseSpringYaml(text: string, file: string, profiles: readonly string[] | undefined): ParsedConfig {
  const fast = fastYamlDocuments(text);
  if (fast && fast.length <= 1) return { doc: fast[0] ?? null, links: [] };
  if (fast) return { doc: springMergedDocuments(fast, profiles, refuseAt(text, file, fast.length)), links: [] };
  checkYamlPackageBudget(text, file);
  const lineCounter = new (yamlPackage().LineCounter)();
  const docs = yamlPackage().parseAllDocuments(text, { ...PACKAGE_OPTIONS, lineCounter });
  if (!Array.isArray(docs)) return { doc: null, links: [] };
  for (const doc of docs) throwFirstError(doc, lineCounter, file);
  const mayAlias = text.includes('*');
  if (docs.length === 1) return documentValues(docs[0] as YamlDocument, mayAlias, file, lineCounter);
  // Each document's keys are its own (a key of two documents is no key written twice), and every document counts:
  // a loader refuses the file whichever profile is active.
  const read = docs.map((doc) => documentValues(doc, mayAlias, file, lineCounter));
  // Where aliases lead only in the documents Spring reads (asked before merging takes their activation out).
  const active = springActiveProfiles(
    read.map((r) => r.doc),
    profiles,
  );
  const links = read.filter((r) => springDocumentApplies(r.doc, active)).flatMap((r) => r.links);
  const refuse = (index: number, problem: string): never => {
    const { line, col } = lineCounter.linePos(docs[index]?.range[0] ?? 0);
    throw new SourceInputError(`${file}:${line}:${col}: ${problem}`);
  };
  return {
    doc: springMergedDocuments(
      read.map((r) => r.doc),
      profiles,
      refuse,
    ),
    links,
    errors: read.flatMap((r) => r.errors ?? []),
  };
}

/** Refuses document `index` of a text the fast reader read, at the line of its `---`. */
const refuseAt =
  (text: string, file: string, count: number) =>
  (index: number, problem: string): never => {
    const separators = [...text.matchAll(/^---(?=[ \t\r\n]|$)/gm)].map((m) => m.index);
    // Without a leading `---` the first document starts at line 1.
    const starts = separators.length === count ? separators : [0, ...separators];
    const at = starts[index] ?? 0;
    const line = text.slice(0, at).split('\n').length;
    throw new SourceInputError(`${file}:${line}:1: ${problem}`);
  };

/** What went wrong building values from a parsed YAML document; never the package's message. */
export function yamlValueProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/excessive alias count/i.test(message)) return 'too many YAML aliases (an alias bomb?)';
  if (/unresolved alias/i.test(message)) return 'a YAML alias refers to an anchor not defined before it';
  if (/merge sources/i.test(message)) return 'a YAML merge key (<<) names something other than a mapping';
  return `YAML could not be read (${err instanceof Error ? err.name : 'error'})`;
}

/** A configuration file parsed: its document, and where its YAML aliases lead (none for JSON). */
export interface ParsedConfig {
  doc: unknown;
  links: readonly AliasLink[];
  /** What the file gets wrong that does not stop it being read (a key written twice): source errors beside its observations. */
  errors?: readonly string[];
}

/**
 * Parses a configuration file: JSON for `.json` (comments and trailing commas allowed, as settings
 * loaders allow them), YAML (one document) otherwise.
 */
export function parseConfigText(text: string, file: string): unknown {
  return parseConfigDocument(text, file).doc;
}

function parseConfigDocument(text: string, file: string, spring?: SpringReading): ParsedConfig {
  const body = stripBom(text);
  if (!/\.json$/i.test(file)) return spring ? parseSpringYaml(body, file, spring.profiles) : parseYamlLinked(body, file);
  try {
    return { doc: JSON.parse(body) as unknown, links: [] };
  } catch {
    // Only a file that is not plain JSON pays for the copy.
    return { doc: parseJson(jsonWithoutComments(body), file), links: [] };
  }
}

/** Whether a value hides what it holds (all of it, or its secret parts). */
const hidesSecret = (v: Value): boolean => v.kind === 'secret' || v.kind === 'masked';

/** `spelt` and each key path above it (`a.b.c`, `a.b`, `a`), to `visit` until it returns true. */
function someAtOrAbove(spelt: string, visit: (at: string) => boolean): boolean {
  if (visit(spelt)) return true;
  for (let dot = spelt.lastIndexOf('.'); dot > 0; dot = spelt.lastIndexOf('.', dot - 1)) if (visit(spelt.slice(0, dot))) return true;
  return false;
}

const add = (map: Map<string, string[]>, key: string, value: string): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * What YAML aliases make secret: a leaf reached through an alias is secret when the anchor's leaf in
 * its place is (`copy: *pw` of `password: &pw …`), and a leaf holding an alias (a list, a mapping kept
 * whole) when anything under the anchor is. Leaves come in document order, so anchors before aliases.
 * Each leaf looks up only the paths above it: a file with thousands of aliases reads in linear time.
 */
function aliasSecrecy(links: readonly AliasLink[]): {
  secretThroughAlias(spelt: string): boolean;
  seen(spelt: string, v: Value): void;
  /** How many leaves under anchors are known secret. */
  secretCount(): number;
} {
  const anchorsOfAlias = new Map<string, string[]>();
  // Key paths above an alias (a list or whole mapping holding it is one leaf there), with the alias's anchor.
  const anchorsBelow = new Map<string, string[]>();
  const anchors = new Set<string>();
  for (const { anchor, alias } of links) {
    add(anchorsOfAlias, alias, anchor);
    anchors.add(anchor);
    for (let dot = alias.indexOf('.'); dot > 0; dot = alias.indexOf('.', dot + 1)) add(anchorsBelow, alias.slice(0, dot), anchor);
  }
  const secretLeaves = new Set<string>();
  const holdingSecret = new Set<string>();
  return {
    secretCount: () => secretLeaves.size,
    secretThroughAlias(spelt) {
      const through = someAtOrAbove(spelt, (at) =>
        (anchorsOfAlias.get(at) ?? []).some((anchor) => secretLeaves.has(anchor + spelt.slice(at.length))),
      );
      return through || (anchorsBelow.get(spelt) ?? []).some((anchor) => holdingSecret.has(anchor));
    },
    seen(spelt, v) {
      if (!hidesSecret(v)) return;
      someAtOrAbove(spelt, (at) => {
        if (anchors.has(at)) {
          secretLeaves.add(spelt);
          holdingSecret.add(at);
        }
        return false;
      });
    },
  };
}

/** The `quarkus.profile` a file sets itself, its last text wherever it is written. */
function profileInFile(observations: readonly Observation[]): string | undefined {
  for (let i = observations.length - 1; i >= 0; i--) {
    const o = observations[i] as Observation;
    if (o.key === 'quarkus.profile' && o.value.kind === 'text') return o.value.text;
  }
  return undefined;
}

/** Turns leaves (dotted key, text, and the array when it is one) into the observations of one configuration file. */
function leafObservations(
  file: string,
  ctx: ParseContext,
  links: readonly AliasLink[] = [],
  /** The source's `profiles:`, which pick a YAML file's Quarkus `"%prod":` settings. */
  profiles?: readonly string[],
): {
  visit(rawKey: string, value: string, array?: readonly unknown[]): void;
  /** Judges a leaf for what it makes secret through aliases, and keeps no observation; the secret leaves known after. */
  prime(rawKey: string, value: string, array?: readonly unknown[]): void;
  secretUnderAnchors(): number;
  result(): SourceParseResult;
} {
  const observed: SourceParseResult = { observations: [], dangling: [], errors: [] };
  const aliases = links.length ? aliasSecrecy(links) : undefined;
  const shapes = recordingShapes();
  const place: SourcePlace = { source: ctx.source, at: `${file}#` };
  const { at } = place;
  // A YAML file's `${NAME:default}` values are the application's placeholders (application.yml); JSON has none.
  const placeholders = /\.ya?ml$/i.test(file);
  // Quarkus's `"%staging": {db: {url: …}}` (application.yaml): read only where the profile is active, then over `db.url`.
  // Which profiles are active can rest on the file's own `quarkus.profile`, read in any order: they are chosen at the end.
  const quarkus = placeholders;
  const profiled: { profiles: readonly string[]; obs: Observation }[] = [];
  const judged = (key: string, spelt: string, value: string, array: readonly unknown[] | undefined): Value => {
    const read = array && arrayHoldsSecret(array, key, ctx.isSecretKey) ? secretValueOf(ctx, key, value) : valueOf(ctx, key, value);
    return aliases && !hidesSecret(read) && aliases.secretThroughAlias(spelt) ? secretValueOf(ctx, key, value) : read;
  };
  /** The observation of a leaf named `bare` (the key), found at `tail`; undefined for a key empty once canonicalised. */
  const observation = (spelt: string, bare: string, tail: string | undefined, value: string, array: readonly unknown[] | undefined) => {
    const key = keyOf(ctx, bare);
    const rawKey = spellingOf(ctx, bare);
    if (key === '') {
      observed.errors.push(`${at}${tail ?? rawKey}: the key is empty once canonicalised`);
      return undefined;
    }
    const v = judged(key, spelt, value, array);
    aliases?.seen(spelt, v);
    const obs = placedObservation(key, rawKey, v, place, tail ?? rawKey, keyIdOf(ctx, key));
    if (placeholders) withPlaceholder(ctx, obs, value);
    return obs;
  };
  return {
    result() {
      const refusal = shapes.refusal();
      if (refusal !== undefined) return { observations: [], dangling: [], errors: [`${file}: ${refusal}`] };
      if (profiled.length === 0) return observed;
      const running = activeQuarkusProfiles(profileInFile(observed.observations), profiles);
      const active = activeProfiled(profiled, running);
      return {
        ...observed,
        observations: withProfileOverrides(observed.observations, active),
        ...(profiles?.length ? {} : { profileDefaults: [quarkusDefault(file, running)] }),
      };
    },
    visit(spelt, value, array) {
      shapes.see(spelt, value, array);
      // Quarkus's `"%prod": {db: {url: …}}`: named by its key, found where it is written (`application.yaml#%prod.db.url`),
      // kept aside until the file's active profiles are known. Apart, as every other leaf of a big file comes this way.
      const profile = quarkus && spelt.charCodeAt(0) === 37 ? splitProfiled(spelt) : undefined;
      if (profile) {
        const obs = observation(spelt, profile.spelt, spellingOf(ctx, spelt), value, array);
        if (obs) profiled.push({ profiles: profile.profiles, obs });
        return;
      }
      const obs = observation(spelt, spelt, undefined, value, array);
      if (obs) observed.observations.push(obs);
    },
    prime(spelt, value, array) {
      const key = keyOf(ctx, spelt);
      if (key !== '') aliases?.seen(spelt, judged(key, spelt, value, array));
    },
    secretUnderAnchors: () => aliases?.secretCount() ?? 0,
  };
}

/** Observations of one parsed configuration file, in document order: nested keys flattened and canonicalised. */
export function configFileObservations(
  doc: unknown,
  file: string,
  ctx: ParseContext,
  /** Where the document's YAML aliases lead: what reaches a secret through one is secret. */
  links: readonly AliasLink[] = [],
  /** The source's `profiles:` (see leafObservations). */
  profiles?: readonly string[],
): SourceParseResult {
  const leaves = leafObservations(file, ctx, links, profiles);
  // YAML reads `a=1` lines as one plain scalar: the file is a .properties or .env, which the dotenv source reads.
  if (typeof doc === 'string' && startsWithAssignment(doc)) {
    return notYaml(file);
  }
  const { jsonKeys } = ctx;
  const whole = jsonKeys ? (path: readonly string[]) => jsonKeys.has(keyOf(ctx, path.join('.'))) : undefined;
  const spelt = (path: readonly string[]): string => (path.length === 1 ? (path[0] as string) : path.join('.'));
  try {
    // Documents merged as Spring merges them can list an alias before its anchor: what the anchors hold is
    // judged first, again while that turns more secret (an alias of an alias), so no order leaves one plain.
    for (let known = -1; links.length && known !== leaves.secretUnderAnchors();) {
      known = leaves.secretUnderAnchors();
      eachLeaf(doc, (path, value, array) => leaves.prime(spelt(path), value, array), 64, whole);
    }
    eachLeaf(doc, (path, value, array) => leaves.visit(spelt(path), value, array), 64, whole);
  } catch (err) {
    if (!(err instanceof SourceInputError)) throw err;
    return { observations: [], dangling: [], errors: [`${file}: ${err.message}`] };
  }
  return leaves.result();
}

/**
 * Observations of one configuration file from its bytes, as configFileObservations gives them from
 * the parsed text: JSON is read in place (see scanLeaves), block YAML straight into its leaves (see
 * fastYamlLeaves), and what either gives up on is parsed whole. Throws a SourceInputError for a
 * file that cannot be parsed.
 */
export function configFileBytesObservations(
  bytes: Uint8Array,
  file: string,
  ctx: ParseContext,
  /** The Spring profiles active where the file is read, which pick the documents of a multi-document file. */
  profiles?: readonly string[],
): SourceParseResult {
  // A Java .properties file is never YAML, though `key: value` lines would read as such and `key=value` lines not.
  if (isJavaProperties(file)) return notYaml(file);
  const other = otherFormat(file);
  if (other) return { observations: [], dangling: [], errors: [other] };
  const spring: SpringReading = { profiles };
  const json = /\.json$/i.test(file);
  // A YAML file is decoded once, here: the template check and every reader after it take this text.
  const yamlText = json ? undefined : new TextDecoder().decode(bytes);
  const template = yamlText === undefined ? undefined : templateProblem(stripBom(yamlText), file);
  if (template) return { observations: [], dangling: [], errors: [template] };
  if (json && jsonValuesOver(bytes)) return { observations: [], dangling: [], errors: [tooManyJsonValues(file).message] };
  // The fast readers flatten every mapping: keys declared `type: json` need the parsed document.
  if (ctx.jsonKeys)
    return parsedObservations(parseConfigDocument(yamlText ?? new TextDecoder().decode(bytes), file, spring), file, ctx, profiles);
  if (json) {
    const leaves = leafObservations(file, ctx);
    if (scanLeaves(bytes, leaves.visit, 64, byteKeysOf(ctx))) return leaves.result();
  }
  const text = yamlText ?? new TextDecoder().decode(bytes);
  if (!json) {
    const leaves = leafObservations(file, ctx, [], profiles);
    if (fastYamlLeaves(stripBom(text), leaves.visit)) return leaves.result();
  }
  try {
    return parsedObservations(parseConfigDocument(text, file, spring), file, ctx, profiles);
  } catch (err) {
    // A comment between two `KEY=VALUE` lines ends YAML's one plain scalar: a .properties or .env file all the same.
    if (err instanceof SourceInputError && !json && startsWithAssignment(stripBom(text))) return notYaml(file);
    throw err;
  }
}

/**
 * Where a YAML file holds a template action that YAML would take for structure (`port: {{ .Values.port }}` reads as a
 * mapping whose key is a mapping): the file is a template, and its keys are not the ones it will set. Only a text with
 * `{{` where YAML takes it for structure is parsed for it, and only one whose parse shows it (an error, a collection as
 * a key) is refused: `{{` in a block scalar or a quoted string is text.
 */
function templateProblem(text: string, file: string): string | undefined {
  const at = helmTemplateAt(text);
  if (!at) return undefined;
  checkYamlPackageBudget(text, file);
  const docs = yamlPackage().parseAllDocuments(text, PACKAGE_OPTIONS);
  const templated = Array.isArray(docs) && docs.some((doc) => doc.errors.length > 0 || hasCollectionKey(doc));
  return templated ? `${file}:${at.line}:${at.column}: ${TEMPLATE_NOT_CONFIG}` : undefined;
}

// Formats YAML would misread or refuse with a parser's message (`[server]` is a YAML list, `timeout = 30s` a scalar).
const OTHER_FORMATS: ReadonlyArray<[RegExp, string]> = [
  [/\.toml$/i, 'a TOML'],
  [/\.ini$/i, 'an INI'],
  [/\.xml$/i, 'an XML'],
  [/\.(?:hcl|tfvars)$/i, 'an HCL'],
];

/** Why a file named as another format is not read: said as that, not as the YAML it is not. */
function otherFormat(file: string): string | undefined {
  const format = OTHER_FORMATS.find(([named]) => named.test(file))?.[1];
  return format === undefined
    ? undefined
    : `${file}: ${format} file, which the file source does not read (it reads YAML and JSON; .env and .properties files through a dotenv source): record its values in one of those`;
}

const notYaml = (file: string): SourceParseResult => ({
  observations: [],
  dangling: [],
  errors: [`${file}: KEY=VALUE lines, not YAML or JSON: read this file with a dotenv source`],
});

/** How a configuration file's documents are read: as Spring reads application.yml's, with these profiles active. */
interface SpringReading {
  profiles: readonly string[] | undefined;
}

function parsedObservations(parsed: ParsedConfig, file: string, ctx: ParseContext, profiles?: readonly string[]): SourceParseResult {
  const read = configFileObservations(parsed.doc, file, ctx, parsed.links, profiles);
  return parsed.errors?.length ? { ...read, errors: [...parsed.errors, ...read.errors] } : read;
}

const INHERITED: Value = { kind: 'opaque', reason: 'taken from the environment the file is loaded in' };

/** A dotenv value as loaders hand it to the service: single-quoted values are literal, `\$` in double quotes is a `$`. */
function expandedValue(
  written: string,
  quote: DotenvQuote,
  defined: ReadonlyMap<string, ExpandVar & { obs?: Observation }>,
  ctx: ParseContext,
): ReturnType<typeof expandDotenv> {
  if (quote === "'") return { text: written, secret: false, secretSpans: [] };
  const input = quote === '"' ? written.replaceAll('\\$', '$$$$') : written;
  return expandDotenv(
    input,
    (name) => {
      const found = defined.get(name);
      if (found?.obs) found.obs.expandedInto = true;
      return found;
    },
    MAX_EXPANDED_CHARS,
    (name) => ctx.isSecretKey(keyOf(ctx, name)),
  );
}

const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every name a `$NAME` or `${NAME…}` of the text names (comments and escaped `$$` too: more is harmless). */
function referencedNames(text: string): ReadonlySet<string> {
  const names = new Set<string>();
  if (!text.includes('$')) return names;
  for (const m of text.matchAll(REFERENCE)) names.add(m[1] as string);
  return names;
}

/** Observations of one dotenv file, in order; its syntax errors name the file and line, never the content. */
export function dotenvObservations(
  written: string,
  file: string,
  ctx: ParseContext,
  /** The Spring profiles active, for a `.properties` file of several documents (see activeSpringProperties). */
  profiles?: readonly string[],
): SourceParseResult {
  const properties = isJavaProperties(file);
  const text = properties ? activeSpringProperties(written, file, profiles) : written;
  const observations: Observation[] = [];
  const errors: string[] = [];
  const place: SourcePlace = { source: ctx.source, at: `${file}:` };
  // The variables defined so far that a value refers to, as written (transient: a secret's text never leaves this
  // function). Only those are kept: most files refer to none, and a big one would hold a copy of every variable.
  // java.util.Properties expands nothing: `$HOST` and `$$` are text there, and `${X:-d}` is Spring's placeholder of X
  // whose default is `-d` (see withPlaceholder), not Compose's.
  const referenced = properties ? new Set<string>() : referencedNames(text);
  const defined = new Map<string, ExpandVar & { obs?: Observation }>();
  // Quarkus's `%staging.db.url`: read only where the profile is active, and then over `db.url` wherever that is written.
  const quarkus = properties && text.includes('%') ? quarkusProfiles(text, profiles) : undefined;
  const profiled = new Map<string, { obs: Observation; rank: number }>();
  let profileDependent = false;
  const visit: DotenvVisitor = (writtenKey, written, line, quote) => {
    let spelt = writtenKey;
    const profile = quarkus && spelt.startsWith('%') ? profiledProperty(spelt, quarkus) : undefined;
    if (profile !== undefined) profileDependent = true;
    if (profile === null) return;
    if (profile) spelt = profile.spelt;
    const key = keyOf(ctx, spelt);
    // Spelt as written (`%staging.db.url`): a revert edits that line, under that name.
    const rawKey = spellingOf(ctx, writtenKey);
    let expanded: string = written;
    let pulledSecret = false;
    if (!properties && written.includes('$')) {
      const e = expandedValue(written, quote, defined, ctx);
      if (!e) {
        errors.push(`${file}: line ${line}: the value is over ${MAX_EXPANDED_CHARS} characters once its references are expanded`);
        return;
      }
      // A secret that lands in a URL's password is hidden there as any URL's password is: the rest stays comparable.
      [expanded, pulledSecret] = [e.text, e.secret && !withinUrlSecrets(e.text, e.secretSpans)];
    }
    const value = pulledSecret ? secretValueOf(ctx, key, expanded) : valueOf(ctx, key, expanded);
    const obs: Observation | undefined = key === '' ? undefined : placedObservation(key, rawKey, value, place, line, keyIdOf(ctx, key));
    // A Spring .properties value that is one placeholder.
    if (obs && properties) withPlaceholder(ctx, obs, written);
    if (referenced.has(spelt)) defined.set(spelt, { text: expanded, secret: value.kind === 'secret', obs });
    if (obs === undefined) errors.push(`${file}: line ${line}: the key is empty once canonicalised`);
    else if (profile) {
      if ((profiled.get(key)?.rank ?? -1) <= profile.rank) profiled.set(key, { obs, rank: profile.rank });
    } else observations.push(obs);
  };
  // A Java .properties file is not dotenv: `key: value`, `key value`, `\` line continuations, `\uXXXX`, no quotes or inline comments.
  const syntax = properties
    ? readJavaProperties(text, visit)
    : readDotenv(
        text,
        visit,
        (spelt, line) => {
          // Set, to a value drift cannot see: a later reference to it stays as written.
          defined.delete(spelt);
          const key = keyOf(ctx, spelt);
          observations.push(placedObservation(key, spellingOf(ctx, spelt), INHERITED, place, line, keyIdOf(ctx, key)));
        },
        byteKeysOf(ctx),
      );
  // Syntax errors before key errors, in the order users have always seen them.
  return {
    observations: withProfileOverrides(observations, profiled),
    dangling: [],
    errors: syntax.length ? [...syntax.map((e) => `${file}: ${e}`), ...errors] : errors,
    ...(quarkus && profileDependent && !profiles?.length ? { profileDefaults: [quarkusDefault(file, quarkus)] } : {}),
  };
}
