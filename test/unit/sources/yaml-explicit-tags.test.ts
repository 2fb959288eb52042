import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext } from '../../helpers/context';

// Made-up credentials: an AWS access key id and a private key shape, as content rules know them.
const AWS_KEY = 'AKIAQ3CANARYZ7XK2WPL';
const base64 = (text: string): string => Buffer.from(text).toString('base64');

function read(yaml: string): SourceParseResult {
  return configFileBytesObservations(new TextEncoder().encode(yaml), 'config/app.yml', testContext());
}

const shown = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));

describe('YAML explicit tags in a configuration file', () => {
  it('keeps a tagged timestamp, set and ordered map as values instead of dropping their keys', () => {
    const r = read('released: !!timestamp 2001-12-14\nregions: !!set {eu, us}\nweights: !!omap [a: 1, b: 2]\nport: 8080\n');
    expect(r.errors).toEqual([]);
    expect(shown(r)).toEqual({
      released: '2001-12-14T00:00:00.000Z',
      regions: '["eu","us"]',
      'weights.a': '1',
      'weights.b': '2',
      port: '8080',
    });
  });

  it('reads !!binary as one value, its text when the bytes are text, so a credential in it is a secret', () => {
    const r = read(`greeting: !!binary ${base64('hello')}\nupload: !!binary ${base64(AWS_KEY)}\nblob: !!binary /9j/4AAQ\n`);
    expect(r.errors).toEqual([]);
    expect(shown(r)).toEqual({ greeting: 'hello', upload: 'secret', blob: '/9j/4AAQ' });
    expect(JSON.stringify(r)).not.toContain(AWS_KEY);
  });

  it('reads tagged values inside a list as the list holds them', () => {
    const r = read(`dates: [!!timestamp 2001-12-14, !!binary ${base64('hi')}]\n`);
    expect(shown(r)).toEqual({ dates: '["2001-12-14T00:00:00.000Z","hi"]' });
  });
});
