import { parseRule } from '../rules/parse-rule';
import type { RuleNode } from '../rules/rule-ast';
import { declaredSecrecy, secretPolicy } from '../sources/context';
import { holdsSecretContent, secretInText } from '../values/content-secrets';
import { urlSecretSpans } from '../values/url-secrets';
import { fromSecretMarker } from '../values/secret-marker';
import type { EstateProblem } from './estate-error';
import type { Baseline, Estate, Position } from './model';

export const REFUSED =
  'drift.yaml is kept in git: a secret written here is a leak (drift compares secrets across environments by fingerprint, never by a written value)';
// A key that is secret by its name only may be a setting about a secret: its owner can say so.
const NOT_A_SECRET = '; if the name misleads (a token lifetime, a count of tokens), declare the key `secret: false`';

/** Literals of a rule that hold a credential, alone or as what a key is compared with (`ci.access == "ghp_…"`). */
function secretLiterals(node: RuleNode, out: string[] = []): string[] {
  switch (node.kind) {
    case 'literal':
      if (node.value.type === 'string' && holdsSecretContent(node.value.value)) out.push(node.raw);
      break;
    case 'key':
      break;
    case 'unary':
      secretLiterals(node.arg, out);
      break;
    case 'conditional':
      for (const n of [node.test, node.then, node.else]) secretLiterals(n, out);
      break;
    default: {
      const { left, right } = node;
      const keyed =
        left.kind === 'key' ? { key: left.key, other: right } : right.kind === 'key' ? { key: right.key, other: left } : undefined;
      const other = keyed?.other;
      if (keyed && other?.kind === 'literal' && other.value.type === 'string' && holdsSecretContent(other.value.value, keyed.key))
        out.push(other.raw);
      else {
        secretLiterals(left, out);
        secretLiterals(right, out);
      }
    }
  }
  return out;
}

/** Whether a rule writes a credential in a literal: its problems must not print the expression. */
export const holdsSecretLiteral = (ast: RuleNode): boolean => secretLiterals(ast).length > 0;

// A pattern's own syntax (anchors, groups, alternatives) is no separator the content rules know:
// `^(INFO|--password=…)$` spells out `--password=…` as plainly as a value would.
const REGEX_SYNTAX = /\(\?(?:[:=!]|<[=!])|[\^$()|]/g;
const patternHoldsSecret = (pattern: string): boolean =>
  holdsSecretContent(pattern) || holdsSecretContent(pattern.replace(REGEX_SYNTAX, ' '));

/**
 * Whether words written for people (an owner, a description, an exception's reason or ticket) hold a credential: a
 * token's shape or a URL's password. Not the words around a secret (`--password value`, `secret=`), which prose about
 * one uses: a reason saying what was rotated is no leak, and refusing it would stop every command.
 */
export const proseHoldsSecret = (text: string): boolean => secretInText(text) || urlSecretSpans(text).length > 0;

const fallback = (baseline: Baseline): Position => ({ file: baseline.file, line: 1, column: 1 });

/**
 * Secrets written into the estate file in plain text, each named by position and field, never by
 * value: an expected or allowed value (`value:`, `values:`, `enum:`) of a key that is secret
 * (declared `secret: true`, under such a key, or named like a secret), any expected, allowed or
 * excused value whose content is a credential, a pattern that spells one out, and credential-shaped
 * literals in rules. Every command refuses them (assembleEstate).
 */
export function secretLiteralProblems(
  estate: Estate,
  /** Where the exception numbered `index` writes its value; the baseline file's start when not told. */
  exceptionAt: (index: number) => Position = () => fallback(estate.baseline),
): EstateProblem[] {
  const { baseline } = estate;
  const declared = declaredSecrecy(baseline);
  const isSecretKey = secretPolicy(declared.secret, undefined, declared.plain);
  const byNameOnly = (key: string): boolean => !secretPolicy(declared.secret, undefined, new Set([key]))(key);
  const out: EstateProblem[] = [];
  for (const spec of baseline.keys.values()) {
    // Read only for a problem: a position parses the estate file with positions (see readYaml).
    const at = () => spec.at ?? fallback(baseline);
    const written: Array<[string, string]> = [
      ...(spec.value !== undefined ? [['value', spec.value] as [string, string]] : []),
      ...Object.entries(spec.values ?? {}).map(([env, v]): [string, string] => [`values.${env}`, v]),
      // The values a key may take are as many values written here.
      ...(spec.enum ?? []).map((v, i): [string, string] => [`enum[${i}]`, v]),
    ];
    for (const [field, text] of written) {
      // A fingerprint marker (what `drift adopt` writes for a secret) names a secret without holding it.
      if (fromSecretMarker(text)) continue;
      if (isSecretKey(spec.key))
        out.push({
          ...at(),
          message: `keys.${spec.key}.${field}: ${spec.key} is a secret key, so its ${field} is a secret in plain text; ${REFUSED}${byNameOnly(spec.key) ? NOT_A_SECRET : ''}`,
        });
      else if (holdsSecretContent(text, spec.key))
        out.push({ ...at(), message: `keys.${spec.key}.${field}: holds a credential in plain text; ${REFUSED}` });
    }
    // A pattern that spells out a credential holds it; judged by shape alone, as a pattern is no value of its key.
    if (spec.pattern !== undefined && patternHoldsSecret(spec.pattern))
      out.push({ ...at(), message: `keys.${spec.key}.pattern: holds a credential in plain text; ${REFUSED}` });
    for (const field of ['owner', 'description'] as const) {
      const prose = spec[field];
      if (prose !== undefined && proseHoldsSecret(prose))
        out.push({ ...at(), message: `keys.${spec.key}.${field}: holds a credential in plain text; ${REFUSED}` });
    }
  }
  baseline.exceptions.forEach((e, i) => {
    for (const field of ['reason', 'ticket'] as const) {
      const prose = e[field];
      if (prose !== undefined && proseHoldsSecret(prose))
        out.push({ ...exceptionAt(i), message: `exceptions[${i}].${field}: holds a credential in plain text; ${REFUSED}` });
    }
    if (e.value === undefined) return;
    if (isSecretKey(e.key) || holdsSecretContent(e.value, e.key))
      out.push({ ...exceptionAt(i), message: `exceptions[${i}].value: a secret in plain text (key ${e.key}); ${REFUSED}` });
  });
  baseline.rules.forEach((r, i) => {
    if (r.description !== undefined && proseHoldsSecret(r.description))
      out.push({
        ...(r.at ?? fallback(baseline)),
        message: `rules[${i}] ${r.name}: its description holds a credential in plain text; ${REFUSED}`,
      });
    const parsed = parseRule(r.assert);
    const found = parsed.ok ? secretLiterals(parsed.rule.ast).length : 0;
    if (found)
      out.push({
        ...(r.at ?? fallback(baseline)),
        message: `rules[${i}] ${r.name}: ${found === 1 ? 'a literal holds' : `${found} literals hold`} a credential in plain text; ${REFUSED}`,
      });
  });
  return out;
}
