import fc from 'fast-check';
import { inferType, parseAs } from './typed';

// Random small estates for the differential audit test: what each source sets (canonical key,
// spelling, text), the baseline, parity groups and exceptions. `writeEstate` turns a plan into files.

export type Nature = 'duration' | 'bytes' | 'bool' | 'int' | 'url' | 'level' | 'string';

/** The keys sources may set, by canonical key, with the kind of value each holds. */
export const KEY_NATURES: Readonly<Record<string, Nature>> = {
  'db.timeout': 'duration',
  'cache.ttl': 'duration',
  'cache.size': 'bytes',
  'search.enabled': 'bool',
  'db.pool.size': 'int',
  'http.server.port': 'int',
  'service.url': 'url',
  'log.level': 'level',
  'app.name': 'string',
  'old.flag': 'string',
};
export const KEYS = Object.keys(KEY_NATURES);

/** Texts of each nature: equal ones spelt differently, different ones, empty and malformed ones. */
export const TEXTS: Readonly<Record<Nature, readonly string[]>> = {
  duration: ['60s', '1m', '60000ms', '30s', '30000ms', '0.5m', '90s', '1m30s', '60', '2h', '', 'soon'],
  bytes: ['512Mi', '536870912', '0.5Gi', '1Gi', '1024Mi', '1G', '1000M', '', 'lots'],
  bool: ['true', 'True', 'TRUE', 'yes', 'on', '1', 'false', 'no', 'off', '0', 'False', '', 'maybe'],
  int: ['20', '020', '10', '+10', '3', '-1', '', 'ten', '1.5'],
  url: [
    'https://api.example.com/v1',
    'https://API.example.com/v1',
    'https://api.example.com:443/v1',
    'http://api.example.com/v1',
    'https://api.example.com/v2',
    '',
    'not a url',
  ],
  level: ['INFO', 'DEBUG', 'info', 'WARN', ''],
  string: ['checkout', 'Checkout', 'checkout-api', '', '1.10', '1.1', 'a b'],
};

export const ENVIRONMENTS = ['dev', 'staging', 'prod', 'prod-eu', 'qa'];
export type SourceKind = 'dotenv' | 'json' | 'yaml' | 'ssm';

/** A key as a source writes it: word groups (nesting levels of a file) and the joints inside each. */
export interface Spelling {
  /** How many words each nesting level takes (one level but in files). */
  levels: number[];
  /** Per joint between words of a level: a separator or `camel`. */
  joints: Array<'.' | '_' | '-' | '/' | 'camel'>;
  upper: boolean;
}

export interface Entry {
  key: string;
  spelling: Spelling;
  text: string;
  /** JSON: write an int or bool as a JSON number or boolean. */
  native: boolean;
}

export interface SourcePlan {
  kind: SourceKind;
  defaults: boolean;
  entries: Entry[];
}

export interface KeyDecl {
  type?: string;
  value?: string;
  values?: Record<string, string>;
  required?: boolean;
  perEnvironment?: boolean;
  retired?: string;
  enum?: string[];
  min?: string;
  max?: string;
  shadowed?: 'ignore';
}

export interface ExceptionPlan {
  environment?: string;
  group?: string;
  key: string;
  value?: string;
  expires?: string;
  permanent?: boolean;
}

export interface GroupPlan {
  name: string;
  environments: string[];
  ignore?: string[];
}

export interface EstatePlan {
  environments: Array<{ name: string; sources: SourcePlan[] }>;
  groups: GroupPlan[];
  undeclared: 'info' | 'low' | 'ignore';
  keys: Record<string, KeyDecl>;
  exceptions: ExceptionPlan[];
}

const words = (key: string): string[] => key.split('.');

/** One level's words joined as `joints` say (camelCase capitalises the next word). */
function spellLevel(ws: string[], joints: Spelling['joints'], upper: boolean): string {
  const camel = joints.some((j) => j === 'camel');
  let out = camel || !upper ? (ws[0] as string) : (ws[0] as string).toUpperCase();
  for (let i = 1; i < ws.length; i++) {
    const j = joints[i - 1] as Spelling['joints'][number];
    const w = ws[i] as string;
    if (j === 'camel') out += w.charAt(0).toUpperCase() + w.slice(1);
    else out += j + (camel || !upper ? w : w.toUpperCase());
  }
  return out;
}

/** The path segments a source writes for `key` (one segment but for nested files). */
export function segments(key: string, s: Spelling): string[] {
  const ws = words(key);
  const out: string[] = [];
  let at = 0;
  let joint = 0;
  for (const n of s.levels) {
    const level = ws.slice(at, at + n);
    out.push(spellLevel(level, s.joints.slice(joint, joint + n - 1), s.upper));
    joint += n - 1;
    at += n;
  }
  return out;
}

