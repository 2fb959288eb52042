import { drift, scratch } from '../helpers/cli';

// Estate errors go to stderr and, in an installation, to the Lambda's logs: they name positions,
// fields and types, never the values written (a value in drift.yaml may be a secret).
const HEAD = `version: 1
name: shop
environments:
  production:
    sources:
      - dotenv: { from: app.env }
`;

/** Errors the schema finds: it stops there, so they are an estate of their own. */
const SCHEMA = `${HEAD}notify:
  sns: { minSeverity: CANARYseverity }
baseline:
  keys:
    i.list: { value: [CANARYlist] }
  exceptions:
    - { environment: production, key: i.list, value: "1", reason: r, expires: CANARYdate }
`;

/** Errors the baseline's own checks find. */
const BASELINE = `${HEAD}baseline:
  undeclared: info
  keys:
    a.count: { type: int, value: CANARYint }
    b.timeout: { type: duration, min: CANARYmin, max: 30s }
    c.mode: { enum: [fast, slow], value: CANARYenum }
    d.flag: { type: bool, values: { production: CANARYbool } }
    e.name: { pattern: "^x+$", value: CANARYpattern }
    f.size: { type: bytes, enum: [CANARYoption] }
    g.url: { type: url, value: "CANARY url" }
    h.limit: { type: int, max: 5, value: "70" }
`;

describe('estate errors never quote the values written', () => {
  it.each([
    ['schema', SCHEMA],
    ['baseline', BASELINE],
  ])('%s errors name the field and type only', async (_what, estate) => {
    const dir = scratch({ 'drift.yaml': estate, 'app.env': 'A_COUNT=1\n' });
    for (const args of [['validate'], ['validate', '--format', 'json'], ['audit', '--no-store']]) {
      const r = await drift(args, { cwd: dir });
      expect(r.code).toBe(2);
      const shown = r.stdout + r.stderr;
      expect(shown).toContain('drift.yaml');
      expect(shown.match(/CANARY\w*/g) ?? []).toEqual([]);
    }
  });

  it('and still say what is wrong', async () => {
    const r = await drift(['validate'], { cwd: scratch({ 'drift.yaml': BASELINE, 'app.env': '' }) });
    expect(r.stderr).toContain('value: not an integer (type int)');
    expect(r.stderr).toContain('min: not a duration (type duration)');
    expect(r.stderr).toContain('value: is not one of fast, slow');
    expect(r.stderr).toContain('values.production: not a boolean (type bool)');
    expect(r.stderr).toContain('value: does not match the pattern ^x+$');
    expect(r.stderr).toContain('value: is above the maximum 5');
  });
});
