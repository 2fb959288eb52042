import type { Document, LineCounter, YAMLError } from 'yaml';
import { EXACT_INTEGERS, MAX_ALIAS_COUNT, MERGE_KEYS, yamlPackage } from '../on-demand/yaml-package';
import { noteEnvAliases } from './k8s-env-aliases';
import { yamlValueProblem } from './config-file';
import { SourceInputError } from './errors';
import { checkYamlPackageBudget } from './yaml-budget';
import { refuseTangledKeys } from './yaml-collection-keys';
import { jsonValuesOver, tooManyJsonValues } from './json-budget';
import { jsonErrorOffset, lineColumn } from './json-position';
import { isRecord, stripBom } from './shape';
import { fastYamlDocuments } from './yaml-fast';
import { hasCollectionKey, HELM_TEMPLATE, helmTemplateAt } from './helm-template';
import { KUSTOMIZATION_KIND } from './k8s-kustomize';
import { noteRepeatedData } from './k8s-repeated-data';
import { yamlMessage } from '../yaml-error-words';

const MAX_LIST_DEPTH = 8;

/**
 * A manifest file with more YAML documents than this is refused before it is parsed. No cluster's
 * manifests come near it (kubectl prints a cluster as one List), while tiny documents cost the yaml
 * package a Document and a schema each: a million `{}` (7 MB) took 40 s and 2 GB.
 */
export const MAX_MANIFEST_DOCUMENTS = 100_000;

/** Whether `text` holds more document markers than a manifest may hold documents. */
function tooManyDocuments(text: string): boolean {
  // A marker and the line break before the next take four characters: a shorter text is not scanned.
  if (text.length < 4 * MAX_MANIFEST_DOCUMENTS) return false;
  // A line that starts or ends a document (a document past the first needs one); made per call, as it keeps its lastIndex.
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let markers = 0;
  while (marker.test(text)) if (++markers > MAX_MANIFEST_DOCUMENTS) return true;
  return false;
}

/**
 * `kind: List` (what `kubectl get -o yaml` prints) and typed lists (`ConfigMapList` from the API)
 * become their items; items of a typed list carry no `kind`, so they get the list's.
 */
function expandLists(doc: unknown, out: unknown[], file: string, depth = 0): void {
  if (isRecord(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items) && depth < MAX_LIST_DEPTH) {
    // A page of a listing read with ?limit= (the API's continue token names the next): what is not on it would read as absent.
    const next = isRecord(doc.metadata) ? doc.metadata.continue : undefined;
    if (typeof next === 'string' && next !== '')
      throw new SourceInputError(
        `${file}: a List that is one page of a listing (its metadata.continue is set): the objects of the later pages are missing; record the listing whole (kubectl get -o yaml reads every page)`,
      );
    const itemKind = doc.kind === 'List' ? undefined : doc.kind.slice(0, -'List'.length);
    for (const item of doc.items) {
      if (item === null || item === undefined) continue;
      const typed = itemKind && isRecord(item) && item.kind === undefined ? { kind: itemKind, apiVersion: doc.apiVersion, ...item } : item;
      expandLists(typed, out, file, depth + 1);
    }
    return;
  }
  out.push(doc);
}

// Parse errors name the code and position only, and carry no `cause`: the engines' messages (the
// yaml package's first lines too, e.g. "Unresolved plain scalar …") can quote the input.
function parseJson(text: string, file: string): unknown[] {
  if (jsonValuesOver(text)) throw tooManyJsonValues(file);
  try {
    return [JSON.parse(text)];
  } catch {
    const offset = jsonErrorOffset(text);
    if (offset < 0) throw new SourceInputError(`${file}: invalid JSON`);
    const { line, column } = lineColumn(text, offset);
    throw new SourceInputError(`${file}:${line}:${column}: invalid JSON`);
  }
}

function parseYaml(text: string, file: string, errors: string[] | undefined): unknown[] {
  if (tooManyDocuments(text))
    throw new SourceInputError(`${file}: more than ${MAX_MANIFEST_DOCUMENTS} YAML documents; a manifest this large is not read`);
  return fastYamlDocuments(text) ?? parseYamlWithPackage(text, file, errors);
}

