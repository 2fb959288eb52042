import { SOURCE_TYPES, type SourceType } from '../source-kinds/registry';
import type { EstateProblem } from './estate-error';
import { describePath, positionAt, type YamlFile } from './yaml-positions';

/** What other tools call a kind of source, squeezed as `squeeze` squeezes (lower case, letters and digits). */
const OTHER_NAMES: Readonly<Record<string, SourceType>> = {
  parameterstore: 'ssm',
  ssmparameter: 'ssm',
  ssmparameters: 'ssm',
  kubernetes: 'k8s',
  manifest: 'k8s',
  manifests: 'k8s',
  env: 'dotenv',
  envfile: 'dotenv',
  secretmanager: 'secretsmanager',
  yaml: 'file',
  json: 'file',
  config: 'file',
};

const squeeze = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function kindNamed(written: unknown): SourceType | undefined {
  if (typeof written !== 'string') return undefined;
  const name = squeeze(written);
  return SOURCE_TYPES.find((t) => t === name) ?? OTHER_NAMES[name];
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The field a source written as a bare string (`- dotenv: env/staging.env`) means, by its kind; undefined for any other source. */
const SHORTHAND_FIELD: Partial<Record<SourceType, (text: string) => string>> = {
  file: () => 'from',
  dotenv: () => 'from',
  k8s: () => 'from',
  ecs: () => 'from',
  ssm: (text) => (text.startsWith('/') && !/\.(json|ya?ml)$/i.test(text) ? 'path' : 'from'),
  secretsmanager: () => 'secretId',
};

function shorthand(source: Record<string, unknown>): { kind: SourceType; field: string; text: string } | undefined {
  const kinds = SOURCE_TYPES.filter((t) => t in source);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined) return undefined;
  const text = source[kind];
  const field = SHORTHAND_FIELD[kind];
  return typeof text === 'string' && field ? { kind, field: field(text), text } : undefined;
}

/**
 * Sources written `{ type: ssm, path: … }`, as other tools write them, where drift keys a source by
 * its kind (`ssm: { path: … }`). Each is one problem, at the source, naming the form to write
 * (field names only: a value is never repeated back), and the data with each such source keyed by
 * its kind, so the schema still checks its fields against the kind and one round of edits fixes
 * the file. An estate with any is never valid.
 */
export function typedSources(data: unknown, y: YamlFile): { data: unknown; problems: EstateProblem[] } {
  const problems: EstateProblem[] = [];
  if (!isMapping(data) || !isMapping(data.environments)) return { data, problems };
  const environments: Record<string, unknown> = { ...data.environments };
  for (const [name, env] of Object.entries(environments)) {
    if (!isMapping(env) || !Array.isArray(env.sources)) continue;
    const sources = env.sources.map((source: unknown, i) => {
      const short = isMapping(source) ? shorthand(source) : undefined;
      if (short) {
        const path = ['environments', name, 'sources', i, short.kind];
        problems.push({
          ...positionAt(y, path),
          message: `${describePath(path)}: a source's fields are a mapping, not a string: write - ${short.kind}: { ${short.field}: … }`,
        });
        return { ...(source as Record<string, unknown>), [short.kind]: { [short.field]: short.text } };
      }
      if (!isMapping(source) || SOURCE_TYPES.some((t) => t in source)) return source;
      const kind = kindNamed(source.type);
      if (kind === undefined) return source;
      const { type: _type, ...fields } = source;
      const path = ['environments', name, 'sources', i];
      const written = Object.keys(fields).length ? ` { ${Object.keys(fields).join(': …, ')}: … }` : ' { }';
      problems.push({
        // At the source, where the schema's problems with its fields are placed too (it knows no `kind:` line).
        ...positionAt(y, path),
        message: `${describePath(path)}: a source is keyed by its kind, not by "type": write - ${kind}:${written}`,
      });
      return { [kind]: fields };
    });
    environments[name] = { ...env, sources };
  }
  return problems.length ? { data: { ...data, environments }, problems } : { data, problems };
}
