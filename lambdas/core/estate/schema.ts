import * as z from 'zod';
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
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const severity = z.enum(SEVERITIES);
/** The shape of an environment's, a group's or a rule's name. */
export const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const name = z.string().regex(NAME_SHAPE, 'use letters, digits, ".", "_" and "-"');

/** A date as the estate file writes one (`expires`, `retired`): YYYY-MM-DD, a day the calendar has. */
export function isEstateDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const date = z.string().refine(isEstateDate, 'expected a date as YYYY-MM-DD');

// A source is one entry keyed by its kind: the kinds and their fields come from the registry.
type SourceEntryShape = { [K in SourceType]: z.ZodOptional<(typeof SOURCE_KINDS)[K]['schema']> };
const sourceShape = Object.fromEntries(SOURCE_TYPES.map((type) => [type, SOURCE_KINDS[type].schema.optional()])) as SourceEntryShape;

// `defaults: true` may sit beside the kind (`- { file: { from: base.yml }, defaults: true }`) as well as in its fields.
const sourceEntry = z
  .strictObject({ ...sourceShape, defaults: z.boolean().optional() })
  .refine((s) => Object.keys(s).filter((k) => k !== 'defaults').length === 1, `a source is exactly one of: ${SOURCE_TYPES.join(', ')}`);

const environment = z.strictObject({
  region: z.string().regex(REGION_SHAPE, 'an AWS region, e.g. eu-west-1').optional(),
  // An unquoted `012345678901` reads as written (readYaml): the leading zero stays.
  account: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(ACCOUNT_ID_SHAPE, 'an AWS account id is 12 digits, e.g. 012345678901'))
    .optional(),
  roleArn: z.string().regex(ROLE_ARN_SHAPE, 'roleArn is an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)').optional(),
  sources: z.array(sourceEntry).min(1, 'an environment needs at least one source'),
});

export const keySpecSchema = z.strictObject({
  type: z.enum(VALUE_TYPES).optional(),
  value: scalar.optional(),
  values: z.record(z.string(), scalar).optional(),
  min: scalar.optional(),
  max: scalar.optional(),
  enum: z.array(scalar).min(1).optional(),
  pattern: z.string().optional(),
  'per-environment': z.boolean().optional(),
  required: z.boolean().optional(),
  secret: z.boolean().optional(),
  owner: z.string().optional(),
  retired: date.optional(),
  severity: severity.optional(),
  shadowed: z.union([severity, z.literal('ignore')]).optional(),
  // A feature flag (`stale-flag` when one value everywhere outlives `flags.lifetime`); `false` opts a `feature.*` key out.
  flag: z.boolean().optional(),
  description: z.string().optional(),
});

const exception = z.strictObject({
  environment: z.string().optional(),
  group: z.string().optional(),
  key: z.string().min(1),
  value: scalar.optional(),
  reason: z.string().min(1, 'say why the drift is accepted'),
  ticket: z.union([z.string(), z.number()]).transform(String).optional(),
  expires: date.optional(),
  permanent: z.literal(true, 'permanent is `true` (or leave it out and give `expires`)').optional(),
  kinds: z.array(z.enum(KIND_NAMES as [string, ...string[]])).optional(),
});

const rule = z.strictObject({
  name: name,
  assert: z.string().min(1),
  severity: severity.optional(),
  environments: z.array(z.string()).optional(),
  description: z.string().optional(),
});

export const baselineSchema = z.strictObject({
  undeclared: z.union([severity, z.literal('ignore')]).default('info'),
  secrets: z.strictObject({ undeclared: z.boolean().default(false) }).default({ undeclared: false }),
  // A bare scalar is shorthand for `{ value: … }`; an empty entry declares the key.
  keys: z
    .record(
      z.string(),
      z.union([keySpecSchema, scalar.transform((value): RawKeySpec => ({ value })), z.null().transform((): RawKeySpec => ({}))]),
    )
    .default({}),
  exceptions: z.array(exception).default([]),
  rules: z.array(rule).default([]),
});

// `false`: no immediate message; `true`: the default; or the minimum severity and whether only out-of-band changes.
const immediate = z.union([
  z.boolean(),
  z.strictObject({
    minSeverity: severity.default(IMMEDIATE_DEFAULT.minSeverity),
    outOfBandOnly: z.boolean().default(IMMEDIATE_DEFAULT.outOfBandOnly),
  }),
]);

