import type { Node } from 'web-tree-sitter';
import type { ReadSite, SiteFallback } from '../read-sites';
import { plainString } from '../syntax';
import { convictSites } from './ecmascript-convict';
import { envVarSites } from './ecmascript-env-var';
import { envalidSites } from './ecmascript-envalid';
import { nconfSites } from './ecmascript-nconf';
import { nestConfigSites } from './ecmascript-nest-config';
import { joiSites } from './ecmascript-joi';
import { fileScope, inner, within } from './ecmascript-objects';
import { t3EnvSites } from './ecmascript-t3-env';
import { zodSites } from './ecmascript-zod';

/** How the file names the environment object, and the fallback written around an expression. */
export interface EnvContext {
  isEnv(node: Node): boolean;
  around(expression: Node): SiteFallback | undefined;
}

/** The key a node reads from the environment object (`process.env.X`, `process.env['X']`), or undefined. */
function envKeyOf(context: EnvContext): (node: Node) => string | undefined {
  return (node) => {
    const read = inner(node);
    const object = read.childForFieldName('object');
    if (!object || !context.isEnv(object)) return undefined;
    if (read.type === 'member_expression') return read.childForFieldName('property')?.text;
    const index = read.type === 'subscript_expression' ? read.childForFieldName('index') : null;
    return index ? plainString(index, ['string', 'template_string']) : undefined;
  };
}

/**
 * The reads of libraries that declare the environment as a schema (zod, Joi and yup, t3-env, envalid, convict, env-var) or serve it (NestJS's ConfigService, nconf), with
 * the direct reads they judge: a t3-env `runtimeEnv` value's read takes the fallback of its key's schema.
 */
export function withLibraries(root: Node, direct: ReadSite[], context: EnvContext): ReadSite[] {
  const scope = fileScope(root);
  const t3 = t3EnvSites(root, scope, envKeyOf(context));
  const judged = direct.flatMap((site) => {
    const value = t3.runtime.find((r) => within(site.key, r.node));
    if (value === undefined) return [site];
    if (value.replaced) return [];
    return site.fallback.kind === 'none' ? [{ ...site, via: value.via, fallback: value.fallback }] : [site];
  });
  const libraries = [
    ...zodSites(root, scope, (node) => context.isEnv(node)),
    ...joiSites(root, scope, (node) => context.isEnv(node)),
    ...t3.sites,
    ...envalidSites(root, scope),
    ...convictSites(root, scope),
    ...envVarSites(root, (expression) => context.around(expression)),
    ...nestConfigSites(root, (expression) => context.around(expression)),
    ...nconfSites(root, (expression) => context.around(expression)),
  ];
  // A schema parsed twice (`parse`, then `safeParse`) is read once.
  const keys = new Set<number>();
  return [...judged, ...libraries.filter((site) => !keys.has(site.key.id) && keys.add(site.key.id))];
}
