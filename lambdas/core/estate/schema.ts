import * as z from '../zod';
import { ACCOUNT_ID_SHAPE, REGION_SHAPE, ROLE_ARN_SHAPE } from '../aws-identifier-shapes';
import { SEVERITIES } from '../severity';
import { parseDurationMs, VALUE_TYPES } from '../values/types';
import { KIND_NAMES } from '../kinds';
import { cronProblem } from '../digest/cron-syntax';
import { isTimeZone } from '../digest/time-zone';
import { IMMEDIATE_DEFAULT } from '../notify/immediate-settings';
import { TICKET_ROUTING_DEFAULT } from '../tickets/ticket-routing';
import { SOURCE_KINDS, SOURCE_TYPES, type SourceType } from '../source-kinds/registry';

/** Scalars as written: YAML may read `20` as a number or `false` as a bool; the baseline keeps text. */
const scalar = z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String));
const severity = z.enum(SEVERITIES);
/** The shape of an environment's, a group's or a rule's name. */
export const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const name = z.string().check(z.regex(NAME_SHAPE, 'use letters, digits, ".", "_" and "-"'));

/** A date as the estate file writes one (`expires`, `retired`): YYYY-MM-DD, a day the calendar has. */
export function isEstateDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const date = z.string().check(z.refine(isEstateDate, 'expected a date as YYYY-MM-DD'));

// A source is one entry keyed by its kind: the kinds and their fields come from the registry.
type SourceEntryShape = { [K in SourceType]: z.ZodMiniOptional<(typeof SOURCE_KINDS)[K]['schema']> };
const sourceShape = Object.fromEntries(SOURCE_TYPES.map((type) => [type, z.optional(SOURCE_KINDS[type].schema)])) as SourceEntryShape;

// `defaults: true` may sit beside the kind (`- { file: { from: base.yml }, defaults: true }`) as well as in its fields.
const sourceEntry = z
  .strictObject({ ...sourceShape, defaults: z.optional(z.boolean()) })
  .check(
    z.refine((s) => Object.keys(s).filter((k) => k !== 'defaults').length === 1, `a source is exactly one of: ${SOURCE_TYPES.join(', ')}`),
  );

const environment = z.strictObject({
  region: z.optional(z.string().check(z.regex(REGION_SHAPE, 'an AWS region, e.g. eu-west-1'))),
  // An unquoted `012345678901` reads as written (readYaml): the leading zero stays.
  account: z.optional(
    z.pipe(
      z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
      z.string().check(z.regex(ACCOUNT_ID_SHAPE, 'an AWS account id is 12 digits, e.g. 012345678901')),
    ),
  ),
  roleArn: z.optional(z.string().check(z.regex(ROLE_ARN_SHAPE, 'roleArn is an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)'))),
  sources: z.array(sourceEntry).check(z.minLength(1, 'an environment needs at least one source')),
});

export const keySpecSchema = z.strictObject({
  type: z.optional(z.enum(VALUE_TYPES)),
  value: z.optional(scalar),
  values: z.optional(z.record(z.string(), scalar)),
  min: z.optional(scalar),
  max: z.optional(scalar),
  enum: z.optional(z.array(scalar).check(z.minLength(1))),
  pattern: z.optional(z.string()),
  'per-environment': z.optional(z.boolean()),
  required: z.optional(z.boolean()),
  secret: z.optional(z.boolean()),
  owner: z.optional(z.string()),
  retired: z.optional(date),
  severity: z.optional(severity),
  shadowed: z.optional(z.union([severity, z.literal('ignore')])),
  // A feature flag (`stale-flag` when one value everywhere outlives `flags.lifetime`); `false` opts a `feature.*` key out.
  flag: z.optional(z.boolean()),
  description: z.optional(z.string()),
});

const exception = z.strictObject({
  environment: z.optional(z.string()),
  group: z.optional(z.string()),
  key: z.string().check(z.minLength(1)),
  value: z.optional(scalar),
  reason: z.string().check(z.minLength(1, 'say why the drift is accepted')),
  ticket: z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
  expires: z.optional(date),
  permanent: z.optional(z.literal(true, 'permanent is `true` (or leave it out and give `expires`)')),
  kinds: z.optional(z.array(z.enum(KIND_NAMES as [string, ...string[]]))),
});

