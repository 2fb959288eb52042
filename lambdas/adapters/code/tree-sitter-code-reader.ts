import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import {
  byPlace,
  byReadOrder,
  type ApiRead,
  type CodeRead,
  type CodeScan,
  type LanguageId,
  type OpenRead,
  type ReadFallback,
} from '../../core/code/code-read';
import { openPrefix } from '../../core/code/open-reads';
import { CodeTreeError } from '../../core/code/code-tree-error';
import { springBoundKeys } from '../../core/code/spring-bound-keys';
import { byText } from '../../core/text-order';
import { canonicalKey, looksSecret, namedSecret } from '../../core/keys';
import { holdsSecretContent } from '../../core/values/content-secrets';
import type { CodeReader, CodeTree } from '../../ports/code-reader';
import { codeFiles, MAX_FILE_BYTES, readAtMost, smallFileBytes, type CodeFile } from './code-files';
import { DEFAULT_EXCLUDES, excluder, GENERATED, TESTS } from './code-globs';
import { DeclaredTypeIndex } from './declared-types';
import { ConstantIndex } from './tree-constants';
import {
  copiedNames,
  copiedScripts,
  copiedSources,
  isScript,
  bareScriptNames,
  runsFolder,
  scriptNames,
  shellShebang,
  startedPrograms,
  startedScripts,
  s6Started,
} from './dockerfile-commands';
import { imageEnvironment, isDockerfile } from './dockerfile-env';
import { holderName } from './holder-name';
import { buildContext } from './image-context';
import { scriptExports } from './languages/shell-exports';
import { SHELL_GRAMMAR } from './languages/shell';
import { hostFallbacks, propertyDefaults, type PropertyDefaults } from './property-defaults';
import { apiReads, mayReadServices } from './service-reads';
import { NODE_CONFIG_GETS } from './languages/ecmascript-config';
import { nodeConfigReads } from './node-config-reads';
import { readsSettings, settingsFileReads, springSettings } from './settings-file-reads';
import { servedBy } from './languages/spring-cloud-config';
import { parserFor, walkableTree } from './grammars';
import type { FoundRead, LanguageModule, QuarkusProfileLines, TreeFacts, Wrapper } from './language';
import { LANGUAGES } from './languages/registry';
import { followChains } from './wrapper-chains';

export { MAX_FILE_BYTES } from './code-files';
// Parsed trees kept from pass 1 to pass 2 while their sources total this much; beyond it, pass 2 parses
// again. Measured on 2.7 MB of TypeScript: keeping saves 28% of the CPU and costs 13 MB per MB of source.
const KEPT_TREE_BYTES = 16_000_000;

type Skipped = { file: string; reason: string };
/** A file of one language and the extension that names its language. */
interface LanguageFile extends CodeFile {
  readonly extension: string;
}
/** A file of one language, its text once read, and its tree while kept. */
interface Source extends LanguageFile {
  readonly text: string;
  /** Lines whose reads fill a secret-named setting (LanguageModule.secretLines). */
  readonly secretLines?: ReadonlySet<number>;
  /** Lines in a document of one profile (LanguageModule.profileLines). */
  readonly profileLines?: ReadonlyMap<number, string>;
  /** Lines of a Quarkus profile's setting, and the profiles run without QUARKUS_PROFILE (LanguageModule.quarkusProfileLines). */
  readonly quarkusProfileLines?: QuarkusProfileLines;
  tree?: Tree;
}

/** The languages of a file: those of the longest extension that ends its name (`.yml` is Ruby's ERB and Spring's). */
function languageFinder(languages: readonly LanguageModule[]): (file: string) => Array<{ language: LanguageModule; extension: string }> {
  const endings = languages.flatMap((language) => language.extensions.map((extension) => ({ language, extension })));
  endings.sort((a, b) => b.extension.length - a.extension.length);
  return (file) => {
    const longest = endings.find((e) => file.endsWith(e.extension))?.extension;
    return longest === undefined ? [] : endings.filter((e) => e.extension === longest);
  };
}

