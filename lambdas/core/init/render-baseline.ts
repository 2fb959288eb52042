import { runtimeKeyType } from '../runtime-keys';
import { yamlQuoted } from '../yaml-quoted';
import type { KeyProposal } from './infer-key';
import type { ParityProposal } from './propose-parity';

const PLAIN_KEY = /^[a-z0-9][a-z0-9._-]*$/i;
const PLAIN_VALUE = /^[A-Za-z][A-Za-z0-9_./-]*$/;
// Words YAML reads as something else than text.
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const KEY_WIDTH_CAP = 40;

/** A scalar as YAML reads it back to the same text: plain where safe, else double-quoted with nothing invisible. */
export const yamlScalar = (text: string, plain = PLAIN_VALUE): string =>
  plain.test(text) && !YAML_WORDS.test(text) ? text : yamlQuoted(text);

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/** A typed expected value: plain where YAML's reading of it compares equal under the type (`8080`, `true`). */
function valueScalar(p: KeyProposal & { value: string }): string {
  const type = p.type ?? runtimeKeyType(p.key);
  if (type && type !== 'string' && (NUMERIC.test(p.value) || /^(true|false)$/.test(p.value))) return p.value;
  return yamlScalar(p.value);
}

function flowOf(p: KeyProposal): string {
  const fields: string[] = [];
  if (p.type) fields.push(`type: ${p.type}`);
  if (p.value !== undefined) fields.push(`value: ${valueScalar({ ...p, value: p.value })}`);
  if (p.secret) fields.push('secret: true');
  if (p.perEnvironment) fields.push('per-environment: true');
  if (p.required !== undefined) fields.push(`required: ${p.required}`);
  return fields.length ? `{ ${fields.join(', ')} }` : '{}';
}

/** The `keys:` entries, aligned, each with its reason as a comment; indented by `indent`. */
export function renderKeys(keys: readonly KeyProposal[], indent: string): string[] {
  const names = keys.map((p) => `${yamlScalar(p.key, PLAIN_KEY)}:`);
  const width = Math.min(KEY_WIDTH_CAP, Math.max(0, ...names.map((n) => n.length)));
  const flows = keys.map(flowOf);
  const flowWidth = Math.min(KEY_WIDTH_CAP, Math.max(0, ...flows.map((f) => f.length)));
  return keys.map((p, i) => `${indent}${(names[i] as string).padEnd(width)} ${(flows[i] as string).padEnd(flowWidth)}  # ${p.comment}`);
}

/** The whole `baseline:` block, with a first comment saying where it came from. */
export function renderBaseline(keys: readonly KeyProposal[], date: string): string {
  return [
    `baseline:`,
    `  # Written by \`drift init\` on ${date} from what the environments ran. Review it: an expected`,
    `  # value where every environment agreed; keys that differ are left to parity, as findings to review.`,
    `  keys:`,
    ...renderKeys(keys, '    '),
    '',
  ].join('\n');
}

/** The `parity:` block: each proposed group with why it was proposed. */
export function renderParity(groups: readonly ParityProposal[]): string {
  if (!groups.length) return '';
  const lines = ['parity:', '  # Proposed by `drift init` from the environment names and regions.'];
  for (const g of groups) {
    lines.push(`  # ${g.why}`);
    lines.push(
      `  - { name: ${yamlScalar(g.name, PLAIN_KEY)}, environments: [${g.environments.map((e) => yamlScalar(e, PLAIN_KEY)).join(', ')}] }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
