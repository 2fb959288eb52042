import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const readsOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map(
    (r) => `${r.name} ${r.fallback.kind === 'none' ? 'none' : (r.fallback.value ?? 'computed')}`,
  );

describe('a read given to a function that gives something else for an empty value', () => {
  test('the function says what an empty value gives by a test, an else, a ?? or a ternary; the call says the rest', async () => {
    const helpers = [
      'export const orPort = (v: string | undefined, d = 8080) => v ?? d;',
      'export const flag = (v?: string) => (v ? v === "true" : false);',
      'export function list(v: string | undefined, d: string[]) {\n  if (v) {\n    return v.split(",");\n  } else return d;\n}',
      'export function orEmpty(v?: string) {\n  // nothing set: the root\n  if (v === undefined) {\n    return "";\n  }\n  return v;\n}',
    ].join('\n');
    const config = [
      "import { orPort, flag, list, orEmpty } from './helpers';",
      'export const port = orPort(process.env.PORT, 3000);',
      'export const admin = orPort(process.env.ADMIN_PORT);',
      'export const debug = flag(process.env.DEBUG);',
      "export const hosts = list(process.env.HOSTS, ['localhost']);",
      'export const base = orEmpty(process.env.BASE_PATH);',
      'export const other = orPort(process.env.OTHER, null);',
    ].join('\n');
    expect((await readsOf({ 'src/helpers.ts': helpers, 'src/config.ts': config })).sort()).toEqual([
      'ADMIN_PORT 8080',
      'BASE_PATH ""',
      'DEBUG false',
      'HOSTS computed',
      'OTHER none',
      'PORT 3000',
    ]);
  });

  test('a function that uses the value before it tests it, returns nothing for it or fails says nothing of a default', async () => {
    const helpers = [
      'export function trimmed(v, d) {\n  const t = v.trim();\n  if (!t) return d;\n  return t;\n}',
      'export function maybe(v, d) {\n  if (!v) return undefined;\n  return v + d;\n}',
      'export function must(v, d) {\n  if (!v) throw new Error("unset");\n  return d;\n}',
      'export function later(d, v) {\n  return v;\n}',
    ].join('\n');
    const config = [
      'const a = trimmed(process.env.A, "x");',
      'const b = maybe(process.env.B, "x");',
      'const c = must(process.env.C, "x");',
      'const e = later("x", process.env.E);',
    ].join('\n');
    expect((await readsOf({ 'helpers.js': helpers, 'config.js': config })).sort()).toEqual(['A none', 'B none', 'C none', 'E none']);
  });
});