/** A default the code writes is kept unless the code declares the setting secret, or the key's name or the literal's content says it is. */
function shown(fallback: ReadFallback, key: string, declaredSecret: boolean): ReadFallback {
  if (fallback.kind !== 'default' || fallback.value === undefined) return fallback;
  const unquoted = fallback.value.replace(/^(['"`])([\s\S]*)\1$/, '$2');
  return declaredSecret || looksSecret(key) || holdsSecretContent(unquoted, key) ? { kind: 'default', secret: true } : fallback;
}

/** Whether the code puts what it reads under a secret-named key, variable or keyword (`password: process.env.DATABASE_AUTH || 'x'`). */
function heldSecret(found: FoundRead): boolean {
  // A read found in the file's own tree: its node, still parsed (a declared type's member is in another file's).
  const at = 'parent' in found.at ? (found.at as Node) : undefined;
  const holder = at && holderName(at);
  return holder !== undefined && namedSecret(holder);
}

/** Whether two reads are one: the same key at the same place, falling back alike (how each was bound aside). */
const sameRead = (a: CodeRead, b: CodeRead | undefined): boolean =>
  b !== undefined &&
  a.key === b.key &&
  a.name === b.name &&
  a.file === b.file &&
  a.line === b.line &&
  a.column === b.column &&
  JSON.stringify(a.fallback) === JSON.stringify(b.fallback);

/** What the image built from the Dockerfile over `file` sets `key` to (its ENV), if it does. */
type ImageDefault = (file: string, key: string) => ReadFallback | undefined;

// Spring Boot loads `application-mongo.yml` (and bootstrap's) only with the profile `mongo` active.
const PROFILE_FILE = /(?:^|\/)(?:application|bootstrap)-([^/.]+)\.(?:ya?ml|properties)$/;

function codeRead(found: FoundRead, source: Source, language: LanguageId, defaults: Defaults): CodeRead | undefined {
  const file = found.file ?? source.file;
  // .NET configuration paths separate sections with `:` (`__` in variables, which canonicalKey already splits).
  const key = canonicalKey(found.name.replace(/:/g, '.'));
  if (key === '') return undefined;
  const { row, column } = found.at.startPosition;
  const secret = found.secret === true || (found.file === undefined && (source.secretLines?.has(row + 1) === true || heldSecret(found)));
  // The image's ENV sets the variable in every container, whatever the code would fall back to; the file's value wins
  // over a placeholder's own default, as Spring resolves `${a.b:d}` to application.yml's a.b.
  const fallbackAs = (host?: string): ReadFallback =>
    defaults.image(file, key) ?? ((found.property && defaults.property.fallback(found.property, file, key, host)) || found.fallback);
  const fallback = fallbackAs();
  // What a host run as another environment falls back to (appsettings.Staging.json's value, not Production's), where it differs.
  const hostEnvironments =
    found.property && hostFallbacks(defaults.property, found.property, file, fallbackAs, (f) => shown(f, key, secret));
  // Spring binds a property from its variable with the dashes removed too; MicroProfile Config (also `spring` here, for its files) does not.
  const bound = found.property === 'spring' && found.via !== '@ConfigProperty' ? springBoundKeys(found.name) : [];
  // Other names of the read (an alias, a guard's variables) as keys, without this one.
  const otherKeys = (names: readonly string[]): string[] => names.map((name) => canonicalKey(name)).filter((k) => k !== '' && k !== key);
  const also = [...bound, ...otherKeys(found.also ?? [])];
  const profile = found.file === undefined ? (PROFILE_FILE.exec(file)?.[1] ?? source.profileLines?.get(row + 1)) : undefined;
  const quarkusProfile = found.file === undefined ? source.quarkusProfileLines?.lines.get(row + 1) : undefined;
  const quarkusDefault = quarkusProfile !== undefined ? source.quarkusProfileLines?.runs : undefined;
  const onlyWhereSet = found.onlyWhereSet && otherKeys(found.onlyWhereSet);
  return {
    name: found.name,
    key,
    file,
    line: row + 1,
    column: column + 1,
    language,
    via: found.via,
    fallback: shown(fallback, key, secret),
    ...(also.length > 0 && { also }),
    ...(profile !== undefined && { profile }),
    ...(quarkusProfile !== undefined && { quarkusProfile }),
    ...(quarkusDefault && { quarkusDefault }),
    ...(hostEnvironments && { hostEnvironments }),
    ...(onlyWhereSet?.length && { onlyWhereSet }),
  };
}

// The Dockerfile a folder's image is built from: `Dockerfile` (or `Containerfile`), else its one variant (`Dockerfile.prod`);
// of several variants none is known to be the one production runs.
function folderDockerfiles(files: readonly CodeFile[]): CodeFile[] {
  const byFolder = new Map<string, CodeFile[]>();
  for (const file of files.filter((f) => isDockerfile(f.file))) {
    const folder = dirname(file.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder.values()].flatMap((list) => {
    const plain = list.filter((f) => /^(Dockerfile|Containerfile)$/i.test(basename(f.file)));
    return plain.length ? plain.slice(0, 1) : list.length === 1 ? list : [];
  });
}

/** The text of each Dockerfile (one too large to be code is left out). */
async function imageTexts(dockerfiles: readonly CodeFile[]): Promise<Array<{ file: CodeFile; text: string }>> {
  const texts: Array<{ file: CodeFile; text: string }> = [];
  for (const file of dockerfiles) {
    const bytes = await smallFileBytes(file.absolute);
    if (bytes) texts.push({ file, text: bytes.toString('utf8') });
  }
  return texts;
}

/** An image: the folder it is built from (its build context), the code it holds, and the variables its containers start with. */
interface Image {
  readonly folder: string;
  readonly holds: (file: string) => boolean;
  readonly env: ReadonlyMap<string, ReadFallback>;
}

/**
 * The variables the images that hold a file set for it: of those, the ones built from the nearest folder above it (a
 * service's own over the repository's). Several such images (cookiecutter-django's local and production) set a
 * variable only where each sets it, to its value where they agree: which of them an environment runs is not known.
 */
function imageDefaults(images: readonly Image[]): ImageDefault {
  if (images.length === 0) return () => undefined;
  const cache = new Map<string, ReadonlyMap<string, ReadFallback>>();
  const envOf = (file: string): ReadonlyMap<string, ReadFallback> => {
    let env = cache.get(file);
    if (env) return env;
    const holding = images.filter((i) => (i.folder === '' || file.startsWith(`${i.folder}/`)) && i.holds(file));
    const deepest = Math.max(-1, ...holding.map((i) => i.folder.length));
    const [first, ...rest] = holding.filter((i) => i.folder.length === deepest);
    env = new Map();
    for (const [key, fallback] of first?.env ?? []) {
      const others = rest.map((i) => i.env.get(key));
      if (others.some((o) => o === undefined)) continue;
      (env as Map<string, ReadFallback>).set(
        key,
        others.every((o) => JSON.stringify(o) === JSON.stringify(fallback)) ? fallback : { kind: 'default' },
      );
    }
    cache.set(file, env);
    return env;
  };
  return (file, key) => envOf(file).get(key);
}

/**
 * Each image's folder and variables: its Dockerfile's ENV, then what the scripts it starts export before they run the
 * program (an entrypoint's `export DATABASE_URL=…`, then `exec "$@"`), which the program is given in every container.
 */
async function imageList(
  dockerfiles: ReadonlyArray<{ file: CodeFile; text: string }>,
  entryScripts: (text: string) => CodeFile[],
): Promise<Image[]> {
  let parser: Parser | undefined;
  const images: Image[] = [];
  for (const { file, text } of dockerfiles) {
    const own = dirname(file.file) === '.' ? '' : dirname(file.file);
    const root = file.absolute.slice(0, file.absolute.length - file.file.length);
    const env = new Map(imageEnvironment(text));
    for (const script of entryScripts(text)) {
      const bytes = await smallFileBytes(script.absolute);
      // The grammar is loaded only for a tree whose images start scripts.
      parser ??= await parserFor(SHELL_GRAMMAR);
      const tree = bytes ? walkableTree(parser, bytes.toString('utf8')) : undefined;
      if (tree === undefined || typeof tree === 'string') continue;
      for (const [key, fallback] of scriptExports(tree.rootNode)) env.set(key, fallback);
      tree.delete();
    }
    // The code the image holds: what its COPY takes from the context (everything for `COPY . .`, or where it copies nothing).
    const copied = copiedSources(text);
    const folder = await buildContext(root, own, copied.paths);
    const inContext = (file: string) => (folder === '' ? file : file.slice(folder.length + 1));
    const holds =
      copied.whole || copied.paths.length === 0
        ? () => true
        : (file: string) => copied.paths.some((p) => inContext(file) === p || inContext(file).startsWith(`${p}/`));
    images.push({ folder, holds, env });
  }
  return images;
}

/**
 * The file names of the scripts the images start (ENTRYPOINT, CMD, HEALTHCHECK), then those these run or source
 * (`exec ./run.sh`, `. ./env.sh`) and those the image copied into a folder they run (`find /docker-entrypoint.d/ …`),
 * until no new one turns up; and the files without an ending so run or sourced that are shell scripts (huginn's init
 * runs `source /scripts/setup_env`).
 */
async function startedScriptNames(
  files: readonly CodeFile[],
  dockerfiles: ReadonlyArray<{ text: string }>,
  bareScripts: readonly CodeFile[],
  unended: readonly CodeFile[],
): Promise<{ started: Set<string>; sourcedBare: CodeFile[] }> {
  const started = new Set(dockerfiles.flatMap(({ text }) => [...startedScripts(text), ...startedPrograms(text)]));
  // A script copied into the image under another name is started by that name (`COPY docker-entrypoint.sh /entrypoint`).
  for (const { text } of dockerfiles)
    for (const [name, sources] of copiedNames(text))
      if (started.has(name)) for (const source of sources.filter(isScript)) started.add(basename(source));
  const copied = dockerfiles.flatMap(({ text }) => [...copiedScripts(text)]);
  const scripts = files.filter((f) => isScript(f.file));
  const runs = (text: string): string[] => [
    ...scriptNames(text),
    ...copied.flatMap(([folder, names]) => (runsFolder(text, folder) ? names : [])),
  ];
  const known = new Set(bareScripts.map((f) => f.file));
  const sourcedBare: CodeFile[] = [];
  for (let todo = [...scripts.filter((f) => started.has(basename(f.file))), ...bareScripts]; todo.length > 0;) {
    const next: CodeFile[] = [];
    for (const file of todo) {
      const bytes = await smallFileBytes(file.absolute);
      for (const name of bytes ? runs(bytes.toString('utf8')) : [])
        if (!started.has(name)) {
          started.add(name);
          next.push(...scripts.filter((f) => basename(f.file) === name));
        }
      const named = new Set(bytes ? bareScriptNames(bytes.toString('utf8')) : []);
      const bare = await shellScripts(unended.filter((f) => named.has(basename(f.file)) && !known.has(f.file)));
      for (const f of bare) known.add(f.file);
      sourcedBare.push(...bare);
      next.push(...bare);
    }
    todo = next;
  }
  return { started, sourcedBare };
}

/** What the tree's images are: the variables each sets for the code under its folder, and what they start. */
async function images(
  files: readonly CodeFile[],
  unended: readonly CodeFile[],
): Promise<{ defaults: ImageDefault; facts: TreeFacts; bareScripts: CodeFile[] }> {
  const chosen = folderDockerfiles(files);
  const dockerfiles = await imageTexts(chosen);
  const imageStarted = await startedBareScripts(unended, dockerfiles);
  const { started, sourcedBare } = await startedScriptNames(files, dockerfiles, imageStarted, unended);
  const bareScripts = [...imageStarted, ...sourcedBare];
  const bare = new Set(bareScripts.map((f) => f.file));
  const built = new Set(chosen.map((f) => f.file));
  // The scripts one image starts itself: those named by its ENTRYPOINT and CMD, and those without an ending it copies to them.
  const entryScripts = (text: string): CodeFile[] => {
    const named = new Set([...startedScripts(text), ...startedPrograms(text)]);
    const startedHere = bareStarted(text);
    const own = bareScripts.filter((f) => startedHere(f.file));
    return [...files.filter((f) => isScript(f.file) && named.has(basename(f.file))), ...own];
  };
  return {
    defaults: imageDefaults(await imageList(dockerfiles, entryScripts)),
    facts: { image: (file) => built.has(file), started: (file) => started.has(basename(file)) || bare.has(file) },
    bareScripts,
  };
}

/** Whether an image starts a file of the tree by its name, or by the name a COPY gives it (matched by the path the COPY names: two scripts named `start` in two folders are two scripts). */
function bareStarted(text: string): (file: string) => boolean {
  const names = new Set(startedPrograms(text));
  const paths = [...copiedNames(text)].flatMap(([name, sources]) => (names.has(name) ? sources : []));
  return (file) => names.has(basename(file)) || paths.some((p) => file === p || file.endsWith(`/${p}`));
}

/**
 * The files without an ending that an image starts by their name, or by the name a COPY gives them (cookiecutter-django's
 * `COPY ./compose/production/django/entrypoint /entrypoint`, then `ENTRYPOINT ["/entrypoint"]`), that are shell scripts
 * by their first line: a script's name need not end `.sh` for a container to run it.
 */
async function startedBareScripts(bare: readonly CodeFile[], dockerfiles: ReadonlyArray<{ text: string }>): Promise<CodeFile[]> {
  if (bare.length === 0 || dockerfiles.length === 0) return [];
  const startedBy = dockerfiles.flatMap(({ text }) => [bareStarted(text), s6Started(text)]);
  return shellScripts(bare.filter((f) => startedBy.some((started) => started(f.file))));
}

/** Those of the files without an ending whose first line runs a POSIX shell. */
async function shellScripts(bare: readonly CodeFile[]): Promise<CodeFile[]> {
  const scripts: CodeFile[] = [];
  for (const file of bare) {
    const bytes = await smallFileBytes(file.absolute);
    if (bytes && shellShebang(bytes.subarray(0, 200).toString('utf8'))) scripts.push(file);
  }
  return scripts;
}

/** Where reads without a default of their own may find one: the project's property files, and the image's ENV. */
interface Defaults {
  readonly property: PropertyDefaults;
  readonly image: ImageDefault;
}

/** Reads a source tree's configuration reads with tree-sitter: each language's wrappers across its files first, then its reads. */
export class TreeSitterCodeReader implements CodeReader {
  /** `keptTreeBytes`: how much source may keep its tree from pass 1 to pass 2 (0: every file is parsed twice). */
  constructor(
    private readonly languages: readonly LanguageModule[] = Object.values(LANGUAGES),
    private readonly keptTreeBytes = KEPT_TREE_BYTES,
  ) {}

  async scan({ path: root, exclude, tests = false }: CodeTree): Promise<CodeScan> {
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) throw new CodeTreeError(`code path ${root}: not a folder`);
    const languageOf = languageFinder(this.languages);
    // A language's settings files (.NET's appsettings.json) hold no code of it, but defaults of its reads.
    const settings = this.languages.flatMap((l) => (l.propertyFiles ? [l.propertyFiles.names] : []));
    const code = (f: string): boolean =>
      languageOf(f).length > 0 || isDockerfile(f) || readsSettings(f) || settings.some((names) => names.test(f));
    // Files without an ending are kept aside: an image may start one as a script (startedBareScripts).
    const walked = await codeFiles(
      root,
      (f) => code(f) || !basename(f).includes('.'),
      excluder([...DEFAULT_EXCLUDES, ...GENERATED, ...(tests ? [] : TESTS), ...exclude]),
    );
    const treeFiles = walked.files.filter((f) => code(f.file));
    const skipped: Skipped[] = [...walked.skipped];
    const perLanguage = new Map<LanguageModule, LanguageFile[]>();
    for (const file of treeFiles)
      for (const found of languageOf(file.file)) {
        const list = perLanguage.get(found.language) ?? [];
        if (list.length === 0) perLanguage.set(found.language, list);
        list.push({ ...file, extension: found.extension });
      }
    // The settings files' imports, which the languages' reads add to.
    const { imports: apiReads, served } = await springSettings(treeFiles);
    const openReads: OpenRead[] = [];
    const image = await images(
      treeFiles,
      walked.files.filter((f) => !code(f.file)),
    );
    const shellModule = this.languages.find((l) => l.id === 'shell');
    if (shellModule && image.bareScripts.length > 0) {
      const list = perLanguage.get(shellModule) ?? [];
      perLanguage.set(shellModule, [...list, ...image.bareScripts.map((f) => ({ ...f, extension: '' }))]);
    }
    const defaults: Defaults = { property: await propertyDefaults(this.languages, treeFiles), image: image.defaults };
    const facts = served.length ? { ...image.facts, springServed: servedBy(served) } : image.facts;
    const reads: CodeRead[] = [];
    const files: Partial<Record<LanguageId, number>> = {};
    // Languages in name order: the counts print the same whatever the tree's first file.
    for (const [language, list] of [...perLanguage].sort(([a], [b]) => byText(a.id, b.id))) {
      const sources = await readSources(language, list, skipped, facts);
      if (sources.length) files[language.id] = sources.length;
      const found = await readLanguage(language, sources, skipped, this.keptTreeBytes, defaults, apiReads, openReads);
      const scoped = language.scopes?.(sources);
      reads.push(...(scoped ? found.map(scoped) : found));
    }
    // node-config's mapped variables are read as the application loads; a config.get of a mapped path is that read.
    const nodeConfig = await nodeConfigReads(treeFiles, defaults.property, shown);
    const all = [
      ...reads.filter((r) => !(NODE_CONFIG_GETS.has(r.via) && nodeConfig.covers(r.file, r.key))),
      ...nodeConfig.reads,
      ...(await settingsFileReads(treeFiles, shown)),
    ];
    all.sort(byReadOrder);
    // An options class bound twice (`Configure<T>` and a `Get<T>()`) is one read of each of its keys.
    const once = all.filter((r, i) => i === 0 || !sameRead(r, all[i - 1]));
    skipped.sort((a, b) => byText(a.file, b.file));
    // A file two languages may read (`.yml`) and neither could is one skip.
    const unique = skipped.filter((s, i) => i === 0 || s.file !== skipped[i - 1]?.file || s.reason !== skipped[i - 1]?.reason);
    apiReads.sort((a, b) => byPlace(a, b) || byText(a.service, b.service));
    openReads.sort(byPlace);
    return { root, reads: once, apiReads, ...(openReads.length > 0 && { openReads }), files, skipped: unique };
  }
}

/**
 * Deeper than any code people write: walking up a syntax tree costs its depth at each step, so a file
 * of thousands of nested parentheses (generated, or hostile) would take minutes.
 */
const MAX_NESTING = 500;

/** The deepest nesting of ( [ { in the bytes (strings and comments counted too: an upper bound, in one pass). */
function bracketDepth(bytes: Buffer): number {
  let depth = 0;
  let deepest = 0;
  for (const b of bytes) {
    if (b === 0x28 || b === 0x5b || b === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if ((b === 0x29 || b === 0x5d || b === 0x7d) && depth > 0) depth -= 1;
  }
  return deepest;
}

const TOO_LARGE = `larger than ${MAX_FILE_BYTES / 1_000_000} MB`;

/**
 * The most a file of a language that decides by a file's content whether it holds code (a `.yml`
 * holding ERB, a Spring configuration) is read to ask: one that holds none is not a skipped file
 * whatever its size, but a file past this is skipped for its size unread.
 */
const MAX_PROBED_BYTES = 64_000_000;

async function readSources(language: LanguageModule, list: LanguageFile[], skipped: Skipped[], facts: TreeFacts): Promise<Source[]> {
  const sources: Source[] = [];
  for (const file of list) {
    // A language that asks its files whether they hold code reads a big one to ask (see below); no file is loaded past that.
    const bytes = await readAtMost(file.absolute, language.code ? MAX_PROBED_BYTES : MAX_FILE_BYTES);
    if (bytes === 'too large') {
      skipped.push({ file: file.file, reason: TOO_LARGE });
      continue;
    }
    // Not `instanceof Error`: an error made in another realm (a test's sandbox) is no instance of this one's.
    if (!Buffer.isBuffer(bytes)) {
      skipped.push({ file: file.file, reason: `cannot be read (${bytes.code ?? bytes.message})` });
      continue;
    }
    // Decoded once, when first asked (a file skipped for its size never is, unless its language asks for code first).
    let decoded: string | undefined;
    const text = (): string => (decoded ??= bytes.toString('utf8'));
    // Asked first: a `.yml` that holds no code (an OpenAPI document, a fixture) is not a skipped code file, whatever its size.
    const code = language.code ? language.code(text(), file.file, facts) : undefined;
    if (language.code && code === undefined) continue;
    if (bytes.length > MAX_FILE_BYTES) skipped.push({ file: file.file, reason: TOO_LARGE });
    else if (bytes.includes(0)) skipped.push({ file: file.file, reason: 'not text' });
    else if (bracketDepth(bytes) > MAX_NESTING) skipped.push({ file: file.file, reason: `brackets nested more than ${MAX_NESTING} deep` });
    else {
      const secretLines = code === undefined ? undefined : language.secretLines?.(text(), file.file);
      const profileLines = code === undefined ? undefined : language.profileLines?.(text(), file.file);
      const quarkusProfileLines = code === undefined ? undefined : language.quarkusProfileLines?.(text(), file.file);
      sources.push({
        ...file,
        text: code ?? text(),
        ...(secretLines?.size && { secretLines }),
        ...(profileLines?.size && { profileLines }),
        ...(quarkusProfileLines?.lines.size && { quarkusProfileLines }),
      });
    }
  }
  return sources;
}

/**
 * The wrappers a file of a scope may call: its scope's and, where scopes are folders, every other folder's as
 * `folder.Name` (a Go package is called by its name, its folder's; a name two folders share is left out, as
 * which one an import means is not known).
 */
function visibleWrappers(wrappers: Map<string, Map<string, Wrapper>>, byFolder: boolean): (scope: string) => ReadonlyMap<string, Wrapper> {
  const qualified = new Map<string, { wrapper: Wrapper; folder: string } | undefined>();
  for (const [folder, scope] of byFolder ? wrappers : [])
    for (const wrapper of scope.values()) {
      const name = `${basename(folder)}.${wrapper.name}`;
      qualified.set(name, qualified.has(name) ? undefined : { wrapper, folder });
    }
  if (qualified.size === 0) return (scope) => wrappers.get(scope) ?? new Map();
  const cache = new Map<string, ReadonlyMap<string, Wrapper>>();
  return (scope) => {
    let visible = cache.get(scope);
    if (visible === undefined) {
      const others = [...qualified].flatMap(([name, at]) => (at && at.folder !== scope ? [[name, at.wrapper] as const] : []));
      cache.set(scope, (visible = new Map([...others, ...(wrappers.get(scope) ?? [])])));
    }
    return visible;
  };
}

/** A read by a name the scan cannot list (FoundRead.open), where it is. */
function openRead(found: FoundRead, source: Source, language: LanguageId): OpenRead {
  const { row, column } = found.at.startPosition;
  // A start that holds a credential (`process.env["ghp_…" + n]`) is not kept: the read is one of no known start.
  const prefix = found.open?.whole || holdsSecretContent(found.name) ? undefined : openPrefix(found.name.replace(/:/g, '.'));
  return {
    file: found.file ?? source.file,
    line: row + 1,
    column: column + 1,
    language,
    via: found.via,
    ...(found.open?.whole && { whole: true as const }),
    ...(prefix !== undefined && { prefix }),
  };
}

/**
 * What `read` finds in one file, else undefined with the file listed as skipped: a reader that fails on a file (a stack
 * that runs out on nesting no limit foresaw, a shape no reader expected) costs that file, never the scan. The reason
 * quotes nothing of the file.
 */
function contained<T>(source: Source, skipped: Skipped[], read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    const deep = err instanceof RangeError && /call stack/i.test(err.message);
    skipped.push({
      file: source.file,
      reason: deep ? 'too deeply nested for the readers' : `the readers failed on it (${errorName(err)})`,
    });
    return undefined;
  }
}

const errorName = (err: unknown): string => (err instanceof Error ? err.name : typeof err);

/** Pass 1 over every file of the language for its wrappers (then the wrappers of those), pass 2 for the reads (trees kept between them within a budget). */
async function readLanguage(
  language: LanguageModule,
  sources: Source[],
  skipped: Skipped[],
  keptTreeBytes: number,
  defaults: Defaults,
  apiReadsFound: ApiRead[],
  openReadsFound: OpenRead[],
): Promise<CodeRead[]> {
  const parsers = new Map<string, Parser>();
  /** The source's tree, else why it is not read. */
  const parse = async (source: Source): Promise<Tree | string> => {
    const grammar = language.grammar(source.extension);
    let parser = parsers.get(grammar);
    if (parser === undefined) parsers.set(grammar, (parser = await parserFor(grammar)));
    return walkableTree(parser, source.text);
  };
  // Wrappers by the scope they are visible in: one scope for the language, or one per folder.
  const scopeOf = (source: Source) => (language.wrapperScope === 'folder' ? dirname(source.file) : '');
  const wrappers = new Map<string, Map<string, Wrapper>>();
  const declared = new DeclaredTypeIndex();
  const constants = new ConstantIndex();
  const parsed: Source[] = [];
  let kept = 0;
  for (const source of sources) {
    const tree = await parse(source);
    if (typeof tree === 'string') {
      skipped.push({ file: source.file, reason: tree });
      continue;
    }
    const facts = contained(source, skipped, () => ({
      wrappers: language.wrappers(tree),
      declared: language.declared?.(tree),
      constants: language.constants?.(tree),
    }));
    if (facts === undefined) {
      tree.delete();
      continue;
    }
    const scope = wrappers.get(scopeOf(source)) ?? new Map<string, Wrapper>();
    for (const w of facts.wrappers) scope.set(w.name, w);
    if (scope.size) wrappers.set(scopeOf(source), scope);
    if (facts.declared) declared.add(source.file, facts.declared);
    if (facts.constants) constants.add(source.file, facts.constants);
    kept += source.text.length;
    if (kept <= keptTreeBytes) source.tree = tree;
    else tree.delete();
    parsed.push(source);
  }
  // A language's built-ins may be wrapped in a tree that wraps nothing else.
  if (language.builtins?.length) for (const source of parsed) if (!wrappers.has(scopeOf(source))) wrappers.set(scopeOf(source), new Map());
  for (const [scope, known] of wrappers) {
    const inScope = parsed.filter((source) => scopeOf(source) === scope);
    await followChains(language, known, inScope, async (source, use) => {
      const tree = source.tree ?? (await parse(source));
      if (typeof tree === 'string') return [];
      const found = contained(source, skipped, () => use(tree)) ?? [];
      if (tree !== source.tree) tree.delete();
      return found;
    });
  }
  const visible = visibleWrappers(wrappers, language.wrapperScope === 'folder');
  const reads: CodeRead[] = [];
  for (const source of parsed) {
    const tree = source.tree ?? (await parse(source));
    if (typeof tree === 'string') continue;
    const found = contained(source, skipped, () => ({
      reads: language.reads(tree, visible(scopeOf(source)), declared.visibleFrom(source.file), constants.visibleFrom(source.file)),
      api: mayReadServices(source.text) ? apiReads(tree, source.file, language.id) : [],
    }));
    for (const one of found?.reads ?? []) {
      if (one.open) {
        openReadsFound.push(openRead(one, source, language.id));
        continue;
      }
      const read = codeRead(one, source, language.id, defaults);
      if (read) reads.push(read);
    }
    if (found) apiReadsFound.push(...found.api);
    tree.delete();
    source.tree = undefined;
  }
  for (const parser of parsers.values()) parser.delete();
  return reads;
}