/**
 * A manifest's YAML documents read with the `yaml` package alone: the reference of the fast path, and
 * what reads the rest. With `errors`, a document that cannot be read is said there and the others are
 * read (the `---` marker ends a broken document too); without, it throws. A Helm template throws
 * either way: the file is not a manifest.
 */
export function parseYamlWithPackage(text: string, file: string, errors?: string[]): unknown[] {
  checkYamlPackageBudget(text, file);
  const lines = new (yamlPackage().LineCounter)();
  const docs = yamlPackage().parseAllDocuments(text, {
    ...MERGE_KEYS,
    ...EXACT_INTEGERS,
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
    // Its warnings (a collection as a key) would reach the terminal raw; what they point at is refused below.
    logLevel: 'error',
  });
  if (!Array.isArray(docs)) return [];
  const out: unknown[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    // `{{ … }}` reads as YAML that is broken, or as a mapping for a key: no manifest has either.
    const keyed = !err && hasCollectionKey(doc);
    const template = err || keyed ? helmTemplateAt(text) : undefined;
    if (template) throw new SourceInputError(`${file}:${template.line}:${template.column}: ${HELM_TEMPLATE}`);
    try {
      out.push(documentValue(doc, err, keyed, lines, text, file));
    } catch (e) {
      if (!errors || !(e instanceof SourceInputError)) throw e;
      errors.push(e.message);
    }
  }
  return out;
}

/** One YAML document's value; throws a SourceInputError at its position when it cannot be read. */
function documentValue(
  doc: Document.Parsed,
  err: YAMLError | undefined,
  keyed: boolean,
  lines: LineCounter,
  text: string,
  file: string,
): unknown {
  if (err) {
    const { line, col } = lines.linePos(err.pos[0]);
    throw new SourceInputError(`${file}:${line}:${col}: invalid YAML: ${yamlMessage(err)}`);
  }
  // Only a document with a collection as a key can hold a tangled one.
  if (keyed) refuseTangledKeys(doc, lines, file);
  try {
    const js: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    noteRepeatedData(doc, js);
    if (text.includes('*')) noteEnvAliases(doc, js);
    return js;
  } catch (e) {
    const { line, col } = lines.linePos(doc.range[0]);
    throw new SourceInputError(`${file}:${line}:${col}: ${yamlValueProblem(e)}`);
  }
}

/**
 * The Kubernetes objects of a manifest file (multi-document YAML, or JSON): empty documents are
 * skipped and lists expanded. Syntax errors throw a SourceInputError with `file:line:column`; with
 * `errors`, a YAML document that cannot be read is said there instead, and the others are read.
 */
export function parseManifestText(text: string, file: string, errors?: string[]): unknown[] {
  const body = stripBom(text);
  const docs = /\.json$/i.test(file) ? parseJson(body, file) : parseYaml(body, file, errors);
  const out: unknown[] = [];
  for (const doc of docs) if (doc !== null && doc !== undefined) expandLists(doc, out, file);
  return out;
}

// kustomize's own file, which need not say `kind:`: its three accepted names.
const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

/**
 * Whether a file found in a manifests folder is a manifest, as `kubectl apply -f DIR` decides:
 * `.yaml`, `.yml` or `.json`. A Dockerfile, Makefile or OWNERS beside the manifests is not read, nor is
 * a kustomization file (kustomize's instructions, not an object; its overlays are not rendered).
 */
export const isManifestFile = (name: string): boolean => /\.(ya?ml|json)$/i.test(name) && !KUSTOMIZATION.test(name);

/** A kustomization file, read only for what it generates (see k8s-kustomize): kustomize is not rendered. */
export const isKustomizationFile = (name: string): boolean => KUSTOMIZATION.test(name);

/** A kustomization file's documents as objects named by their file, for what they generate (see k8s-kustomize). */
export const kustomizationObjects = (text: string, file: string): unknown[] =>
  parseManifestText(text, file).map((doc) => ({ ...(isRecord(doc) ? doc : {}), kind: KUSTOMIZATION_KIND, metadata: { name: file } }));
