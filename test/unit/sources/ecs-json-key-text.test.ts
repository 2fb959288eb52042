import fc from 'fast-check';
import { ecsJsonKeyText, goFloatText } from '../../../lambdas/core/sources/ecs-json-key-text';

// What Go's fmt.Sprintf("%v", v) prints for what encoding/json decodes into interface{}: the ECS
// agent's text for a secret's JSON key (aws/amazon-ecs-agent, agent/asm/asm.go).
describe('ecsJsonKeyText', () => {
  it.each([
    ['"db.internal"', 'db.internal'],
    ['""', ''],
    ['20', '20'],
    ['-3', '-3'],
    ['1.5', '1.5'],
    ['0', '0'],
    ['-0', '-0'],
    ['999999', '999999'],
    ['1000000', '1e+06'],
    ['2500000', '2.5e+06'],
    ['123456789', '1.23456789e+08'],
    ['12345678901234567890', '1.2345678901234567e+19'],
    ['1e21', '1e+21'],
    ['1e100', '1e+100'],
    ['0.0001', '0.0001'],
    ['0.00001', '1e-05'],
    ['1e-7', '1e-07'],
    ['3.0', '3'],
    ['100.25', '100.25'],
    // strconv.FormatFloat(x, 'g', -1, 64) cases from Go's own tests (fmt's %v is that format).
    ['123456700', '1.234567e+08'],
    ['1e23', '1e+23'],
    ['108678236358137.625', '1.0867823635813762e+14'],
    ['5e-324', '5e-324'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', '<nil>'],
    ['[]', '[]'],
    ['[1, "a", true, null, 1000000]', '[1 a true <nil> 1e+06]'],
    ['{}', 'map[]'],
    ['{"b": 1, "a": {"c": [2, "x y"]}, "B": null}', 'map[B:<nil> a:map[c:[2 x y]] b:1]'],
  ])('%s is %s', (json, text) => {
    expect(ecsJsonKeyText(JSON.parse(json))).toBe(text);
  });

  it('prints every finite double so that it reads back as itself, as %v does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Object.is(Number(goFloatText(n)), n)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('prints integers below a million as JavaScript does, and those from a million on with an exponent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999, max: 999_999 }), (n) => {
        expect(goFloatText(n)).toBe(Object.is(n, -0) ? '-0' : String(n));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(goFloatText(n)).toMatch(/^[1-9](\.\d+)?e\+\d\d$/);
      }),
    );
  });
});
