import type { CodeRead, ReadFallback } from '../../../lambdas/core/code/code-read';
import { readAsHost } from '../../../lambdas/core/code/host-environment';
import type { EffectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { textValue } from '../../../lambdas/core/values/value';

const config = (vars: Record<string, string>) =>
  ({ entries: new Map(Object.entries(vars).map(([key, text]) => [key, { value: textValue(text) }])) }) as unknown as EffectiveConfig;

const at = (value: string): ReadFallback => ({ kind: 'default', value });
const read = (variables?: string[]): CodeRead => ({
  name: 'DB_HOST',
  key: 'db.host',
  file: 'config/custom-environment-variables.json',
  line: 1,
  column: 20,
  language: 'javascript',
  via: 'custom-environment-variables (node-config)',
  fallback: at('localhost'),
  hostEnvironments: {
    byName: { development: at('localhost'), production: at('prod-db') },
    other: { kind: 'none' },
    ...(variables && { variables }),
  },
});
const NODE = ['node.config.env', 'node.env'];

describe('what a read falls back to in the environment name an environment runs as', () => {
  test.each<[string, CodeRead, Record<string, string>, ReadFallback]>([
    ["NODE_ENV's file", read(NODE), { 'node.env': 'production' }, at('prod-db')],
    ['NODE_CONFIG_ENV over NODE_ENV', read(NODE), { 'node.config.env': 'development', 'node.env': 'production' }, at('localhost')],
    ['a name no file is for', read(NODE), { 'node.env': 'staging' }, { kind: 'none' }],
    ['none named: the read as scanned', read(NODE), {}, at('localhost')],
    ['.NET variables do not name a node-config environment', read(NODE), { 'aspnetcore.environment': 'production' }, at('localhost')],
    [
      'a read that names no variables is a .NET host’s (a scan published before others)',
      read(),
      { 'aspnetcore.environment': 'production' },
      at('prod-db'),
    ],
  ])('%s', (_what, r, vars, fallback) => {
    expect(readAsHost(r, config(vars)).fallback).toEqual(fallback);
  });
});
