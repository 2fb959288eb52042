import { scratch } from './cli';

/** A scratch estate `shop` with `code: src/` (unless `code` is false), two dotenv environments and the given code files under src/. */
export function codeEstate(opts: { staging: string; production: string; src: Record<string, string>; code?: boolean }): string {
  const files: Record<string, string> = {
    'drift.yaml': [
      'version: 1',
      'name: shop',
      ...(opts.code === false ? [] : ['code: src/']),
      'environments:',
      '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
      '  production: { sources: [ { dotenv: { from: production.env } } ] }',
      '',
    ].join('\n'),
    'staging.env': opts.staging,
    'production.env': opts.production,
  };
  for (const [name, text] of Object.entries(opts.src)) files[`src/${name}`] = text;
  return scratch(files);
}
