import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { segments, type EstatePlan, type SourcePlan } from './estate-plan';

/** One value a source sets, in the order its file holds it (what decides a key repeated inside the source). */
export interface Leaf {
  key: string;
  /** The name it is set under (a file's path joined with dots): one name set twice is set once, two names are two. */
  spelling: string;
  text: string;
}

/** A nested document: insertion order is document order. */
type Tree = Map<string, Tree | { leaf: Leaf; native: boolean }>;
const isTree = (n: unknown): n is Tree => n instanceof Map;

/** The tree a JSON or YAML source writes; an entry whose path collides with another's is left out. */
function treeOf(source: SourcePlan): Tree {
  const root: Tree = new Map();
  for (const e of source.entries) {
    const segs = segments(e.key, e.spelling);
    let node = root;
    let ok = true;
    for (const s of segs.slice(0, -1)) {
      const next = node.get(s);
      if (next === undefined) node.set(s, (node = new Map()));
      else if (isTree(next)) node = next;
      else ok = false;
      if (!ok) break;
    }
    const last = segs[segs.length - 1] as string;
    if (ok && !node.has(last)) node.set(last, { leaf: { key: e.key, spelling: segs.join('.'), text: e.text }, native: e.native });
  }
  return root;
}

function leavesOf(tree: Tree, out: Leaf[] = []): Leaf[] {
  for (const n of tree.values()) {
    if (isTree(n)) leavesOf(n, out);
    else out.push(n.leaf);
  }
  return out;
}

const NATIVE = /^(0|[1-9]\d*|true|false)$/;

function jsonOf(tree: Tree): unknown {
  const o: Record<string, unknown> = {};
  for (const [k, n] of tree) {
    if (isTree(n)) o[k] = jsonOf(n);
    else if (n.native && NATIVE.test(n.leaf.text)) o[k] = JSON.parse(n.leaf.text);
    else o[k] = n.leaf.text;
  }
  return o;
}

const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const PLAIN = /^([A-Za-z][A-Za-z0-9._/:-]*|\d+(ms|s|m|h|Mi|Gi|G|M))$/;

/** A YAML scalar that reads back as `text`: plain where YAML's core schema keeps it a string, else double-quoted. */
function yamlScalar(text: string, native: boolean): string {
  if (native && NATIVE.test(text)) return text;
  if (PLAIN.test(text) && !YAML_WORDS.test(text)) return text;
  return JSON.stringify(text);
}

function yamlOf(tree: Tree, indent = ''): string {
  let out = '';
  for (const [k, n] of tree) {
    if (isTree(n)) out += n.size ? `${indent}${k}:\n${yamlOf(n, `${indent}  `)}` : `${indent}${k}: {}\n`;
    else out += `${indent}${k}: ${yamlScalar(n.leaf.text, n.native)}\n`;
  }
  return out;
}

const dotenvValue = (text: string): string => (/^[A-Za-z0-9._/:+-]*$/.test(text) ? text : JSON.stringify(text));

/** Writes one source's file; returns its drift.yaml entry and the values it sets, in file order. */
function writeSource(dir: string, env: string, i: number, s: SourcePlan): { yaml: string; leaves: Leaf[] } {
  const defaults = s.defaults ? ', defaults: true' : '';
  if (s.kind === 'dotenv') {
    const file = `${env}-${i}.env`;
    const lines = s.entries.map((e) => `${segments(e.key, e.spelling).join('')}=${dotenvValue(e.text)}`);
    writeFileSync(path.join(dir, file), lines.join('\n') + '\n');
    return {
      yaml: `{ dotenv: { from: ${file} }${defaults} }`,
      leaves: s.entries.map((e) => ({ key: e.key, spelling: segments(e.key, e.spelling).join(''), text: e.text })),
    };
  }
  if (s.kind === 'ssm') {
    const file = `${env}-${i}-ssm.json`;
    const prefix = `/${env}/app/`;
    const Parameters = s.entries.map((e, n) => ({
      Name: prefix + segments(e.key, e.spelling).join(''),
      Type: 'String',
      Value: e.text,
      Version: n + 1,
      LastModifiedDate: '2026-11-01T00:00:00.000000+00:00',
      ARN: `arn:aws:ssm:us-east-1:111111111111:parameter${prefix}${n}`,
      DataType: 'text',
    }));
    writeFileSync(path.join(dir, file), JSON.stringify({ Parameters }, null, 2));
    return {
      yaml: `{ ssm: { path: ${prefix}, from: ${file} }${defaults} }`,
      leaves: s.entries.map((e) => ({ key: e.key, spelling: segments(e.key, e.spelling).join(''), text: e.text })),
    };
  }
  const tree = treeOf(s);
  const file = `${env}-${i}.${s.kind === 'json' ? 'json' : 'yml'}`;
  writeFileSync(path.join(dir, file), s.kind === 'json' ? JSON.stringify(jsonOf(tree), null, 2) : yamlOf(tree) || '{}\n');
  return { yaml: `{ file: { from: ${file} }${defaults} }`, leaves: leavesOf(tree) };
}

