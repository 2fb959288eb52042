import fc from 'fast-check';
import { parseConfigText } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { ssmObservations, ssmParametersFromExport, type SsmParameterRead } from '../../../lambdas/core/sources/ssm';
import { exportEndsWithNextToken, SSM_READ_FIELDS } from '../../../lambdas/core/sources/ssm-export';
import { MAX_EXPORT_PARAMETERS, ssmFileObservations } from '../../../lambdas/core/sources/ssm-file';
import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { scanParameterPage } from '../../../lambdas/core/sources/ssm-scan';
import { Interner } from '../../../lambdas/core/sources/interner';
import { testContext, testLabel } from '../../helpers/context';

const ctx = testContext(testLabel('ssm', 'ssm /p/ (recorded)'), ['service3']);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

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

/** A parameter restricted to the fields drift reads (the scanner's declared contract), absent ones undefined. */
const readFields = (p: object): Record<string, unknown> =>
  Object.fromEntries(SSM_READ_FIELDS.map((f) => [f, (p as Record<string, unknown>)[f]]));

/** The parameters scanParameterPage hands over, as they are, or false. */
function scanned(text: string | Uint8Array): SsmParameterRead[] | false {
  const out: SsmParameterRead[][] = [];
  const ok = scanParameterPage(typeof text === 'string' ? bytes(text) : text, (p) => out.push(p));
  return ok ? out.flat() : false;
}

/** The parameters of a whole parse, as they are; undefined when the whole parse fails. */
function whole(text: string): SsmParameterRead[] | undefined {
  try {
    return ssmParametersFromExport(parseConfigText(text, 'x.json'), []);
  } catch {
    return undefined;
  }
}

/** What ssmObservations makes of the scanned page, batch by batch, after the errors of bad parameters; false when the scanner gave up. */
function scannedResult(text: string | Uint8Array): SourceParseResult | false {
  const out: SourceParseResult = { observations: [], dangling: [], errors: [] };
  const page = { errors: [] as string[] };
  const ok = scanParameterPage(typeof text === 'string' ? bytes(text) : text, (p) => ssmObservations(p, '/p/', ctx, {}, out), page);
  return ok && { ...out, errors: [...page.errors, ...out.errors] };
}

/**
 * What ssmObservations makes of a whole parse of the page, after the errors of bad parameters (each
 * naming `file` when it is given, as a recorded file's do), or the error the whole parse throws.
 */
