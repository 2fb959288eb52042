import fc from 'fast-check';
import { audit, auditDocument, type AuditResult } from '../../../lambdas/core/engine/audit';
import { KeySpace } from '../../../lambdas/core/engine/key-space';
import type { Estate } from '../../../lambdas/core/estate/model';
import { sourceLabel, sourceSlot } from '../../../lambdas/core/estate/source-label';
import type { EnvironmentSnapshot } from '../../../lambdas/core/model';
import { fileFormOf } from '../../../lambdas/core/source-kinds/file-forms';
import type { SourceSpec } from '../../../lambdas/core/source-kinds/registry';
import type { RecordedForm } from '../../../lambdas/core/source-kinds/source-kind';
import { baselineSecretPolicy, secretPolicy, type ParseContext } from '../../../lambdas/core/sources/context';
import { Interner } from '../../../lambdas/core/sources/interner';
import { testFingerprinter } from '../../helpers/context';
import { estateFrom, NOW } from '../../helpers/estate';

// The audit's fast path (the interner while sources are read) against its reference (plainInterner),
// on random estates read from recorded files: the same findings, suppressed findings, summary and
// effective configurations.

const fp = testFingerprinter();
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'prod-eu'];
const KEYS = [
  'db.host',
  'db.password',
  'log.level',
  'api.timeout',
  'pool.size',
  'feature.enabled',
  'service.url',
  'stripe.key',
  'auth.header',
  'payment.timeout',
  'payment.max.retries',
  'runtime.replicas',
  'old.flag',
];
const VALUES = [
  'INFO',
  'DEBUG',
  '30s',
  '90s',
  '10',
  '60',
  'true',
  'false',
  'https://api.example.com/v1',
  'postgres://orders:pw@db:5432/orders',
  'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW',
  'AKIAZ7CANARYQ4WXLMNB',
  'x9F2kQ7mZp4LwT8vRb3N',
  'Bearer CANARYopaque7f3k9QzX2mWp4',
  'a'.repeat(80),
  '',
];
const SPECS: object[] = [
  {},
  { type: 'int', value: 10 },
  { type: 'duration', value: '30s', max: '60s' },
  { enum: ['INFO', 'DEBUG'], value: 'INFO' },
  { 'per-environment': true },
  { secret: true },
  { required: true },
  { retired: '2026-01-01' },
  { type: 'bool' },
  { pattern: '^[a-z0-9.:/]+$' },
  { type: 'url', severity: 'high' },
  { type: 'int', min: 20 },
  { shadowed: 'ignore' },
];
const KINDS = ['file', 'dotenv', 'ssm'] as const;
type Kind = (typeof KINDS)[number];

/** How a source spells a canonical key: as it is, SCREAMING_SNAKE or camelCase (one key, as canonicalKey reads them). */
const SPELLINGS = [
  (k: string) => k,
  (k: string) => k.toUpperCase().replace(/\./g, '_'),
  (k: string) => k.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase()),
];

interface SourceDraft {
  kind: Kind;
  entries: Array<[string, string]>;
  spelling: number;
  broken: boolean;
}

/** One recorded file of a source, as its kind records it. */
function fileText(s: SourceDraft): string {
  const spell = SPELLINGS[s.spelling] as (k: string) => string;
  if (s.broken) return s.kind === 'dotenv' ? 'not a dotenv line\n' : '{"broken": ';
  if (s.kind === 'dotenv') return s.entries.map(([k, v]) => `${SPELLINGS[1]?.(k)}='${v}'`).join('\n');
  if (s.kind === 'file') return JSON.stringify(Object.fromEntries(s.entries.map(([k, v]) => [spell(k), v])));
  const Parameters = s.entries.map(([k, v], i) => ({
    Name: `/p/${k.replace(/\./g, '/')}`,
    Type: k.includes('password') ? 'SecureString' : 'String',
    Value: v,
    Version: 1 + (i % 3),
    LastModifiedDate: '2026-11-01T00:00:00.000Z',
    ARN: `arn:aws:ssm:us-east-1:111111111111:parameter/p/${k}`,
  }));
  return JSON.stringify({ Parameters });
}

