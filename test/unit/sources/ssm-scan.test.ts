import fc from 'fast-check';
import { parseConfigText } from '../../../lambdas/core/sources/config-file';
import { ssmObservations, ssmParametersFromExport, type SsmParameter } from '../../../lambdas/core/sources/ssm';
import { ssmFileObservations } from '../../../lambdas/core/sources/ssm-file';
import { scanParameterPage } from '../../../lambdas/core/sources/ssm-scan';
import { testContext, testLabel } from '../../helpers/context';

const ctx = testContext(testLabel('ssm', 'ssm /p/ (recorded)'));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const READ = ['Name', 'Type', 'Value', 'Version', 'LastModifiedDate', 'LastModifiedUser'] as const;

/** `n` parameters under /p/, each with a value from `value`. */
function params(n: number, value: (i: number) => string = (i) => `${i}s`): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    Name: `/p/service${i % 7}/setting_${i}`,
    Type: i % 10 === 0 ? 'SecureString' : 'String',
    Value: value(i),
    Version: 1 + (i % 5),
    LastModifiedDate: '2026-11-01T00:00:00.123456+00:00',
    ARN: `arn:aws:ssm:us-east-1:111111111111:parameter/p/service${i % 7}/setting_${i}`,
    DataType: 'text',
  }));
}

