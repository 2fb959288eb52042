import { NAME_SHAPE } from '../estate/schema';
import { sanitize } from '../values/value';
import { proposed, type DiscoverScope, type DiscoveredSource } from './discovered';
import { yamlScalar } from './render-baseline';

const PLAIN = /^[A-Za-z0-9_./-]+$/;
const field = (name: string, value: string): string => `${name}: ${yamlScalar(value, PLAIN)}`;

/** A guess (`Prod US`, `_blue`) as a name drift.yaml accepts (`Prod-US`, `blue`): the skeleton validates as printed. */
export function environmentName(guess: string): string {
  if (NAME_SHAPE.test(guess)) return guess;
  const name = guess.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name || 'default';
}

/**
 * A drift.yaml to edit from what `--discover` found: one environment per proposal (its name a
 * guess, said so), its sources with what was found as a comment. Nothing is guessed silently.
 */
export function renderSkeleton(scope: DiscoverScope, found: readonly DiscoveredSource[]): string {
  const lines = [
    `# A drift.yaml skeleton from \`drift init --discover\` in ${sanitize(scope.region)}. The environment names are`,
    '# guesses from paths, services and workloads: rename, merge (an environment may have several',
    '# sources, lowest precedence first) and drop what this application does not run, then run',
    '# `drift init` to write the baseline from what they run.',
  ];
  for (const f of found)
    if (f.leftOut !== undefined) lines.push(`# Left out: ${sanitize(`${f.note}: ${f.leftOut}`).replace(/\s+/g, ' ')}.`);
  lines.push('version: 1', 'environments:');
  const byEnv = new Map<string, DiscoveredSource[]>();
  for (const f of proposed(found)) {
    const env = environmentName(f.environment);
    byEnv.set(env, [...(byEnv.get(env) ?? []), f]);
  }
  for (const [env, sources] of byEnv) {
    lines.push(`  ${yamlScalar(env, PLAIN)}:`, `    region: ${yamlScalar(scope.region, PLAIN)}`, '    sources:');
    for (const s of sources) {
      const fields = Object.entries(s.fields).map(([k, v]) => field(k, v));
      lines.push(`      - ${s.type}: { ${fields.join(', ')} }   # ${sanitize(s.note).replace(/\s+/g, ' ')}`);
    }
  }
  if (!byEnv.size) lines.push('  {}   # nothing found: check the region, the names and the credentials');
  return `${lines.join('\n')}\n`;
}