const spellingOf = (key: string, kind: SourceKind): fc.Arbitrary<Spelling> => {
  const n = words(key).length;
  const separators: Array<Spelling['joints'][number]> = kind === 'ssm' ? ['/', '_', '-', '.', 'camel'] : ['.', '_', '-', 'camel'];
  const nested = kind === 'json' || kind === 'yaml';
  const levels = nested
    ? fc.array(fc.boolean(), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
        const out: number[] = [];
        let run = 1;
        for (const c of cuts) {
          if (c) {
            out.push(run);
            run = 1;
          } else run++;
        }
        out.push(run);
        return out;
      })
    : fc.constant<number[]>([n]);
  return fc.record({
    levels,
    joints: fc.array(fc.constantFrom(...separators), { minLength: n - 1, maxLength: n - 1 }),
    upper: fc.boolean(),
  });
};

const entryOf = (kind: SourceKind): fc.Arbitrary<Entry> =>
  fc.constantFrom(...KEYS).chain((key) =>
    fc.record({
      key: fc.constant(key),
      spelling: spellingOf(key, kind),
      text: fc.constantFrom(...TEXTS[KEY_NATURES[key] as Nature].filter((t) => kind !== 'ssm' || t !== '')),
      native: fc.boolean(),
    }),
  );

const BULK_IDS = Array.from({ length: 160 }, (_, i) => i);

/**
 * Many more keys (`bulk.k<n>`), in the order mirrored environments share or shuffled, so the
 * predictions of the key space and the interners' memos hit, miss, give up and retry.
 */
const bulkOf = (kind: SourceKind): fc.Arbitrary<Entry[]> =>
  fc
    .record({
      ids: fc.oneof(fc.subarray(BULK_IDS, { minLength: 20 }), fc.shuffledSubarray(BULK_IDS, { minLength: 20 })),
      shift: fc.nat(16),
      spelling: fc.record({
        levels: fc.constant<number[]>(kind === 'json' || kind === 'yaml' ? [1, 1] : [2]),
        joints: fc.constantFrom<Array<Spelling['joints'][number]>>(['_'], ['.'], ['camel']),
        upper: fc.boolean(),
      }),
    })
    .map(({ ids, shift, spelling }) =>
      ids.map((i) => ({ key: `bulk.k${i}`, spelling, text: i % 17 === shift ? 'odd' : 'same', native: false })),
    );

const sourceOf = (first: boolean): fc.Arbitrary<SourcePlan> =>
  fc.constantFrom<SourceKind>('dotenv', 'json', 'yaml', 'ssm').chain((kind) =>
    fc
      .record({
        kind: fc.constant(kind),
        // Only a first source is a defaults layer, as people lay them out.
        defaults: first ? fc.boolean() : fc.constant(false),
        entries: fc.array(entryOf(kind), { minLength: 0, maxLength: 8 }),
        bulk: fc.oneof({ weight: 3, arbitrary: fc.constant<Entry[]>([]) }, { weight: 1, arbitrary: bulkOf(kind) }),
      })
      .map(({ bulk, entries, ...rest }) => ({ ...rest, entries: [...bulk, ...entries] })),
  );

const environmentOf = (name: string) =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sourceOf(i === 0))))
    .map((sources) => ({ name, sources }));

/** An expected value of the key's nature that its own type, enum and bounds accept (else validate refuses the estate). */
const validTexts = (nature: Nature, decl: KeyDecl): string[] =>
  TEXTS[nature].filter((t) => {
    const type = decl.type ?? (inferType(t) === 'string' ? undefined : inferType(t));
    if (decl.type === undefined && decl.min !== undefined) return false;
    const p = type ? parseAs(type, t) : { canon: t };
    if (!p) return false;
    if (decl.enum && !decl.enum.some((e) => (type ? parseAs(type, e)?.canon : e) === p.canon)) return false;
    if (decl.min !== undefined && (p.num ?? NaN) < parseAs(type!, decl.min)!.num!) return false;
    if (decl.max !== undefined && (p.num ?? NaN) > parseAs(type!, decl.max)!.num!) return false;
    if (t === '') return false;
    return true;
  });

const TYPE_OF: Record<Nature, string | undefined> = {
  duration: 'duration',
  bytes: 'bytes',
  bool: 'bool',
  int: 'int',
  url: 'url',
  level: 'string',
  string: 'string',
};
const BOUNDS: Partial<Record<Nature, { min: string; max: string }>> = {
  duration: { min: '10s', max: '60s' },
  bytes: { min: '1Mi', max: '1Gi' },
  int: { min: '5', max: '50' },
};
const RETIRED = ['2026-05-01', '2026-11-24', '2027-01-01'];