/** A parameter as the scanner reads it: the fields it reads, absent ones undefined. */
const readFields = (p: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(READ.map((f) => [f, p[f]]));

/** What scanParameterPage hands over, or false. */
function scanned(text: string | Uint8Array): unknown[] | false {
  const out: SsmParameter[][] = [];
  const ok = scanParameterPage(typeof text === 'string' ? bytes(text) : text, (p) => out.push(p));
  return ok ? out.flat().map((p) => readFields(p as unknown as Record<string, unknown>)) : false;
}

/** The parameters of a whole parse, as the scanner reads them; undefined when the whole parse fails. */
function whole(text: string): unknown[] | undefined {
  try {
    const doc = parseConfigText(text, 'x.json') as { Parameters: Array<Record<string, unknown>> };
    return ssmParametersFromExport(doc).map((p) => readFields(p as unknown as Record<string, unknown>));
  } catch {
    return undefined;
  }
}

describe('scanParameterPage', () => {
  it.each([
    ['compact', (doc: object) => JSON.stringify(doc)],
    ['pretty-printed, as the CLI prints it', (doc: object) => JSON.stringify(doc, null, 4)],
    ['with a BOM, tabs and CRLF line ends', (doc: object) => `\uFEFF \r\n${JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n')}\r\n`],
  ])('reads a big page in batches, exactly as a whole parse (%s)', (_n, print) => {
    const text = print({ Parameters: params(3000), NextToken: 'AAE' });
    let calls = 0;
    expect(scanParameterPage(bytes(text), () => calls++)).toBe(true);
    expect(calls).toBeGreaterThan(1);
    expect(scanned(text)).toEqual(whole(text));
  });

  it('reads escapes, quotes, non-ASCII text and every kind of JSON number', () => {
    const value = (i: number) => (i % 3 ? `{"a":{"b":${i}},"c":"\\"},{\\u00e9"}\t\n` : `é ${i} 😀 },`);
    const list = params(50, value).map((p, i) => ({ ...p, Version: [0, -0, 7, 1.5, -2e3, 1e400, 12345678901234567890][i % 7] }));
    const text = JSON.stringify({ Parameters: list }).replace('"Type"', '"T\\u0079pe"');
    expect(text).toContain('\\u0079');
    expect(scanned(text)).toEqual(whole(text));
  });

  it('keeps the last of a field given twice, as JSON.parse does', () => {
    const text = '{"Parameters": [{"Name": "/p/a", "Type": "String", "Value": "1", "ARN": null, "Value": "2"}]}';
    expect(scanned(text)).toEqual(whole(text));
    expect((scanned(text) as Array<{ Value: string }>)[0]?.Value).toBe('2');
  });

  it('reads a small or empty page', () => {
    expect(scanned('{"Parameters": []}')).toEqual([]);
    expect(scanned(JSON.stringify({ Parameters: params(2) }))).toEqual(params(2).map(readFields));
  });

  it.each([
    ['a list of pages', JSON.stringify([{ Parameters: params(3000) }])],
    ['get-parameter output', JSON.stringify({ Parameter: params(1)[0] })],
    ['an empty object', '{}'],
    ['a page nested in another object', JSON.stringify({ x: { Parameters: params(3000) } })],
    ['a second Parameters key', `{"Parameters": ${JSON.stringify(params(3000))}, "Parameters": []}`],
    ['a Parameters key spelt with an escape', `{"Parameters": ${JSON.stringify(params(3))}, "Param\\u0065ters": []}`],
    ['a nested value inside a parameter', JSON.stringify({ Parameters: [{ ...params(1)[0], Policies: [] }] })],
    ['invalid JSON far into the file', JSON.stringify({ Parameters: params(3000) }).replace('setting_2500"', 'setting_2500')],
    ['a raw control character inside a string', JSON.stringify({ Parameters: params(30) }).replace('setting_25"', 'setting_\u000125"')],
    ['a leading zero', JSON.stringify({ Parameters: params(30) }).replace('"Version":3', '"Version":03')],
    ['trailing text', `${JSON.stringify({ Parameters: params(3000) })} x`],
    [
      'a parameter that fails its check',
      JSON.stringify({ Parameters: params(3000).map((p, i) => (i === 1500 ? { ...p, Version: '7' } : p)) }),
    ],
    ['an empty parameter', '{"Parameters": [{}]}'],
    ['an ARN that is not a string', JSON.stringify({ Parameters: params(30).map((p, i) => (i === 20 ? { ...p, ARN: 7 } : p)) })],
  ])('gives up on %s, for the caller to parse it whole', (_n, text) => {
    expect(scanned(text)).toBe(false);
  });

  const field = fc.constantFrom<string>(...READ, 'ARN', 'DataType', 'Selector', 'SourceResult', 'Tier');
  const scalar = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const parameter = fc.dictionary(field, scalar, { minKeys: 0, maxKeys: 9 });
  const page = fc.record({ Parameters: fc.array(parameter, { maxLength: 20 }) }, { requiredKeys: ['Parameters'] });

  it('never disagrees with a whole parse (any page, any printing)', () => {
    fc.assert(
      fc.property(page, fc.constantFrom(undefined, 2, '\t'), (doc, indent) => {
        const text = JSON.stringify(doc, null, indent);
        const result = scanned(text);
        // It may give up on what it does not read itself, never read it differently.
        if (result !== false) expect(result).toEqual(whole(text));
      }),
    );
  });

  it.each([
    ['plain', JSON.stringify({ Parameters: params(8) }, null, 1)],
    ['with escapes and non-ASCII text', JSON.stringify({ Parameters: params(8, (i) => `"é\\t${i}\t\u0000😀`), NextToken: 'x' })],
  ])('never accepts what a whole parse rejects, nor reads a damaged page differently (%s)', (_n, text) => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.nat(text.length), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        // Through bytes, as files are read: a cut through a surrogate pair is then U+FFFD for both.
        const damaged = bytes(text.slice(0, at) + insert + text.slice(Math.min(text.length, at + (cut % 4))));
        const result = scanned(damaged);
        if (result !== false) expect(result).toEqual(whole(new TextDecoder().decode(damaged)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads invalid UTF-8 as the whole parse decodes it', () => {
    const good = bytes(JSON.stringify({ Parameters: params(3) }));
    const at = new TextDecoder().decode(good).indexOf('1s');
    const bad = new Uint8Array([...good.subarray(0, at), 0xc3, 0x28, 0xff, ...good.subarray(at)]);
    expect(scanned(bad)).toEqual(whole(new TextDecoder().decode(bad)));
  });

  it('shares the text of a date or type that repeats, and copies every text out of the file', () => {
    const got = scanned(JSON.stringify({ Parameters: params(3) })) as Array<Record<string, string>>;
    expect(got[1]?.LastModifiedDate).toBe(got[2]?.LastModifiedDate);
    expect(got.map((p) => p.Type)).toEqual(['SecureString', 'String', 'String']);
  });
});

describe('ssmFileObservations', () => {
  const wholeObservations = (text: string) => ssmObservations(ssmParametersFromExport(parseConfigText(text, 'x.json')), '/p/', ctx);

  it('gives a big export the observations and errors of a whole parse', () => {
    const list = [...params(6000), { Name: '/p/_', Type: 'String', Value: 'x' }, { Name: '/other/a', Type: 'String', Value: 'y' }];
    const text = JSON.stringify({ Parameters: list }, null, 4);
    const r = ssmFileObservations(bytes(text), 'x.json', '/p/', ctx);
    expect(r).toEqual({ ...wholeObservations(text), parameters: list.length });
    expect(r.errors).toEqual(['/p/_: the key is empty once canonicalised']);
  });

  it.each([
    ['invalid JSON', (t: string) => t.replace('setting_5000"', 'setting_5000')],
    ['a parameter that fails its check', (t: string) => t.replace('"Version":3', '"Version":"3"')],
    [
      'a date that is not one',
      (t: string) => t.replace('"LastModifiedDate":"2026-11-01T00:00:00.123456+00:00"', '"LastModifiedDate":"yesterday"'),
    ],
  ])('reports a broken export as a whole parse does (%s)', (_n, breakIt) => {
    const text = breakIt(JSON.stringify({ Parameters: params(6000) }));
    let expected = '';
    try {
      wholeObservations(text);
    } catch (err) {
      expected = (err as Error).message;
    }
    expect(expected).not.toBe('');
    expect(() => ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toThrow(expected);
  });

  it('reads YAML exports whole', () => {
    const r = ssmFileObservations(bytes('Parameters:\n  - Name: /p/a\n    Type: String\n    Value: "1"\n'), 'x.yaml', '/p/', ctx);
    expect(r.observations.map((o) => o.key)).toEqual(['a']);
    expect(r.parameters).toBe(1);
  });
});
