import { z } from 'zod';
import { BASELINE_SECTIONS, baselineSchema, ESTATE_SECTIONS, estateSchema, EXTENSION_FIELD } from '../../lambdas/core/estate/schema';
import { SOURCE_FILE_FORMS } from '../../lambdas/core/source-kinds/file-forms';
import { SOURCE_KINDS, SOURCE_TYPES } from '../../lambdas/core/source-kinds/registry';
import { annotate, at, type JsonObject } from './json-pointer';

const ENV = '/properties/environments/additionalProperties';
const SOURCE = `${ENV}/properties/sources/items`;
const PARITY = '/properties/parity/items';
const NOTIFY = '/properties/notify';

const DATE = { pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const d = (description: string): JsonObject => ({ description });

// The schema zod cannot say in JSON Schema (its refinements) and the words an editor shows.
const perSource = Object.fromEntries(
  SOURCE_TYPES.flatMap((kind) => [
    [`${SOURCE}/properties/${kind}`, { ...d(SOURCE_KINDS[kind].about), ...SOURCE_KINDS[kind].jsonSchema }],
    [
      `${SOURCE}/properties/${kind}/properties/defaults`,
      d('A layer of shared defaults: overriding it is what it is for, never `shadowed`.'),
    ],
  ]),
);
const recorded = Object.fromEntries(
  SOURCE_TYPES.filter((kind) => SOURCE_FILE_FORMS[kind].recorded).map((kind) => [
    `${SOURCE}/properties/${kind}/properties/from`,
    d('A file, a folder or a list of them, relative to drift.yaml.'),
  ]),
);

/** Descriptions and date patterns of the baseline, wherever it sits (inline or its own file). */
function baselineNotes(root: string): Record<string, JsonObject> {
  const KEY = `${root}/properties/keys/additionalProperties/anyOf/0`;
  const EXCEPTION = `${root}/properties/exceptions/items`;
  const RULE = `${root}/properties/rules/items`;
  return {
    [`${root}/properties/undeclared`]: d('Severity for keys present at runtime that the baseline does not declare, or `ignore`.'),
    [`${root}/properties/secrets/properties/undeclared`]: d('Treat every value of an undeclared key as a secret.'),
    [`${root}/properties/keys`]: d('Declared keys by canonical name (`db.timeout`); a bare scalar is shorthand for `{ value: … }`.'),
    [`${KEY}/properties/type`]: d('Decides equality: `60s` = `1m` as durations, `2Gi` = `2048Mi` as bytes.'),
    [`${KEY}/properties/value`]: d('The expected value everywhere, unless `values` names the environment.'),
    [`${KEY}/properties/values`]: d('Expected values per environment.'),
    [`${KEY}/properties/per-environment`]: d('Meant to differ between environments: never a parity finding.'),
    [`${KEY}/properties/required`]: d('Absent is a `missing` finding (default: true when an expected value is declared).'),
    [`${KEY}/properties/secret`]: d('Compare by keyed fingerprint only; never stored or shown in plain text.'),
    [`${KEY}/properties/owner`]: d('The team that owns the key; carried by its findings.'),
    [`${KEY}/properties/retired`]: { ...d('YYYY-MM-DD: removed from code; still present after this date is a finding.'), ...DATE },
    [`${KEY}/properties/severity`]: d('Severity of the findings that judge this value.'),
    [`${KEY}/properties/shadowed`]: d('Severity of a `shadowed` finding on this key, or `ignore`.'),
    [`${root}/properties/exceptions`]: d('Known, temporary, documented drift.'),
    [`${EXCEPTION}/properties/environment`]: d('An environment name or glob (`production-*`).'),
    [`${EXCEPTION}/properties/group`]: d("A parity group's name."),
    [`${EXCEPTION}/properties/value`]: d('Excuse only this value.'),
    [`${EXCEPTION}/properties/reason`]: d('Why the drift is accepted.'),
    [`${EXCEPTION}/properties/expires`]: { ...d('YYYY-MM-DD, inclusive, UTC.'), ...DATE },
    [`${EXCEPTION}/properties/permanent`]: d('An accepted difference that never expires.'),
    [`${EXCEPTION}/properties/kinds`]: d('Excuse only findings of these kinds.'),
    [`${root}/properties/rules`]: d('Cross-key invariants, judged per environment.'),
    [`${RULE}/properties/assert`]: d('An expression over keys, with units: `payment.timeout * payment.max.retries <= 120s`.'),
    [`${RULE}/properties/environments`]: d('Only these environments (default: all).'),
  };
}

/** Top-level `x-…` fields: the author's own (anchors to merge), read by no schema. */
const EXTENSIONS: Record<string, JsonObject> = {
  '': {
    patternProperties: { [EXTENSION_FIELD.source]: d('Yours: drift reads no `x-` field (a place for YAML anchors to merge with `<<`).') },
  },
};

const NOTES: Record<string, JsonObject> = {
  ...EXTENSIONS,
  '/properties/version': d('The estate file format: 1.'),
  '/properties/name': d("The application; part of every finding. Default: the folder's name."),
  '/properties/environments': { ...d('The environments of the application, by name.'), minProperties: 1 },
  [`${ENV}/properties/region`]: d('The AWS region of live sources (default: the AWS configuration).'),
  [`${ENV}/properties/account`]: d('The AWS account id.'),
  [`${ENV}/properties/roleArn`]: d("The member account's read role drift assumes for live sources."),
  [`${ENV}/properties/sources`]: d('Where the configuration comes from, LOWEST precedence first: a later source overrides an earlier one.'),
  [SOURCE]: {
    ...d(`One source: exactly one of ${SOURCE_TYPES.join(', ')}; \`defaults\` may sit beside it.`),
    minProperties: 1,
    if: { required: ['defaults'] },
    then: { minProperties: 2, maxProperties: 2 },
    else: { maxProperties: 1 },
  },
  [`${SOURCE}/properties/defaults`]: d(
    "A layer of shared defaults: overriding it is never `shadowed` (as `defaults` among the kind's fields).",
  ),
  ...perSource,
  ...recorded,
  '/properties/parity': d('Groups of environments that must agree on every key that is not per-environment.'),
  [`${PARITY}/properties/ignore`]: d('Key globs left out of the comparison (`runtime.*`, `*.url`).'),
  [`${PARITY}/properties/keys`]: d('Key globs: only these are compared (default: all keys).'),
  '/properties/baseline': d('What the configuration should be: inline, or the path of a baseline file relative to drift.yaml.'),
  ...baselineNotes('/properties/baseline/anyOf/1'),
  [NOTIFY]: d('What goes where.'),
  [`${NOTIFY}/properties/sns`]: d('One SNS message per finding lifecycle event, for tickets.'),
  [`${NOTIFY}/properties/sns/properties/onFirstRun`]: d("Whether an installation's first run opens tickets."),
  [`${NOTIFY}/properties/slack`]: d('One Slack digest per window.'),
  [`${NOTIFY}/properties/slack/properties/window`]: d('When the digest goes out: a cron expression (minute hour day month weekday).'),
  [`${NOTIFY}/properties/slack/properties/timezone`]: d('The IANA time zone of `window`.'),
  [`${NOTIFY}/properties/slack/properties/allClear`]: d('Send a digest when there is nothing to report.'),
  [`${NOTIFY}/properties/slack/properties/immediate`]: d(
    'One Slack message at once for each finding a change opens (default: out-of-band changes opening `high` or above); `false`: the digest only.',
  ),
  '/properties/deployers': d(
    'IAM principal ARN globs whose changes are sanctioned (the CI/CD roles); an assumed-role session matches its role. Any other modifier makes a change out-of-band.',
  ),
};

/** zod marks `startsWith` with a `format` no validator knows; its `pattern` already says it. */
const FORMATS_ZOD_INVENTS = new Set(['starts_with', 'ends_with', 'includes']);

/** zod's input side (the file as written), as draft-07 JSON Schema: what editors support best. */
const inputSide = (schema: z.core.$ZodType): JsonObject =>
  z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.format === 'string' && FORMATS_ZOD_INVENTS.has(jsonSchema.format)) delete jsonSchema.format;
    },
  }) as JsonObject;

/** Each section at `root` may be left empty (YAML's null), which the parser reads as absent (withoutEmptySections). */
function emptySectionsAllowed(root: JsonObject, base: string, sections: ReadonlySet<string>): void {
  for (const section of sections) {
    const node = at(root, `${base}/properties/${section}`);
    if (Array.isArray(node.anyOf)) node.anyOf = [...(node.anyOf as JsonObject[]), { type: 'null' }];
    else node.type = [node.type, 'null'];
  }
}

/** The JSON Schema of drift.yaml as written, for editors and validators. */
export function estateJsonSchema(): JsonObject {
  const generated = inputSide(estateSchema);
  annotate(generated, NOTES);
  emptySectionsAllowed(generated, '', ESTATE_SECTIONS.names);
  emptySectionsAllowed(generated, '/properties/baseline/anyOf/1', BASELINE_SECTIONS.names);
  return generated;
}

/** The JSON Schema of a separate baseline file (`baseline: path/to/baseline.yaml`). */
export function baselineJsonSchema(): JsonObject {
  const generated = inputSide(baselineSchema);
  annotate(generated, { ...baselineNotes(''), ...EXTENSIONS });
  emptySectionsAllowed(generated, '', BASELINE_SECTIONS.names);
  return generated;
}
