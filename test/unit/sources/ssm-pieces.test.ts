import { parseConfigText } from '../../../lambdas/core/sources/config-file';
import { ssmObservations, ssmParametersFromExport, type SsmParameter } from '../../../lambdas/core/sources/ssm';
import { PIECES_FROM_BYTES, ssmFileObservations } from '../../../lambdas/core/sources/ssm-file';
import { eachParameterPiece } from '../../../lambdas/core/sources/ssm-pieces';
import { testContext, testLabel } from '../../helpers/context';

const ctx = testContext(testLabel('ssm', 'ssm /p/ (recorded)'));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `n` parameters under /p/, each with a value from `value`. */
function params(n: number, value: (i: number) => string = (i) => `${i}s`): object[] {
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

/** What eachParameterPiece hands over, or false. */
function pieces(text: string): unknown[] | false {
  const out: SsmParameter[][] = [];
  return eachParameterPiece(bytes(text), (p) => out.push(p)) ? out.flat() : false;
}

describe('eachParameterPiece', () => {
  it.each([
    ['compact', (doc: object) => JSON.stringify(doc)],
    ['pretty-printed, as the CLI prints it', (doc: object) => JSON.stringify(doc, null, 4)],
    ['with a BOM and blanks', (doc: object) => `\uFEFF \n${JSON.stringify(doc)}\n`],
  ])('reads a big page in several pieces, exactly as a whole parse (%s)', (_n, print) => {
    const text = print({ Parameters: params(3000), NextToken: 'AAE' });
    let calls = 0;
    expect(eachParameterPiece(bytes(text), () => calls++)).toBe(true);
    expect(calls).toBeGreaterThan(3);
    expect(pieces(text)).toEqual((parseConfigText(text, 'x.json') as { Parameters: unknown[] }).Parameters);
  });

  it('reads values holding `},`, quotes, escapes and non-ASCII text', () => {
    // A `\u` escape in the last piece would make it give up: it could spell "Parameters" there.
    const value = (i: number) => (i > 2500 ? `${i}` : i % 3 ? `{"a":{"b":${i}},"c":"\\"},{\\u00e9"}` : `é ${i} 😀 },`);
    const doc = { Parameters: params(3000, value) };
    const text = JSON.stringify(doc);
    expect(pieces(text)).toEqual(doc.Parameters);
  });

  it('reads a small or empty page as one piece', () => {
    expect(pieces('{"Parameters": []}')).toEqual([]);
    expect(pieces(JSON.stringify({ Parameters: params(2) }))).toEqual(params(2));
  });

  it.each([
    ['a list of pages', JSON.stringify([{ Parameters: params(3000) }])],
    ['get-parameter output', JSON.stringify({ Parameter: params(1)[0] })],
    ['a page nested in another object', JSON.stringify({ x: { Parameters: params(3000) } })],
    ['a second Parameters key', `{"Parameters": ${JSON.stringify(params(3000))}, "Parameters": []}`],
    ['a Parameters key spelt with an escape after the array', `{"Parameters": ${JSON.stringify(params(3000))}, "Param\\u0065ters": []}`],
    ['invalid JSON far into the file', JSON.stringify({ Parameters: params(3000) }).replace('setting_2500"', 'setting_2500')],
    ['trailing text', `${JSON.stringify({ Parameters: params(3000) })} x`],
    ['a parameter that fails its check', JSON.stringify({ Parameters: params(3000).map((p, i) => (i === 1500 ? { ...p, Version: '7' } : p)) })],
    ['too many `},` inside strings in a row', JSON.stringify({ Parameters: params(3000, () => '},'.repeat(200)) })],
  ])('gives up on %s, for the caller to parse it whole', (_n, text) => {
    expect(pieces(text)).toBe(false);
  });
});

describe('ssmFileObservations', () => {
  const whole = (text: string) => ssmObservations(ssmParametersFromExport(parseConfigText(text, 'x.json')), '/p/', ctx);

  it('gives a big export the observations and errors of a whole parse', () => {
    const list = [...params(6000), { Name: '/p/_', Type: 'String', Value: 'x' }, { Name: '/other/a', Type: 'String', Value: 'y' }];
    const text = JSON.stringify({ Parameters: list }, null, 4);
    expect(text.length).toBeGreaterThan(PIECES_FROM_BYTES);
    const r = ssmFileObservations(bytes(text), 'x.json', '/p/', ctx);
    expect(r).toEqual({ ...whole(text), parameters: list.length });
    expect(r.errors).toEqual(['/p/_: the key is empty once canonicalised']);
  });

  it.each([
    ['invalid JSON', (t: string) => t.replace('setting_5000"', 'setting_5000')],
    ['a parameter that fails its check', (t: string) => t.replace('"Version":3', '"Version":"3"')],
  ])('reports a broken big export as a whole parse does (%s)', (_n, breakIt) => {
    const text = breakIt(JSON.stringify({ Parameters: params(6000) }));
    expect(text.length).toBeGreaterThan(PIECES_FROM_BYTES);
    let expected = '';
    try {
      whole(text);
    } catch (err) {
      expected = (err as Error).message;
    }
    expect(expected).not.toBe('');
    expect(() => ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toThrow(expected);
  });

  it('reads YAML and small JSON exports whole', () => {
    const r = ssmFileObservations(bytes('Parameters:\n  - Name: /p/a\n    Type: String\n    Value: "1"\n'), 'x.yaml', '/p/', ctx);
    expect(r.observations.map((o) => o.key)).toEqual(['a']);
    expect(r.parameters).toBe(1);
  });
});