const fileOf = (env: string, kind: Kind): string =>
  kind === 'file' ? `${env}.json` : kind === 'dotenv' ? `${env}.env` : `${env}-ssm.json`;

/** A slot's keys and values in the first environment; the others mirror it, with drift. */
const baseEntries = fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), {
  selector: ([k]) => k,
  maxLength: KEYS.length,
});
const drifted = (base: Array<[string, string]>) =>
  fc
    .tuple(
      fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant<'keep'>('keep') }, fc.constantFrom<'drop' | 'change'>('drop', 'change')), {
        minLength: base.length,
        maxLength: base.length,
      }),
      fc.array(fc.constantFrom(...VALUES), { minLength: base.length, maxLength: base.length }),
      fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([edits, values, extra, shuffled]) => {
      const kept = base.flatMap(([k, v], i): Array<[string, string]> =>
        edits[i] === 'drop' ? [] : [[k, edits[i] === 'change' ? (values[i] as string) : v]],
      );
      const all = [...kept, ...extra];
      return shuffled ? all.reverse() : all;
    });

interface EstateDraft {
  environments: string[];
  sources: Record<string, SourceDraft[]>;
  doc: object;
}

const estateDraft: fc.Arbitrary<EstateDraft> = fc
  .record({
    environments: fc.shuffledSubarray(ENVIRONMENTS, { minLength: 1 }),
    kinds: fc.subarray([...KINDS], { minLength: 1 }),
    bases: fc.tuple(baseEntries, baseEntries, baseEntries),
    spelling: fc.nat(SPELLINGS.length - 1),
    // runtime.* keys have their built-in types: left undeclared.
    keys: fc.dictionary(fc.constantFrom(...KEYS.filter((k) => !k.startsWith('runtime.'))), fc.constantFrom(...SPECS.keys()), {
      maxKeys: 8,
    }),
    undeclared: fc.constantFrom('info', 'high', 'ignore'),
    undeclaredSecret: fc.boolean(),
    rule: fc.boolean(),
    exceptions: fc.subarray([0, 1, 2]),
    groups: fc.array(fc.tuple(fc.subarray(ENVIRONMENTS, { minLength: 2 }), fc.constantFrom(undefined, ['*.url']), fc.boolean()), {
      maxLength: 2,
    }),
  })
  .chain((d) =>
    fc
      .tuple(
        ...d.environments.map((env, e) =>
          fc.tuple(
            ...d.kinds.map((kind) => {
              const base = d.bases[KINDS.indexOf(kind)] as Array<[string, string]>;
              return fc
                .tuple(
                  e === 0 ? fc.constant(base) : drifted(base),
                  fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, fc.constant(true)),
                )
                .map(([entries, broken]): SourceDraft => ({ kind, entries, spelling: d.spelling, broken }));
            }),
          ),
        ),
      )
      .map((perEnv): EstateDraft => {
        const envs = d.environments;
        const keys: Record<string, object> = Object.fromEntries(Object.entries(d.keys).map(([k, i]) => [k, SPECS[i] as object]));
        if (d.keys['api.timeout'] !== undefined) keys['api.timeout'] = { type: 'duration', values: { [envs[0] as string]: '90s' } };
        const rules = d.rule ? [{ name: 'worst-case-wait', assert: 'payment.timeout * payment.max.retries <= 120s' }] : [];
        if (d.rule) Object.assign(keys, { 'payment.timeout': { type: 'duration' }, 'payment.max.retries': { type: 'int' } });
        const groups = d.groups
          .map(([members, ignore, onlySome], i) => ({
            name: `group-${i}`,
            environments: members.filter((m) => envs.includes(m)),
            ...(ignore ? { ignore } : {}),
            ...(onlySome ? { keys: ['db.*', 'log.level', 'pool.size'] } : {}),
          }))
          .filter((g) => g.environments.length >= 2);
        const exceptions = [
          { environment: envs[0], key: 'log.level', value: 'DEBUG', reason: 'debugging', expires: '2026-12-01' },
          { environment: envs[0], key: 'pool.size', reason: 'an old one', expires: '2026-10-31' },
          ...groups.slice(0, 1).map((g) => ({ group: g.name, key: 'service.url', reason: 'accepted', permanent: true })),
        ].filter((_x, i) => d.exceptions.includes(i));
        // An exception names a declared key.
        for (const ex of exceptions) keys[ex.key] ??= {};
        // What a secret key expects or excuses would be a secret written into the estate file, which every command refuses.
        const isSecret = secretPolicy(new Set(Object.keys(keys).filter((k) => (keys[k] as { secret?: boolean }).secret)));
        for (const [k, spec] of Object.entries(keys)) {
          if (!isSecret(k)) continue;
          const { value: _v, values: _vs, enum: _e, ...rest } = spec as Record<string, unknown>;
          keys[k] = rest;
        }
        for (const ex of exceptions) if (isSecret(ex.key)) delete (ex as { value?: string }).value;
        const doc = {
          version: 1,
          name: 'random',
          environments: Object.fromEntries(
            envs.map((env) => [
              env,
              {
                sources: d.kinds.map((kind) =>
                  kind === 'ssm' ? { ssm: { path: '/p/', from: [fileOf(env, kind)] } } : { [kind]: { from: [fileOf(env, kind)] } },
                ),
              },
            ]),
          ),
          parity: groups,
          baseline: { undeclared: d.undeclared, secrets: { undeclared: d.undeclaredSecret }, keys, exceptions, rules },
        };
        return { environments: envs, sources: Object.fromEntries(envs.map((env, i) => [env, perEnv[i] as SourceDraft[]])), doc };
      }),
  );

