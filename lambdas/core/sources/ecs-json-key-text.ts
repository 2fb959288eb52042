import { isRecord } from './shape';

// The ECS agent hands a container the value of a secret's JSON key (`valueFrom: arn:…:secret:NAME:KEY::`)
// as `fmt.Sprintf("%v", v)` of what Go's encoding/json decodes into interface{} (agent/asm/asm.go,
// GetSecretFromASMWithInput): strings as they are; numbers are float64 printed as %g at the
// shortest precision (1000000 is `1e+06`); null is `<nil>`; arrays `[a 1 true]`; objects
// `map[k:v]` with keys sorted. Drift fingerprints that text, so what it compares is what the container reads.

/** Go's `strconv.FormatFloat(n, 'g', -1, 64)`, which `%v` prints a float64 with. */
export function goFloatText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (n === 0) return `${sign}0`;
  // The shortest digits that read back as n, and the decimal exponent of the first one.
  const [mantissa, e] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(e);
  // %e below 1e-4 and from 1e+06 on (Go uses precision 6 for the choice when printing shortest).
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Go orders map keys as byte strings: UTF-8 byte order is code point order. */
function byCodePoint(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The text a container receives for a JSON value ECS took by key from a secret (`%v` of the decoded value). */
export function ecsJsonKeyText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloatText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(ecsJsonKeyText).join(' ')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort(byCodePoint);
    return `map[${keys.map((k) => `${k}:${ecsJsonKeyText(v[k])}`).join(' ')}]`;
  }
  return String(v);
}