const findingKinds = z.union([z.literal('all'), z.array(z.enum(KIND_NAMES as [string, ...string[]]))]);

// Labels as GitHub and Jira both take them: no spaces (Jira splits on them), at most 50 characters.
const label = z.string().regex(/^[^\s,]{1,50}$/, 'a label: no spaces or commas, at most 50 characters');

const tickets = z.strictObject({
  minSeverity: severity.default(TICKET_ROUTING_DEFAULT.minSeverity),
  kinds: findingKinds.default('all'),
  labels: z.array(label).default(TICKET_ROUTING_DEFAULT.labels),
  // By owner (the keys' `owner:`), or a glob of owners; `*` catches the rest.
  owners: z
    .record(
      z.string().min(1),
      z.strictObject({
        labels: z.array(label).default([]),
        components: z.array(z.string().min(1)).default([]),
        assignee: z.string().min(1).optional(),
      }),
    )
    .default({}),
});

const notify = z.strictObject({
  tickets: tickets.default(TICKET_ROUTING_DEFAULT),
  sns: z
    .strictObject({
      minSeverity: severity.default('high'),
      kinds: findingKinds.default('all'),
      onFirstRun: z.boolean().default(false),
    })
    .default({ minSeverity: 'high', kinds: 'all', onFirstRun: false }),
  slack: z
    .strictObject({
      minSeverity: severity.default('low'),
      window: z
        .string()
        .refine((w) => cronProblem(w) === undefined, 'not a cron expression (minute hour day month weekday)')
        .default('0 8 * * *'),
      timezone: z.string().refine(isTimeZone, 'not an IANA time zone (Europe/Berlin, UTC, America/New_York)').default('Europe/Berlin'),
      allClear: z.boolean().default(true),
      // Absent: the default (see immediateSettings).
      immediate: immediate.optional(),
    })
    .default({ minSeverity: 'low', window: '0 8 * * *', timezone: 'Europe/Berlin', allClear: true }),
});

// `code: src/`, `code: { path, exclude, ignore, tests }`, or a list of either: the trees whose reads are united.
const codeTree = z.union([
  z.string().min(1),
  z.strictObject({
    path: z.string().min(1),
    exclude: z.array(z.string().min(1)).default([]),
    ignore: z.array(z.string().min(1)).default([]),
    tests: z.boolean().default(false),
  }),
]);
const code = z.union([codeTree, z.array(codeTree).min(1, 'list at least one source tree, or leave code out')]);

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

export const estateSchema = z.strictObject({
  version: z.literal(1, 'version must be 1'),
  name: name.optional(),
  environments: z.record(name, environment).refine((e) => Object.keys(e).length > 0, 'declare at least one environment'),
  parity: z
    .array(
      z.strictObject({
        name: name,
        environments: z.array(z.string()).min(2, 'a parity group needs two or more environments'),
        ignore: z.array(z.string().min(1)).optional(),
        keys: z.array(z.string().min(1)).min(1).optional(),
      }),
    )
    .default([]),
  baseline: z.union([z.string().min(1), baselineSchema]).optional(),
  notify: notify.default({
    tickets: TICKET_ROUTING_DEFAULT,
    sns: { minSeverity: 'high', kinds: 'all', onFirstRun: false },
    slack: { minSeverity: 'low', window: '0 8 * * *', timezone: 'Europe/Berlin', allClear: true },
  }),
  // IAM principal ARN globs whose changes are sanctioned (the CI/CD roles); any other modifier is out-of-band.
  deployers: z.array(z.string().min(1)).min(1, 'list the CI/CD roles, or leave deployers out').optional(),
  flags: z
    .strictObject({
      lifetime: z
        .string()
        .refine((d) => (parseDurationMs(d) ?? 0) > 0, 'a positive duration: 30d, 12h, 90d')
        .default(FLAG_LIFETIME_DEFAULT),
    })
    .default({ lifetime: FLAG_LIFETIME_DEFAULT }),
  code: code.optional(),
});

export type RawEstate = z.output<typeof estateSchema>;
export type RawBaseline = z.output<typeof baselineSchema>;
export type RawSource = z.output<typeof sourceEntry>;
export type RawKeySpec = z.output<typeof keySpecSchema>;
export type RawCodeTree = z.output<typeof codeTree>;
