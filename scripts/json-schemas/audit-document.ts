import { z } from 'zod';
import { AUDIT_SCHEMA, type AuditSummary, type auditDocument } from '../../lambdas/core/engine/audit';
import { SOURCE_TYPES, type SourceType } from '../../lambdas/core/source-kinds/registry';
import { FINDING_KINDS, KIND_NAMES } from '../../lambdas/core/kinds';
import type { ExceptionRef, Finding, SourceRef } from '../../lambdas/core/model';
import { SEVERITIES, type Severity } from '../../lambdas/core/severity';

// The document `drift audit --format json` prints (spec section 4), as zod, so its JSON Schema is
// generated like drift.yaml's. The checks at the end make tsc fail when this and the types
// behind the printed document (Finding, AuditResult) disagree on a single field.

const kind = z
  .enum(KIND_NAMES as [keyof typeof FINDING_KINDS, ...Array<keyof typeof FINDING_KINDS>])
  .describe('The finding kind (spec section 4).');
const severity = z.enum(SEVERITIES);

const sourceRef = z
  .strictObject({
    type: z.enum(SOURCE_TYPES as [SourceType, ...SourceType[]]).describe('The kind of source, as drift.yaml names it.'),
    location: z.string().describe('Where the value was read: an SSM parameter, a file and key path, `ConfigMap ns/name KEY`, …'),
    version: z
      .union([z.string(), z.number()])
      .optional()
      .describe('The platform’s version: SSM parameter version, task definition revision, Kubernetes resourceVersion.'),
    modifiedAt: z.string().optional().describe('When the platform says the value was last changed.'),
    modifiedBy: z.string().optional().describe('Who the platform says changed it last (an ARN, a user).'),
  })
  .meta({ id: 'SourceRef' });

const hiddenValue = sourceRef
  .extend({ value: z.string().describe('The value this source sets, hidden by the effective one (secrets as `<secret:…>`).') })
  .meta({ id: 'HiddenValue' });

const exceptionRef = z
  .strictObject({
    environment: z.string().optional().describe('The environment (or glob) the exception names.'),
    group: z.string().optional().describe('The parity group the exception names.'),
    key: z.string(),
    value: z.string().optional().describe('With a value, only that value is excused.'),
    reason: z.string(),
    ticket: z.string().optional(),
    expires: z.string().optional().describe('Inclusive, UTC, as YYYY-MM-DD; absent for a permanent exception.'),
    permanent: z.boolean().optional(),
  })
  .meta({ id: 'ExceptionRef' });

const findingCause = z
  .strictObject({
    id: z.string().min(1).describe('The id of the finding that explains this one.'),
    kind,
    severity,
    environment: z.string().describe('The member environment it is in.'),
  })
  .meta({ id: 'FindingCause' });