const rule = z.strictObject({
  name: name,
  assert: z.string().check(z.minLength(1)),
  severity: z.optional(severity),
  environments: z.optional(z.array(z.string())),
  description: z.optional(z.string()),
});

export const baselineSchema = z.strictObject({
  undeclared: z._default(z.union([severity, z.literal('ignore')]), 'info'),
  secrets: z._default(z.strictObject({ undeclared: z._default(z.boolean(), false) }), { undeclared: false }),
  // A bare scalar is shorthand for `{ value: … }`; an empty entry declares the key.
  keys: z._default(
    z.record(
      z.string(),
      z.union([
        keySpecSchema,
        z.pipe(
          scalar,
          z.transform((value): RawKeySpec => ({ value })),
        ),
        z.pipe(
          z.null(),
          z.transform((): RawKeySpec => ({})),
        ),
      ]),
    ),
    {},
  ),
  exceptions: z._default(z.array(exception), []),
  rules: z._default(z.array(rule), []),
});

// `false`: no immediate message; `true`: the default; or the minimum severity and whether only out-of-band changes.
const immediate = z.union([
  z.boolean(),
  z.strictObject({
    minSeverity: z._default(severity, IMMEDIATE_DEFAULT.minSeverity),
    outOfBandOnly: z._default(z.boolean(), IMMEDIATE_DEFAULT.outOfBandOnly),
  }),
]);

const findingKinds = z.union([z.literal('all'), z.array(z.enum(KIND_NAMES as [string, ...string[]]))]);

// Labels as GitHub and Jira both take them: no spaces (Jira splits on them), at most 50 characters.
const label = z.string().check(z.regex(/^[^\s,]{1,50}$/, 'a label: no spaces or commas, at most 50 characters'));

/** A string of one character or more. */
const text = () => z.string().check(z.minLength(1));

const tickets = z.strictObject({
  minSeverity: z._default(severity, TICKET_ROUTING_DEFAULT.minSeverity),
  kinds: z._default(findingKinds, 'all'),
  labels: z._default(z.array(label), TICKET_ROUTING_DEFAULT.labels),
  // By owner (the keys' `owner:`), or a glob of owners; `*` catches the rest.
  owners: z._default(
    z.record(
      text(),
      z.strictObject({
        labels: z._default(z.array(label), []),
        components: z._default(z.array(text()), []),
        assignee: z.optional(text()),
      }),
    ),
    {},
  ),
});

const notify = z.strictObject({
  tickets: z._default(tickets, TICKET_ROUTING_DEFAULT),
  sns: z._default(
    z.strictObject({
      minSeverity: z._default(severity, 'high'),
      kinds: z._default(findingKinds, 'all'),
      onFirstRun: z._default(z.boolean(), false),
    }),
    { minSeverity: 'high', kinds: 'all', onFirstRun: false },
  ),
  slack: z._default(
    z.strictObject({
      minSeverity: z._default(severity, 'low'),
      window: z._default(
        z.string().check(z.refine((w) => cronProblem(w) === undefined, 'not a cron expression (minute hour day month weekday)')),
        '0 8 * * *',
      ),
      timezone: z._default(
        z.string().check(z.refine(isTimeZone, 'not an IANA time zone (Europe/Berlin, UTC, America/New_York)')),
        'Europe/Berlin',
      ),
      allClear: z._default(z.boolean(), true),
      // Absent: the default (see immediateSettings).
      immediate: z.optional(immediate),
    }),
    { minSeverity: 'low', window: '0 8 * * *', timezone: 'Europe/Berlin', allClear: true },
  ),
});

