import { sourceRef } from '../../core/checks/check-context';
import { apiReadSummary } from '../../core/code/api-reads';
import { openReadsOf, openReadSummary } from '../../core/code/open-reads';
import type { OpenRead } from '../../core/code/code-read';
import { keyCodeRead, type KeyCodeRead } from '../../core/code/key-code-read';
import { fallbackText } from '../../core/code/read-text';
import { absenceUnknown, layersOf, type EffectiveConfig } from '../../core/engine/effective-config';
import { repeatedInSource } from '../../core/engine/repeated-in-source';
import type { Estate, KeySpec } from '../../core/estate/model';
import { keyInEnvironment } from '../../core/estate/key-argument';
import { withParityPeers } from '../../core/estate/parity-peers';
import { hiddenText } from '../../core/values/hidden-names';
import type { Finding } from '../../core/model';
import { displayValue, sanitize, shownExpected, visibleValue } from '../../core/values/value';
import { auditSession } from '../audit-session';
import { historyLines, readHistory } from './history';
import type { CliIo } from '../io';
import { noSuchKey } from './no-such-key';
import { FORMATS, parseFormat, type CommonOptions } from '../options';
import { describeSource } from '../../core/describe-source';
import { painter, SEVERITY_COLOUR } from '../../adapters/reports/paint';
import { useColour } from '../colour';
import { unknownEnvironment } from '../unknown-environment';

function declaration(spec: KeySpec | undefined): string {
  if (!spec) return 'not declared in the baseline';
  const parts: string[] = [];
  if (spec.type) parts.push(`type ${spec.type}`);
  if (spec.value !== undefined) parts.push(`expected ${shownExpected(spec.value)}`);
  for (const [env, v] of Object.entries(spec.values ?? {})) parts.push(`${env}: ${shownExpected(v)}`);
  if (spec.min !== undefined) parts.push(`min ${spec.min}`);
  if (spec.max !== undefined) parts.push(`max ${spec.max}`);
  if (spec.enum) parts.push(`one of ${spec.enum.join(', ')}`);
  if (spec.pattern) parts.push(`pattern ${spec.pattern}`);
  if (spec.perEnvironment) parts.push('per-environment');
  if (spec.required) parts.push('required');
  if (spec.secret) parts.push('secret');
  if (spec.retired) parts.push(`retired ${spec.retired}`);
  if (spec.owner) parts.push(`owner ${spec.owner}`);
  return parts.length ? parts.join(', ') : 'declared';
}

/** Where the code reads the key (only when the estate declares `code:`); `maybe`: a read of a name of no known start. */
function codeLines({ code: reads, codeApi, codeOpen }: KeyCodeRead, maybe: OpenRead | undefined): string[] {
  if (!reads.length) {
    if (codeApi) return [`  the code reads it ${sanitize(apiReadSummary(codeApi))} (by names the scan cannot list)`];
    if (codeOpen) return [`  the code reads it by a name it makes: ${sanitize(openReadSummary(codeOpen))}`];
    return [maybe ? `  no code reads it by name; ${sanitize(openReadSummary(maybe))}, and may read it` : '  no code reads it'];
  }
  return [
    '  the code reads it:',
    ...reads.map((r) => `    ${sanitize(`${r.file}:${r.line}  ${r.name} via ${r.via}: ${fallbackText(r)}`)}`),
  ];
}

/**
 * Why ENV has no value for KEY: a failed source, or a runtime key its sources cannot observe (a recorded
 * task definition says nothing of autoscaling), leaves it unknown, not absent, as the audit and diff judge it.
 */
function noValue(env: string, key: string, config: EffectiveConfig): string {
  if (config.failed.length) return `not set by any source of ${env} (a source failed: see below)`;
  if (absenceUnknown(config, key)) return `unknown in ${env}: none of its sources observes it (unknown, not absent: no missing, no parity)`;
  return `not set by any source of ${env}`;
}

const concerns = (f: Finding, env: string, key: string, groups: string[]): boolean =>
  f.key === key && (f.environment === env || (f.group !== undefined && groups.includes(f.group)));

