import { judgedByCode } from '../code/code-reads';
import type { CodeRead } from '../code/code-read';
import { defaultText } from '../code/default-text';
import { declaredType, identity } from '../engine/equality';
import { fallbackText, readAt, withoutDefault } from '../code/read-text';
import { activeProfiles, readIn } from '../code/spring-profiles';
import { readAsHost } from '../code/host-environment';
import { readUnderSettings, settingsModule } from '../code/django-settings';
import type { EffectiveConfig } from '../engine/effective-config';
import type { KeySpec, ParityGroup } from '../estate/model';
import type { Finding } from '../model';
import { atLeast, type Severity } from '../severity';
import { textValue } from '../values/value';
import { expectedValue, type Check, type CheckContext } from './check-context';
import { groupKeys } from './parity';

/** A parity group with its key test, compiled once per run. */
type ComparingGroup = { group: ParityGroup; compares: (key: string) => boolean };

/** The environments that set the key in a parity group `config` belongs to and that compares it. */
function peersSetting(ctx: CheckContext, groups: readonly ComparingGroup[], config: EffectiveConfig, key: string): string[] {
  const out: string[] = [];
  for (const { group, compares } of groups) {
    if (!group.environments.includes(config.environment) || !compares(key)) continue;
    for (const env of group.environments)
      if (env !== config.environment && ctx.byEnvironment.get(env)?.entries.has(key) && !out.includes(env)) out.push(env);
  }
  return out;
}

/** Whether every read falls back to the baseline's expected value, as the key's type compares: the environment runs it. */
function defaultsToExpected(key: string, spec: KeySpec, expected: string, reads: readonly CodeRead[]): boolean {
  const type = declaredType(key, spec);
  const want = identity(textValue(expected), type);
  return (
    want !== undefined &&
    reads.every((r) => {
      const text = defaultText(r);
      return text !== undefined && identity(textValue(text), type) === want;
    })
  );
}

const higher = (a: Severity, b: Severity): Severity => (atLeast(a, b) ? a : b);

/**
 * `unset`: the code reads a key the environment does not set. `high` when a read takes no default,
 * `medium` when every read falls back (the message names the parity peers that set it); a key the
 * baseline requires keeps at least the severity `missing` would have given it (which steps aside:
 * one fact, one finding, and this one says what the code will do), unless its expected value is
 * what every read defaults to and no `required: true` asks for it to be set.
 */
export const unsetCheck: Check = {
  id: 'unset',
  run(ctx) {
    const { code } = ctx;
    if (!code) return [];
    const groups = ctx.estate.parity.map((group) => ({ group, compares: groupKeys(group) }));
    // What each environment runs, read once: its Spring profiles and its Django settings module.
    const runs = new Map(ctx.configs.map((c) => [c, { profiles: activeProfiles(c), module: settingsModule(c) }]));
    const out: Finding[] = [];
    for (const [key, reads] of code.reads) {
      if (!judgedByCode(code, key) || code.aliases.has(key)) continue;
      const alsoSetBy = [...new Set(reads.flatMap((r) => r.also ?? []))];
      const spec = ctx.spec(key);
      for (const config of ctx.configs) {
        // A failed source may hold the key: judge the environment only on what it has.
        if (config.failed.length > 0 || config.entries.has(key) || alsoSetBy.some((a) => config.entries.has(a))) continue;
        const expected = expectedValue(spec, config.environment);
        const required = spec !== undefined && !spec.retired && (spec.required ?? expected !== undefined);
        // Reads in the file of a profile, or a Django settings module, the environment does not run never happen there;
        // a required key is still judged.
        const { profiles, module } = runs.get(config)!;
        // A .NET host falls back to the appsettings file of the environment it runs as, node-config to config/NODE_ENV.json.
        // A read in a branch taken only with other keys set (`if 'SENTRY_DSN' in os.environ:`) never runs without them.
        const guardsSet = (r: CodeRead): boolean => r.onlyWhereSet?.every((k) => config.entries.has(k)) ?? true;
        const running = reads
          .filter((r) => readIn(r, profiles) && readUnderSettings(r, module) && guardsSet(r))
          .map((r) => readAsHost(r, config));
        if (running.length === 0 && !required) continue;
        const live = running.length ? running : reads.map((r) => readAsHost(r, config));
        const failing = withoutDefault(live);
        const first = failing[0] ?? live[0]!;
        const peers = peersSetting(ctx, groups, config, key);
        // The spec's severities: high without a default, medium with one (a peer that sets the key is named, not weighed).
        let severity: Severity = failing.length ? 'high' : 'medium';
        // An expected value the code defaults to is what the environment runs: only an explicit `required: true` asks for it set.
        const runsExpected =
          required && spec.required === undefined && expected !== undefined && defaultsToExpected(key, spec, expected, live);
        if (required && !runsExpected) severity = higher(severity, spec.severity ?? 'high');
        const more = live.length > 1 ? ` +${live.length - 1} more` : '';
        // A retired key's peers hold what the retired feature left: no value to copy.
        const why = [
          spec?.retired && ctx.today > spec.retired
            ? `it was retired on ${spec.retired}, yet the code reads it again`
            : peers.length
              ? `${peers.join(', ')} set${peers.length === 1 ? 's' : ''} it`
              : '',
          runsExpected ? "its default is the baseline's expected value" : required ? 'the baseline requires it' : '',
        ]
          .filter(Boolean)
          .map((w) => `; ${w}`)
          .join('');
        out.push(
          ctx.make({
            kind: 'unset',
            severity,
            environment: config.environment,
            key,
            subject: key,
            owner: spec?.owner,
            message: `${key} is not set in ${config.environment} but the code reads ${first.name} at ${readAt(first)}${more}: ${fallbackText(first)}${why}`,
          }),
        );
      }
    }
    return out;
  },
};