const finding = z
  .strictObject({
    id: z.string().min(1).describe('Stable per subject (estate, kind, environment or group, key, rule or source), whatever the values.'),
    kind,
    severity,
    estate: z.string(),
    environment: z.string().optional().describe('Environment findings: the environment.'),
    group: z.string().optional().describe('Parity findings: the parity group.'),
    key: z.string().optional().describe('The canonical key.'),
    rule: z.string().optional().describe('Rule findings: the rule’s name.'),
    expected: z.string().optional().describe('What the baseline expects (for `changed`: the value before).'),
    actual: z.string().optional().describe('What the environment runs (for `changed`: the value after).'),
    values: z
      .record(z.string(), z.string().nullable())
      .optional()
      .describe('Parity findings: one entry per environment of the group, null where absent.'),
    notCompared: z
      .array(z.string())
      .optional()
      .describe(
        'Parity findings: the members whose value took no part in the comparison (a failed source, an unreadable value, replicas an autoscaler owns).',
      ),
    source: sourceRef.optional().describe('Where the effective value comes from.'),
    hidden: z.array(hiddenValue).optional().describe('Shadowed findings: the sources whose values the effective one hides.'),
    owner: z.string().optional().describe('The key’s owner, from the baseline.'),
    message: z.string().describe('One line for people.'),
    status: z.enum(['new', 'open']).optional().describe('With a store: `new` the first run it is seen, `open` after.'),
    firstSeen: z.string().optional().describe('With a store: the start of the run that first saw this episode (ISO 8601).'),
    exception: exceptionRef.optional().describe('Suppressed findings: the exception that excuses it.'),
    expiresSoon: z.boolean().optional().describe('Suppressed findings: the exception expires within 7 days.'),
    outOfBand: z
      .boolean()
      .optional()
      .describe('A change by someone not among `deployers:`: on `changed`, and on the findings such a change opened.'),
    changedBy: z.string().optional().describe('Out-of-band: who made the change, as the platform names them.'),
    changedAt: z.string().optional().describe('Out-of-band: when the change was made (ISO 8601), where the platform says.'),
    notInEffect: z
      .object({
        by: z.string().describe("The deciding source's label."),
        value: z.string().describe('Its value, as outputs show it (a secret as its fingerprint marker).'),
      })
      .optional()
      .describe(
        '`changed`: another source decides the key (for a removal, still sets it), so the change is not what the environment runs.',
      ),
    causedBy: z
      .array(findingCause)
      .optional()
      .describe(
        'Parity findings: the findings of members that explain the difference (the key absent there, or read through a reference to nothing); one cause with them, ticketed with them.',
      ),
  })
  .meta({ id: 'Finding' });

const resolvedFinding = finding
  .extend({
    reason: z
      .string()
      .describe('Why it is no longer seen: value fixed, excused by an exception, key made per-environment, source removed, …'),
  })
  .meta({ id: 'ResolvedFinding' });

const count = z.number().int().min(0);
const bySeverityShape = Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<Severity, typeof count>;

const summary = z
  .strictObject({
    bySeverity: z.strictObject(bySeverityShape).describe('Findings per severity (every severity present).'),
    byKind: z.partialRecord(kind, z.number().int().min(1)).describe('Findings per kind (only kinds that occur).'),
    rulesSkipped: count.describe('Rule evaluations skipped because their keys were absent.'),
  })
  .meta({ id: 'Summary' });

/** The zod schema of the drift-audit/v1 document. */
export const auditDocumentSchema = z.strictObject({
  schema: z.literal(AUDIT_SCHEMA),
  generatedAt: z.iso.datetime().describe('When the audit ran (the `--as-of` instant for a what-if audit).'),
  estate: z.string().describe('The estate’s name.'),
  environments: z.array(z.string()).describe('The environments audited, in drift.yaml’s order.'),
  findings: z.array(finding).describe('Live findings, in a fixed order: by environment, then parity group, most severe first.'),
  suppressed: z.array(finding).describe('Findings excused by a live exception (each with `exception`).'),
  resolved: z.array(resolvedFinding).describe('With a store: findings of earlier runs that this run no longer sees.'),
  summary: summary,
});

// Compile-time agreement with the types the CLI prints. Mutual assignability alone would let an
// optional field exist on one side only, hence the key comparison too.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agrees<A, B> = Same<A, B> extends true ? (Same<keyof A, keyof B> extends true ? true : false) : false;
const agree = <T extends true>(t: T): T => t;
agree<Agrees<z.infer<typeof sourceRef>, SourceRef>>(true);
agree<Agrees<z.infer<typeof hiddenValue>, NonNullable<Finding['hidden']>[number]>>(true);
agree<Agrees<z.infer<typeof exceptionRef>, ExceptionRef>>(true);
agree<Agrees<z.infer<typeof finding>, Finding>>(true);
agree<Agrees<z.infer<typeof summary>, AuditSummary>>(true);
agree<Agrees<z.infer<typeof auditDocumentSchema>, ReturnType<typeof auditDocument>>>(true);