/** The snapshots of every environment, read from their recorded files through each kind's reader. */
function snapshots(estate: Estate, draft: EstateDraft, intern: Interner | undefined): EnvironmentSnapshot[] {
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  return estate.environments.map((env) => ({
    environment: env.name,
    sources: env.sources.map((spec: SourceSpec, i) => {
      const label = sourceLabel(spec);
      const ctx: ParseContext = { source: label, fp, isSecretKey, intern: intern?.forSource(sourceSlot(label)) };
      const reader = (fileFormOf(spec).recorded as RecordedForm<SourceSpec>).reader(spec, ctx);
      const draftSource = draft.sources[env.name]?.[i] as SourceDraft;
      const text = fileText(draftSource);
      if (reader.input === 'text') reader.add(fileOf(env.name, draftSource.kind), text);
      else reader.add(fileOf(env.name, draftSource.kind), new TextEncoder().encode(text));
      return { source: label, ...reader.finish() };
    }),
  }));
}

/** Everything an audit says, its effective configurations as plain entries. */
const said = (r: AuditResult) => ({
  document: auditDocument(r),
  configs: r.configs.map((c) => ({ ...c, entries: [...c.entries] })),
});

describe('audit with and without its fast path', () => {
  it('gives the same findings, suppressed findings, summary and effective configurations on random estates', () => {
    let findings = 0;
    fc.assert(
      fc.property(estateDraft, (draft) => {
        const estate = estateFrom(JSON.stringify(draft.doc));
        const fast = audit(estate, snapshots(estate, draft, new Interner()), NOW, new KeySpace());
        const plain = audit(estate, snapshots(estate, draft, undefined), NOW, new KeySpace());
        expect(said(fast)).toEqual(said(plain));
        findings += fast.findings.length;
      }),
      { numRuns: 150 },
    );
    // Not a vacuous comparison: the estates drift.
    expect(findings).toBeGreaterThan(150);
  });

  it('defaults to the predicted key space, which a caller may replace by the reference', () => {
    const draft = fc.sample(estateDraft, { numRuns: 1, seed: 7 })[0] as EstateDraft;
    const estate = estateFrom(JSON.stringify(draft.doc));
    const read = snapshots(estate, draft, new Interner());
    expect(said(audit(estate, read, NOW))).toEqual(said(audit(estate, read, NOW, new KeySpace())));
  });
});