/** `drift explain ENV KEY`: every source that sets KEY in ENV, in precedence order, and which wins. */
export async function explainCommand(env: string, rawKey: string, opts: CommonOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  // Only ENV and the environments it shares a parity group with: every other check is per environment.
  const peers = (estate: Estate) => withParityPeers(estate, env);
  const { estate, result, folder, fp } = await auditSession({ ...opts, env: undefined }, io, now, false, false, peers);
  const config = result.configs.find((c) => c.environment === env);
  if (!config) throw unknownEnvironment(env, result.environments);
  const key = keyInEnvironment(estate, config, rawKey, (name) => hiddenText(name, fp));
  const spec = estate.baseline.keys.get(key);
  const entry = config.entries.get(key);
  const code = result.code && keyCodeRead(result.code, key, () => layersOf(config, key).map((o) => o.origin.source.type));
  if (!entry && !spec && !code?.code.length) {
    throw noSuchKey(env, rawKey, key, config.entries.keys(), (name) => hiddenText(name, fp));
  }
  const groups = estate.parity.filter((g) => g.environments.includes(env)).map((g) => g.name);
  const findings = result.findings.filter((f) => concerns(f, env, key, groups));
  const suppressed = result.suppressed.filter((f) => concerns(f, env, key, groups));
  const layers = layersOf(config, key).map((l, i, all) => ({
    value: displayValue(l.value),
    source: sourceRef(l.origin),
    label: l.origin.source.label,
    wins: i === all.length - 1,
    repeated: repeatedInSource(config, l).map((r) => ({ value: displayValue(r.value), source: sourceRef(r.origin) })),
  }));

  // A query never writes: history is read only when a store already exists or one is named.
  const history = opts.store === false ? undefined : await readHistory(opts.store, estate, env, key, folder.ensure);
  if (format === 'json') {
    const doc = {
      environment: env,
      key,
      declaration: spec ? declaration(spec) : null,
      effective: layers.at(-1) ?? null,
      // No value there may say nothing of the key (see noValue): unknown, not absent.
      ...(layers.length ? {} : { unknown: absenceUnknown(config, key) }),
      layers,
      findings,
      suppressed,
      history: history?.changes ?? null,
      ...code,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  const paint = painter(useColour(io.stdout, io.env));
  const out = [paint('bold', `${sanitize(key)} in ${env}`), `  baseline: ${sanitize(declaration(spec))}`, ''];
  if (!layers.length) out.push(`  ${noValue(env, key, config)}`);
  else out.push(`  sources, lowest precedence first:`);
  layers.forEach((l, i) => {
    const mark = l.wins ? paint('green', '→ wins') : paint('dim', '  hidden');
    out.push(
      `  ${i + 1}. ${mark}  ${visibleValue(sanitize(l.value))}`,
      `        ${sanitize(describeSource(l.source))}`,
      paint('dim', `        (${sanitize(l.label)})`),
      ...l.repeated.map((r) =>
        paint(
          'yellow',
          `        set earlier in the same source, hidden by the later: ${visibleValue(sanitize(r.value))} at ${sanitize(r.source.location)}`,
        ),
      ),
    );
  });
  const resolvedFrom = config.resolvedFrom.get(key);
  if (resolvedFrom) out.push(`  the reference resolves to ${sanitize(describeSource(sourceRef(resolvedFrom)))}`);
  for (const s of config.failed)
    out.push(paint('yellow', `  ! ${sanitize(s.source.label)} could not be read: ${sanitize(s.errors.join('; '))}`));
  out.push('');
  if (code && result.code) out.push(...codeLines(code, openReadsOf(result.code.openReads, key).maybe), '');
  if (findings.length || suppressed.length) {
    out.push('  findings:');
    for (const f of findings)
      out.push(`    ${paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase())} ${f.kind}: ${sanitize(f.message)}`);
    for (const f of suppressed)
      out.push(
        `    suppressed ${f.kind}: ${sanitize(f.message)} (exception: ${sanitize(f.exception?.reason ?? '')}, ${f.exception?.expires !== undefined ? `expires ${f.exception.expires}` : 'permanent'})`,
      );
  } else out.push('  no findings');
  out.push('', '  history:', ...(history ? historyLines(history) : ['  not kept (--no-store)']));
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