/** What each environment's sources set, lowest precedence first, each in file order. */
export type Written = Record<string, Array<{ defaults: boolean; leaves: Leaf[] }>>;

const q = (s: string): string => JSON.stringify(s);

function baselineYaml(plan: EstatePlan): string {
  let out = `baseline:\n  undeclared: ${plan.undeclared}\n  keys:\n`;
  const entries = Object.entries(plan.keys);
  if (!entries.length) out = `baseline:\n  undeclared: ${plan.undeclared}\n  keys: {}\n`;
  for (const [key, d] of entries) {
    const f: string[] = [];
    if (d.type) f.push(`type: ${d.type}`);
    if (d.value !== undefined) f.push(`value: ${q(d.value)}`);
    if (d.values)
      f.push(
        `values: { ${Object.entries(d.values)
          .map(([e, v]) => `${e}: ${q(v)}`)
          .join(', ')} }`,
      );
    if (d.required !== undefined) f.push(`required: ${d.required}`);
    if (d.perEnvironment) f.push('per-environment: true');
    if (d.retired) f.push(`retired: ${d.retired}`);
    if (d.enum) f.push(`enum: [${d.enum.join(', ')}]`);
    if (d.min) f.push(`min: ${q(d.min)}`);
    if (d.max) f.push(`max: ${q(d.max)}`);
    if (d.shadowed) f.push(`shadowed: ${d.shadowed}`);
    out += `    ${key}: { ${f.join(', ')} }\n`;
  }
  if (plan.exceptions.length) {
    out += '  exceptions:\n';
    for (const x of plan.exceptions) {
      const f = [x.environment !== undefined ? `environment: ${q(x.environment)}` : `group: ${x.group}`, `key: ${x.key}`];
      if (x.value !== undefined) f.push(`value: ${q(x.value)}`);
      f.push('reason: known');
      f.push(x.permanent ? 'permanent: true' : `expires: ${x.expires}`);
      out += `    - { ${f.join(', ')} }\n`;
    }
  }
  return out;
}

/** Writes the plan's drift.yaml and source files into `dir`; returns what the sources hold. */
export function writeEstate(dir: string, plan: EstatePlan): Written {
  mkdirSync(dir, { recursive: true });
  const written: Written = {};
  let yaml = 'version: 1\nname: diff\nenvironments:\n';
  for (const env of plan.environments) {
    yaml += `  ${env.name}:\n    sources:\n`;
    written[env.name] = env.sources.map((s, i) => {
      const w = writeSource(dir, env.name, i, s);
      yaml += `      - ${w.yaml}\n`;
      return { defaults: s.defaults, leaves: w.leaves };
    });
  }
  if (plan.groups.length) {
    yaml += 'parity:\n';
    for (const g of plan.groups) {
      yaml += `  - { name: ${g.name}, environments: [${g.environments.join(', ')}]${g.ignore ? `, ignore: [${g.ignore.map(q).join(', ')}]` : ''} }\n`;
    }
  }
  yaml += baselineYaml(plan);
  writeFileSync(path.join(dir, 'drift.yaml'), yaml);
  return written;
}
