import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const isFolder = (p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;

/**
 * The part of `lambdas/` a file belongs to: `core`, `ports`, `use-cases`, `handlers`, `wiring`, `cli`,
 * `adapters/<folder>` for a file anywhere under an adapter folder (lambdas/adapters/live/ecs/x.ts is in
 * `adapters/live`), `adapters` for the top-level files of lambdas/adapters/; undefined outside lambdas/.
 */
export function partOf(file, cwd) {
  const [top, layer, folder, rest] = path.relative(cwd, file).split(path.sep);
  if (top !== 'lambdas' || layer === undefined || layer === '..') return undefined;
  if (layer === 'adapters' && folder !== undefined && (rest !== undefined || isFolder(file))) return `adapters/${folder}`;
  return folder === undefined ? undefined : layer;
}

const matches = (from, part) =>
  [from].flat().some((pattern) => (pattern === 'adapters/*' ? part.startsWith('adapters/') : pattern === part));

/**
 * `drift/import-boundaries`: which parts of lambdas/ a part may import. Each option is
 * `{ from, allow?, deny?, because }`: `from` is a part, `adapters/*` (any adapter folder) or a list; `allow`
 * lists the only parts it may import (`self` is its own part), `deny` parts it may not. Packages and
 * Node built-ins are not parts: only relative imports are checked, type-only imports included.
 */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each part of lambdas/ to the parts it may depend on.' },
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          allow: { type: 'array', items: { type: 'string' } },
          deny: { type: 'array', items: { type: 'string' } },
          because: { type: 'string' },
        },
        required: ['from', 'because'],
        additionalProperties: false,
      },
    },
    messages: { crossing: '{{from}} must not import {{target}} ({{source}}): {{because}}' },
  },
  create(context) {
    const from = partOf(context.filename, context.cwd);
    if (!from) return {};
    const boundaries = context.options.filter((b) => matches(b.from, from));
    if (!boundaries.length) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(context.filename), source);
      const target = partOf(resolved, context.cwd) ?? path.relative(context.cwd, resolved);
      for (const b of boundaries) {
        const allowed = b.allow ? b.allow.some((p) => (p === 'self' ? target === from : p === target)) : true;
        const denied = (b.deny ?? []).includes(target);
        if (!allowed || denied) {
          context.report({ node, messageId: 'crossing', data: { from, target, source: `'${source}'`, because: b.because } });
          return;
        }
      }
    };
    const fromSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      TSExternalModuleReference: (node) => check(node.expression, node.expression.value),
      TSImportType: (node) => check(node.argument, node.argument?.literal?.value ?? node.argument?.value),
    };
  },
};

/**
 * The plugin, versioned by this file's own text: `eslint --cache` keys its results on the plugins'
 * names and versions, so editing the rule invalidates what it cached.
 */
export const boundariesPlugin = {
  meta: {
    name: 'drift-import-boundaries',
    version: createHash('sha256')
      .update(readFileSync(new URL(import.meta.url)))
      .digest('hex')
      .slice(0, 12),
  },
  rules: { 'import-boundaries': importBoundaries },
};
