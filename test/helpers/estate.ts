import { assembleEstate, parseEstateDocument } from '../../lambdas/core/estate/parse-estate';
import type { Estate } from '../../lambdas/core/estate/model';
import { makeValue, type Value } from '../../lambdas/core/values/value';
import type { EnvironmentSnapshot, Observation, SourceSnapshot, SourceType } from '../../lambdas/core/model';
import { testFingerprinter } from './context';
import { ssmReferable } from '../../lambdas/core/source-kinds/ssm-references';

/** An estate from drift.yaml text, through the real parser; throws with the problems if invalid. */
export function estateFrom(yamlText: string, file = 'drift.yaml'): Estate {
  const doc = parseEstateDocument(yamlText, file);
  if (!doc.ok) throw new Error(doc.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  const r = assembleEstate(doc, 'test-estate');
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.estate;
}

type Given = string | Value;

export interface SourceGiven {
  type?: SourceType;
  values?: Record<string, Given>;
  errors?: string[];
  /** An SSM source's path: what it keeps so references into it can be judged missing. */
  ssmPath?: string;
  /** Declared `defaults: true`. */
  defaults?: boolean;
}

/** One source's snapshot from canonical key → text (or Value); strings named like secrets stay plain here. */
export function source(index: number, given: SourceGiven): SourceSnapshot {
  const type = given.type ?? 'file';
  const label = { index, type, label: `${type} #${index}`, ...(given.defaults ? { defaults: true } : {}) };
  const observations: Observation[] = Object.entries(given.values ?? {}).map(([key, v]) => ({
    key,
    rawKey: key,
    value: typeof v === 'string' ? makeValue(v, false, testFingerprinter()) : v,
    origin: { source: label, location: `${type}:${key}` },
  }));
  const referable = given.ssmPath === undefined ? {} : { referable: ssmReferable(given.ssmPath) };
  return { source: label, observations, dangling: [], errors: given.errors ?? [], ...referable };
}

/** An environment snapshot with one source per argument, in precedence order. */
export const snapshot = (environment: string, ...sources: SourceGiven[]): EnvironmentSnapshot => ({
  environment,
  sources: sources.map((s, i) => source(i, s)),
});

/** A drift.yaml with the given environments (one file source each) and extra top-level YAML. */
export function estateYaml(envs: string[], extra = ''): string {
  const environments = envs.map((e) => `  ${e}:\n    sources:\n      - file: { from: ${e}.yml }`).join('\n');
  return `version: 1\nname: shop\nenvironments:\n${environments}\n${extra}`;
}

export const NOW = new Date('2026-11-24T02:00:00Z');

/** A baseline of the story's retry budget: timeout × retries must stay within 120 s, under rule `name` (`attrs`: more of the rule's fields). */
export const paymentRuleBaseline = (name: string, attrs = ''): string => `baseline:
  undeclared: ignore
  keys:
    payment.timeout: { type: duration }
    payment.max.retries: { type: int }
  rules:
    - { name: ${name}, assert: "payment.timeout * payment.max.retries <= 120s"${attrs} }
`;