const declOf = (key: string, envs: string[]): fc.Arbitrary<KeyDecl> => {
  const nature = KEY_NATURES[key] as Nature;
  return fc
    .record({
      typed: fc.boolean(),
      bounded: fc.integer({ min: 0, max: 3 }),
      enumed: fc.boolean(),
      required: fc.constantFrom(undefined, true, false),
      perEnvironment: fc.integer({ min: 0, max: 4 }),
      retired: fc.integer({ min: 0, max: 8 }),
      shadowIgnore: fc.integer({ min: 0, max: 9 }),
      valuePick: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
      valuesPick: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }), {
        minLength: envs.length,
        maxLength: envs.length,
      }),
    })
    .map((r) => {
      const d: KeyDecl = {};
      if (r.typed && TYPE_OF[nature]) d.type = TYPE_OF[nature];
      const bounds = BOUNDS[nature];
      if (bounds && d.type) {
        if (r.bounded & 1) d.min = bounds.min;
        if (r.bounded & 2) d.max = bounds.max;
      }
      if (nature === 'level' && r.enumed) d.enum = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
      if (r.required !== undefined) d.required = r.required;
      if (r.perEnvironment === 0) d.perEnvironment = true;
      if (r.retired < RETIRED.length) d.retired = RETIRED[r.retired];
      if (r.shadowIgnore === 0) d.shadowed = 'ignore';
      // The value picks its text first: it decides the type of an untyped key, which the per-environment values must also fit.
      const valid = validTexts(nature, d);
      if (r.valuePick !== undefined && valid.length) d.value = valid[r.valuePick % valid.length];
      const inferred = d.type ?? (d.value !== undefined && inferType(d.value) !== 'string' ? inferType(d.value) : undefined);
      const fitting = validTexts(nature, { ...d, type: inferred }).filter(
        (t) => inferred !== undefined || inferType(t) === 'string' || d.value === undefined,
      );
      r.valuesPick.forEach((pick, i) => {
        if (pick === undefined || !fitting.length) return;
        (d.values ??= {})[envs[i] as string] = fitting[pick % fitting.length] as string;
      });
      return d;
    });
};

const DATES = ['2026-11-01', '2026-11-24', '2026-11-28', '2026-12-31'];

/** A random estate plan. */
export const estatePlan: fc.Arbitrary<EstatePlan> = fc
  .integer({ min: 2, max: 5 })
  .chain((n) => {
    const names = ENVIRONMENTS.slice(0, n);
    return fc.record({
      environments: fc.tuple(...names.map(environmentOf)),
      groups: fc.array(
        fc.record({
          members: fc.subarray(names, { minLength: 2 }),
          ignore: fc.option(fc.constantFrom('cache.*', 'app.name', 'db-timeout'), { nil: undefined, freq: 3 }),
        }),
        { maxLength: 2 },
      ),
      undeclared: fc.constantFrom<'info' | 'low' | 'ignore'>('info', 'low', 'ignore'),
      declared: fc.subarray(KEYS),
      decls: fc.tuple(...KEYS.map((k) => declOf(k, names))),
      exceptions: fc.array(
        fc.record({
          scope: fc.constantFrom(...names, names.includes('prod') ? 'prod*' : 's*', 'group'),
          key: fc.constantFrom(...KEYS),
          valuePick: fc.option(fc.nat(), { nil: undefined }),
          expires: fc.constantFrom(...DATES, 'permanent'),
        }),
        { maxLength: 3 },
      ),
    });
  })
  .map((r) => {
    const groups: GroupPlan[] = r.groups.map((g, i) => ({
      name: `group-${i}`,
      environments: g.members,
      ...(g.ignore ? { ignore: [g.ignore] } : {}),
    }));
    const keys: Record<string, KeyDecl> = {};
    KEYS.forEach((k, i) => {
      if (r.declared.includes(k)) keys[k] = r.decls[i] as KeyDecl;
    });
    const exceptions: ExceptionPlan[] = [];
    for (const e of r.exceptions) {
      // An exception must name a declared key (validate refuses one that names nothing).
      if (!keys[e.key]) continue;
      const texts = TEXTS[KEY_NATURES[e.key] as Nature].filter((t) => t !== '');
      const x: ExceptionPlan = { key: e.key };
      if (e.scope === 'group') {
        if (!groups.length) continue;
        x.group = groups[0]!.name;
      } else x.environment = e.scope;
      if (e.valuePick !== undefined) x.value = texts[e.valuePick % texts.length];
      if (e.expires === 'permanent') x.permanent = true;
      else x.expires = e.expires;
      exceptions.push(x);
    }
    return { environments: [...r.environments], groups, undeclared: r.undeclared, keys, exceptions };
  });