// `code: src/`, `code: { path, exclude, ignore, tests }`, or a list of either: the trees whose reads are united.
const codeTree = z.union([
  text(),
  z.strictObject({
    path: text(),
    exclude: z._default(z.array(text()), []),
    ignore: z._default(z.array(text()), []),
    tests: z._default(z.boolean(), false),
  }),
]);
const code = z.union([codeTree, z.array(codeTree).check(z.minLength(1, 'list at least one source tree, or leave code out'))]);

/** How long a flag may hold one value in every environment before it is a `stale-flag` finding. */
export const FLAG_LIFETIME_DEFAULT = '30d';

/**
 * Top-level fields drift leaves to the author, named as docker-compose names its own (`x-common:
 * &common …`): a place for YAML anchors that `<<: *common` merges elsewhere.
 */
export const EXTENSION_FIELD = /^x-/;

/** The document without its top-level extension fields, which no schema reads. */
export function withoutExtensionFields(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const keys = Object.keys(data);
  if (!keys.some((k) => EXTENSION_FIELD.test(k))) return data;
  return Object.fromEntries(keys.filter((k) => !EXTENSION_FIELD.test(k)).map((k) => [k, (data as Record<string, unknown>)[k]]));
}

/** The sections of a document a person may leave empty, and the sections of its own a section has (`inner`). */
export interface Sections {
  readonly names: ReadonlySet<string>;
  readonly inner?: Readonly<Record<string, Sections>>;
}

/** Sections of a baseline (in an estate file or a file of its own), and of an estate file, that a person may leave empty. */
export const BASELINE_SECTIONS: Sections = { names: new Set(['keys', 'exceptions', 'rules']) };
export const ESTATE_SECTIONS: Sections = {
  names: new Set(['parity', 'baseline', 'notify', 'deployers', 'flags', 'code']),
  inner: { baseline: BASELINE_SECTIONS },
};

/**
 * The document with its empty sections left out, as if not written: `exceptions:` with nothing under it (its last
 * entry commented out, a template's placeholder) is YAML's null, which no list or mapping schema takes.
 */
export function withoutEmptySections(data: unknown, sections: Sections): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (v === null && sections.names.has(k)) continue;
    const inner = sections.inner?.[k];
    out[k] = inner ? withoutEmptySections(v, inner) : v;
  }
  return out;
}

export const estateSchema = z.strictObject({
  version: z.literal(1, 'version must be 1'),
  name: z.optional(name),
  environments: z.record(name, environment).check(z.refine((e) => Object.keys(e).length > 0, 'declare at least one environment')),
  parity: z._default(
    z.array(
      z.strictObject({
        name: name,
        environments: z.array(z.string()).check(z.minLength(2, 'a parity group needs two or more environments')),
        ignore: z.optional(z.array(text())),
        keys: z.optional(z.array(text()).check(z.minLength(1))),
      }),
    ),
    [],
  ),
  baseline: z.optional(z.union([text(), baselineSchema])),
  notify: z._default(notify, {
    tickets: TICKET_ROUTING_DEFAULT,
    sns: { minSeverity: 'high', kinds: 'all', onFirstRun: false },
    slack: { minSeverity: 'low', window: '0 8 * * *', timezone: 'Europe/Berlin', allClear: true },
  }),
  // IAM principal ARN globs whose changes are sanctioned (the CI/CD roles); any other modifier is out-of-band.
  deployers: z.optional(z.array(text()).check(z.minLength(1, 'list the CI/CD roles, or leave deployers out'))),
  flags: z._default(
    z.strictObject({
      lifetime: z._default(
        z.string().check(z.refine((d) => (parseDurationMs(d) ?? 0) > 0, 'a positive duration: 30d, 12h, 90d')),
        FLAG_LIFETIME_DEFAULT,
      ),
    }),
    { lifetime: FLAG_LIFETIME_DEFAULT },
  ),
  code: z.optional(code),
});

export type RawEstate = z.output<typeof estateSchema>;
export type RawBaseline = z.output<typeof baselineSchema>;
export type RawSource = z.output<typeof sourceEntry>;
export type RawKeySpec = z.output<typeof keySpecSchema>;
export type RawCodeTree = z.output<typeof codeTree>;