function wholeResult(text: string, file?: string): { result: SourceParseResult } | { error: string } {
  try {
    const checkErrors: string[] = [];
    const params = ssmParametersFromExport(parseConfigText(text, file ?? 'x.json'), checkErrors);
    const errors = file === undefined ? checkErrors : checkErrors.map((e) => `${file}: ${e}`);
    return { result: ssmObservations(params, '/p/', ctx, {}, { observations: [], dangling: [], errors }) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The scanner agrees with a whole parse: the same parameters (read fields) and the same observations and errors. */
function expectSameAsWhole(text: string | Uint8Array): void {
  const decoded = typeof text === 'string' ? text : new TextDecoder().decode(text);
  expect(scannedResult(text)).not.toBe(false);
  expect({ result: scannedResult(text) }).toEqual(wholeResult(decoded));
  expect((scanned(text) as SsmParameterRead[]).map(readFields)).toEqual(whole(decoded)?.map(readFields));
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
    expectSameAsWhole(text);
  });

  it('reads escapes, quotes, non-ASCII text and every kind of JSON number', () => {
    const value = (i: number) => (i % 3 ? `{"a":{"b":${i}},"c":"\\"},{\\u00e9"}\t\n` : `é ${i} 😀 },`);
    const list = params(50, value).map((p, i) => ({ ...p, Version: [0, -0, 7, 1.5, -2e3, 1e400, 12345678901234567890][i % 7] }));
    const text = JSON.stringify({ Parameters: list }).replace('"Type"', '"T\\u0079pe"');
    expect(text).toContain('\\u0079');
    expectSameAsWhole(text);
  });

  it('keeps the last of a field given twice, as JSON.parse does', () => {
    const text = '{"Parameters": [{"Name": "/p/a", "Type": "String", "Value": "1", "ARN": null, "Value": "2"}]}';
    expectSameAsWhole(text);
    expect((scanned(text) as SsmParameterRead[])[0]?.Value).toBe('2');
  });

  it('reads a small or empty page', () => {
    expect(scanned('{"Parameters": []}')).toEqual([]);
    expect(scanned(JSON.stringify({ Parameters: params(2) }))).toEqual(params(2).map(readFields));
    expectSameAsWhole(JSON.stringify({ Parameters: params(2) }));
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
    ['an empty parameter', '{"Parameters": [{}]}'],
    ['an ARN that is not a string', JSON.stringify({ Parameters: params(30).map((p, i) => (i === 20 ? { ...p, ARN: 7 } : p)) })],
  ])('gives up on %s, for the caller to parse it whole', (_n, text) => {
    expect(scanned(text)).toBe(false);
  });

  it('reads every other parameter of a page with bad ones itself, placing each bad one among all of the page', () => {
    const bad: Record<number, object> = {
      5: { Version: '7' },
      1500: { Type: 'Secret', Value: 'AKIAZ7CANARYQ4WXLMNB' },
      2999: { LastModifiedDate: 'yesterday' },
    };
    const list = params(3000).map((p, i) => (bad[i] ? { ...p, ...bad[i] } : p));
    const text = JSON.stringify({ Parameters: list });
    expectSameAsWhole(text);
    const result = scannedResult(text) as SourceParseResult;
    expect(result.observations).toHaveLength(2997);
    expect(result.errors).toEqual([
      'Parameters[5] /p/service5/setting_5: Version must be a number',
      'Parameters[1500] /p/service2/setting_1500: Type must be one of String, StringList, SecureString',
      'Parameters[2999] /p/service3/setting_2999: LastModifiedDate is not a date',
    ]);
    expect(result.errors.join()).not.toContain('AKIAZ7CANARY');
  });

  // Pages as exports print them, with extra and unusual fields: other members (nested ones too),
  // names spelt with escapes or another case, repeated members, values of the wrong type, odd dates.
  // A value that fails its check is rare, so most pages are read by the scanner itself.
  type Member = [string, unknown];
  const rarely = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 60, arbitrary: usual }, { weight: 1, arbitrary: odd as fc.Arbitrary<T | U> });
  const named = <T>(field: string, value: fc.Arbitrary<T>): fc.Arbitrary<Member> => value.map((v): Member => [`"${field}"`, v]);
  const nameMember = named(
    'Name',
    rarely(
      fc.constantFrom('/p/a', '/p/db/password', '/p/service3/x', '/p/Api.Timeout', '/p/ü/€', '/p/_', '/p/', '/other/a'),
      fc.constantFrom('', 7),
    ),
  );
  const typeMember = named('Type', rarely(fc.constantFrom('String', 'SecureString', 'StringList'), fc.constantFrom('string', null)));
  const otherMember = fc.oneof(
    named('Value', fc.oneof(fc.string({ unit: 'binary' }), fc.constant('AKIAZ7CANARYQ4WXLMNB'), rarely(fc.constant(null), fc.constant(3)))),
    named('Version', rarely(fc.oneof(fc.integer(), fc.double(), fc.constant(null)), fc.constant('7'))),
    named(
      'LastModifiedDate',
      rarely(
        fc.constantFrom('2026-11-01T00:00:00.123456+00:00', '2026-11-01T00:00:00Z', 'Mon, 02 Nov 2026 10:00:00 GMT', 1763630102.5, null),
        fc.constantFrom('yesterday', 1e13),
      ),
    ),
    named('LastModifiedUser', rarely(fc.constantFrom('arn:aws:iam::1:user/alice', null), fc.constant(false))),
    named('ARN', rarely(fc.constantFrom('arn:aws:ssm:us-east-1:1:parameter/p/a', null), fc.constant(7))),
    fc.tuple(
      fc.constantFrom('"DataType"', '"Selector"', '"SourceResult"', '"Tier"', '"name"', '"Name "', '"é"', '"N\\u0061m"'),
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    ),
    fc.constantFrom<Member>(['"N\\u0061me"', '/p/escaped'], ['"Val\\u0075e"', 'v\u00e9'], ['"AR\\u004e"', null]),
    rarely(fc.constant<Member>(['"Tier"', 'Standard']), fc.constantFrom<Member>(['"Policies"', []], ['"Labels"', { a: 1 }])),
  );
  const parameter = fc
    .tuple(nameMember, typeMember, fc.array(otherMember, { maxLength: 7 }))
    .chain(([n, t, rest]) => fc.shuffledSubarray([n, t, ...rest], { minLength: rest.length + 2 }))
    .map((members) => `{${members.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}}`);
  const page = fc
    .tuple(fc.array(parameter, { maxLength: 12 }), fc.constantFrom('', '\n', '\t ', '\r\n'), fc.constantFrom('', ', "NextToken": "AAE"'))
    .map(([list, blank, rest]) => `{${blank}"Parameters":${blank}[${blank}${list.join(`,${blank}`)}${blank}]${rest}}`);

  /** Holds the scanner to a whole parse on the pages of `pages`, most of which it must read itself. */
  const readsAsWholeParse = (pages: fc.Arbitrary<string>): void => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(pages, (text) => {
        runs++;
        const result = scannedResult(text);
        // It may give up on what it does not read itself, never read it differently.
        if (result === false) return;
        read++;
        expect({ result }).toEqual(wholeResult(text));
        expect((scanned(text) as SsmParameterRead[]).map(readFields)).toEqual(whole(text)?.map(readFields));
      }),
      { numRuns: 500 },
    );
    // Not a vacuous test: most pages are read by the scanner itself.
    expect(read).toBeGreaterThan(runs / 2);
  };

  it('gives the parameters, observations and errors of a whole parse (any page, with extra and unusual fields)', () => {
    readsAsWholeParse(page);
  });

  // Parameters that fail their check, each in one field, among good ones: the scanner reads such pages itself.
  const badMember = fc.constantFrom<Member>(
    ['"Name"', ''],
    ['"Name"', 7],
    ['"Type"', 'string'],
    ['"Type"', null],
    ['"Value"', 3],
    ['"Version"', '7'],
    ['"LastModifiedDate"', 'yesterday'],
    ['"LastModifiedDate"', 1e13],
    ['"LastModifiedUser"', false],
  );
  const badParameter = fc
    .tuple(nameMember, typeMember, fc.array(otherMember, { maxLength: 3 }), badMember)
    .map(([n, t, rest, bad]) => `{${[n, t, ...rest, bad].map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}}`);
  const pageWithBadParameters = fc
    .array(fc.oneof({ weight: 2, arbitrary: parameter }, { weight: 1, arbitrary: badParameter }), { maxLength: 12 })
    .map((list) => `{"Parameters": [${list.join(', ')}]}`);

  it('gives every good parameter and an error for each bad one, as a whole parse does (pages with many bad parameters)', () => {
    let withErrors = 0;
    fc.assert(
      fc.property(pageWithBadParameters, (text) => {
        const result = scannedResult(text);
        if (result === false) return;
        if (result.errors.some((e) => e.startsWith('Parameters['))) withErrors++;
        expect({ result }).toEqual(wholeResult(text));
      }),
      { numRuns: 300 },
    );
    expect(withErrors).toBeGreaterThan(100);
  });

  // Pages whose parameters share one layout, as exports print them, so members are matched as bytes
  // and values compared with the previous parameter's: values from a few texts, shared between
  // fields (an unread field holding a type's text), and now and then a parameter laid out otherwise.
  const fewTexts = fc.constantFrom('String', 'SecureString', 'text', '2026-11-01T00:00:00Z', 'v\u00e9', 'é', '');
  const layoutMember: fc.Arbitrary<Member> = fc.oneof(
    named('Value', fc.oneof(fewTexts, fc.constant(null))),
    named('Version', fc.constantFrom(1, 2, null)),
    named('LastModifiedDate', fc.constantFrom('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', null)),
    named('ARN', fc.constantFrom('arn:aws:ssm:us-east-1:1:parameter/p/a', 'String', null)),
    fc.constantFrom('"DataType"', '"Tier"', '"N\u0061me"').chain((k) => fewTexts.map((v): Member => [k, v])),
  );
  const layoutPage = fc
    .tuple(
      fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(': ', ':', ' : '),
      fc.constantFrom(', ', ',', ',\n  ', '\r\n,'),
    )
    .chain(([slots, colon, comma]) =>
      fc
        .array(fc.tuple(layoutMember, layoutMember, layoutMember, layoutMember, typeMember, fc.nat(30)), { minLength: 1, maxLength: 15 })
        .map((list) =>
          list.map(([m0, m1, m2, m3, type, odd], i) => {
            const others = [m0, m1, m2, m3];
            const members: Member[] = [[`"Name"`, `/p/k${i % 3}`], type, ...slots.map((s) => others[s] as Member)];
            // Rarely, a parameter laid out otherwise: its members in another order, or another blank.
            if (odd === 0) members.reverse();
            const sep = odd === 1 ? `${comma} ` : comma;
            return `{${members.map(([k, v]) => `${k}${colon}${JSON.stringify(v)}`).join(sep)}}`;
          }),
        ),
    )
    .map((list) => `{"Parameters": [${list.join(', ')}]}`);

  it('reads pages whose parameters share a layout as a whole parse does (members and values compared as bytes)', () => {
    readsAsWholeParse(layoutPage);
  });

  it('and a recorded export file reads as a whole parse, whichever reads it', () => {
    fc.assert(
      fc.property(page, (text) => {
        const whole = wholeResult(text, 'x.json');
        if ('error' in whole) expect(() => ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toThrow(whole.error);
        else {
          // A page with a NextToken is also said to be one page of the listing, whichever reads it.
          const truncated = exportEndsWithNextToken(JSON.parse(text));
          const expected = { ...whole.result, parameters: expect.any(Number), truncated };
          expect(ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
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
        const result = scannedResult(damaged);
        if (result !== false) expect({ result }).toEqual(wholeResult(new TextDecoder().decode(damaged)));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads invalid UTF-8 as the whole parse decodes it', () => {
    const good = bytes(JSON.stringify({ Parameters: params(3) }));
    const at = new TextDecoder().decode(good).indexOf('1s');
    const bad = new Uint8Array([...good.subarray(0, at), 0xc3, 0x28, 0xff, ...good.subarray(at)]);
    expectSameAsWhole(bad);
  });

  it('shares the text of a date or type that repeats, and copies every text out of the file', () => {
    const got = scanned(JSON.stringify({ Parameters: params(3) })) as SsmParameterRead[];
    expect(got[1]?.LastModifiedDate).toBe(got[2]?.LastModifiedDate);
    expect(got.map((p) => p.Type)).toEqual(['SecureString', 'String', 'String']);
  });
});

describe('ssmFileObservations', () => {
  /** A whole parse of `file`, or what it throws. */
  const wholeObservations = (text: string, file = 'x.json'): SourceParseResult => {
    const whole = wholeResult(text, file);
    if ('error' in whole) throw new Error(whole.error);
    return whole.result;
  };

  it('gives a big export the observations and errors of a whole parse', () => {
    const list = [...params(6000), { Name: '/p/_', Type: 'String', Value: 'x' }, { Name: '/other/a', Type: 'String', Value: 'y' }];
    const text = JSON.stringify({ Parameters: list }, null, 4);
    const r = ssmFileObservations(bytes(text), 'x.json', '/p/', ctx);
    expect(r).toEqual({ ...wholeObservations(text), parameters: list.length, truncated: false });
    expect(r.errors).toEqual(['/p/_: the key is empty once canonicalised']);
  });

  it("reads the names of a run's exports from their bytes, in any order, escaped or not, as a whole parse reads them", () => {
    const intern = new Interner();
    const names = ['/p/a', '/p/b/c', '/p/\\u0061', '/p/\\u0062/c', '/p/ü', '/other/a', '/p/db/password', '/p/', '/p'];
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: 1 }), (order) => {
        const text = `{"Parameters": [${order.map((n, i) => `{"Name": "${n}", "Type": "String", "Value": "v${i}"}`).join(', ')}]}`;
        const parsed = ssmParametersFromExport(JSON.parse(text), []);
        const whole = ssmObservations(parsed, '/p/', { ...ctx, intern: intern.forSource('1:ssm') });
        const read = ssmFileObservations(bytes(text), 'x.json', '/p/', { ...ctx, intern: intern.forSource('0:ssm') });
        expect(read).toEqual({ ...whole, parameters: order.length, truncated: false });
      }),
      { numRuns: 200 },
    );
  });

  it('reports a broken export as a whole parse does (invalid JSON)', () => {
    const text = JSON.stringify({ Parameters: params(6000) }).replace('setting_5000"', 'setting_5000');
    let expected = '';
    try {
      wholeObservations(text);
    } catch (err) {
      expected = (err as Error).message;
    }
    expect(expected).not.toBe('');
    expect(() => ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toThrow(expected);
  });

  it.each([
    [
      'a parameter that fails its check, scanned',
      'x.json',
      3000,
      (t: string) => t.replace('"Version":3', '"Version":"3"'),
      'x.json: Parameters[2] /p/service2/setting_2: Version must be a number',
    ],
    [
      'a date that is not one, scanned',
      'x.json',
      3000,
      (t: string) => t.replace('"LastModifiedDate":"2026-11-01T00:00:00.123456+00:00"', '"LastModifiedDate":"yesterday"'),
      'x.json: Parameters[0] /p/service0/setting_0: LastModifiedDate is not a date',
    ],
    [
      'a value that is an object, parsed whole',
      'x.json',
      3000,
      (t: string) => t.replace('"Value":"2s"', '"Value":{"v":"AKIAZ7CANARYQ4WXLMNB"}'),
      'x.json: Parameters[2] /p/service2/setting_2: Value must be a string',
    ],
    [
      'a parameter that fails its check, YAML',
      'x.yaml',
      30,
      (t: string) => t.replace('"Version":3', '"Version":"3"'),
      'x.yaml: Parameters[2] /p/service2/setting_2: Version must be a number',
    ],
  ])('reads every other parameter of an export with a bad one, and names the bad one (%s)', (_n, file, n, breakIt, error) => {
    const text = breakIt(JSON.stringify({ Parameters: params(n) }));
    expect(text).not.toBe(JSON.stringify({ Parameters: params(n) }));
    const r = ssmFileObservations(bytes(text), file, '/p/', ctx);
    expect(r).toEqual({ ...wholeObservations(text, file), parameters: n, truncated: false });
    expect(r.observations).toHaveLength(n - 1);
    expect(r.errors).toEqual([error]);
    expect(r.errors.join()).not.toContain('AKIAZ7CANARY');
  });

  // `aws ssm get-parameters-by-path --max-items 50` (or one page of an SDK call) prints a NextToken:
  // the parameters after it were never recorded, and would otherwise read as deleted (`missing`).
  it.each([
    ['one page, scanned', 'x.json', JSON.stringify({ Parameters: params(3), NextToken: 'eyJOZXh0VG9rZW4iOm51bGx9' }, null, 4)],
    [
      'one page, YAML',
      'x.yaml',
      `Parameters:\n${params(3)
        .map((p) => `  - ${JSON.stringify(p)}`)
        .join('\n')}\nNextToken: AAE\n`,
    ],
    [
      'the last of a list of pages',
      'x.json',
      JSON.stringify([
        { Parameters: params(2), NextToken: 'A' },
        { Parameters: params(3), NextToken: 'B' },
      ]),
    ],
  ])('keeps what a truncated export holds and says it is truncated (%s)', (_n, file, text) => {
    const r = ssmFileObservations(bytes(text), file, '/p/', ctx);
    expect(r.observations.length).toBeGreaterThan(0);
    expect(r.errors).toEqual([]);
    expect(r.truncated).toBe(true);
  });

  it.each([
    ['no NextToken', JSON.stringify({ Parameters: params(3) })],
    ['a NextToken on an earlier page only', JSON.stringify([{ Parameters: params(2), NextToken: 'A' }, { Parameters: params(3) }])],
  ])('a complete export is not truncated (%s)', (_n, text) => {
    expect(ssmFileObservations(bytes(text), 'x.json', '/p/', ctx)).toMatchObject({ errors: [], truncated: false });
  });

  it('reads YAML exports whole', () => {
    const r = ssmFileObservations(bytes('Parameters:\n  - Name: /p/a\n    Type: String\n    Value: "1"\n'), 'x.yaml', '/p/', ctx);
    expect(r.observations.map((o) => o.key)).toEqual(['a']);
    expect(r.parameters).toBe(1);
  });
});

describe('an export of more parameters than a Region holds', () => {
  it('is refused once past the limit, whether scanned or parsed; the most a Region holds is read', () => {
    // A million parameters (60 MB) took 53 s and 1.9 GB; SSM holds at most 100,000 per account and Region.
    const tiny = (n: number) =>
      JSON.stringify({ Parameters: Array.from({ length: n }, (_, i) => ({ Name: `/p/k${i}`, Type: 'String', Value: 'v' })) });
    expect(() => ssmFileObservations(bytes(tiny(1_000_000)), 'flood.json', '/p/', ctx)).toThrow(
      new SourceInputError(
        `flood.json: over ${MAX_EXPORT_PARAMETERS} parameters, more than SSM holds in a Region (100,000 in the advanced tier)`,
      ),
    );
    expect(ssmFileObservations(bytes(tiny(MAX_EXPORT_PARAMETERS)), 'most.json', '/p/', ctx).parameters).toBe(MAX_EXPORT_PARAMETERS);
  });
});
