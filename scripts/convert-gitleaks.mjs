// Converts gitleaks' rule set (config/gitleaks.toml, Go RE2 regular expressions) into the JSON data
// file the core's content-secret detector reads: lambdas/core/values/secret-rules/gitleaks-rules.json.
//
//   node scripts/convert-gitleaks.mjs GITLEAKS_CHECKOUT [--commit SHA] [--version DESCRIBE]
//
// What a JavaScript RegExp (Node 20: no inline modifiers) cannot say is rewritten: a leading or
// mid-pattern `(?i)`, `(?i:…)` and `(?-i:…)` make the whole pattern case-insensitive (a little
// broader than the original, never narrower), `(?s:.)` becomes `[\s\S]`, `(?P<name>` `(?<name>`,
// POSIX classes their ranges, `\z` `$`. Rules that only match file paths, or whose pattern still
// does not compile, are dropped and counted. Allowlists on paths or commits never apply to a value
// and are dropped; those on regexes and stopwords are kept.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'lambdas', 'core', 'values', 'secret-rules');

const POSIX = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  xdigit: '0-9a-fA-F',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

/** A Go RE2 pattern as a JavaScript source and flags; throws when it cannot be expressed. */
export function toJs(go) {
  let src = go;
  const flags = new Set();
  // Flag groups: `(?i)` anywhere, and the scoped forms, widen to the whole pattern.
  src = src.replace(/\(\?([a-zA-Z]+)\)/g, (_, f) => {
    for (const c of f) {
      if (c === 'i' || c === 's') flags.add(c);
      else throw new Error(`flag (?${f}) has no JavaScript equivalent`);
    }
    return '';
  });
  src = src.replace(/\(\?s:\.\)/g, '[\\s\\S]');
  src = src.replace(/\(\?(-?)([a-zA-Z]+):/g, (_, neg, f) => {
    for (const c of f) {
      if (c === 'i') {
        if (!neg) flags.add('i');
      } else throw new Error(`flag group (?${neg}${f}:) has no JavaScript equivalent`);
    }
    return '(?:';
  });
  src = src.replace(/\(\?P</g, '(?<');
  src = src.replace(/\[:(\w+):\]/g, (m, name) => {
    if (!(name in POSIX)) throw new Error(`POSIX class ${m} unknown`);
    return POSIX[name];
  });
  src = src.replace(/\\z/g, '$').replace(/\\A/g, '^');
  if (/\\[QEpPC]|\\x\{/.test(src)) throw new Error('an escape JavaScript does not know without the u flag');
  const js = { source: src, flags: [...flags].sort().join('') };
  new RegExp(js.source, js.flags); // throws when it does not compile
  return js;
}

function allowlist(a, where, dropped) {
  if (a.paths?.length && (a.condition === 'AND' || !(a.regexes?.length || a.stopwords?.length))) return undefined;
  if (a.commits?.length && a.condition === 'AND') return undefined;
  const out = {};
  if (a.regexTarget) out.regexTarget = a.regexTarget;
  if (a.regexes?.length) {
    out.regexes = [];
    for (const r of a.regexes) {
      try {
        out.regexes.push(toJs(r));
      } catch (err) {
        dropped.push({ id: where, reason: `allowlist regex: ${err.message}` });
      }
    }
  }
  if (a.stopwords?.length) out.stopwords = [...new Set(a.stopwords.map((w) => w.toLowerCase()))];
  return out.regexes?.length || out.stopwords?.length ? out : undefined;
}

function convert(config) {
  const dropped = [];
  const rules = [];
  for (const r of config.rules) {
    if (r.path) {
      dropped.push({ id: r.id, reason: 'matches file paths, which values do not have' });
      continue;
    }
    if (!r.regex) {
      dropped.push({ id: r.id, reason: 'no regex' });
      continue;
    }
    let regex;
    try {
      regex = toJs(r.regex);
    } catch (err) {
      dropped.push({ id: r.id, reason: err.message });
      continue;
    }
    const rule = { id: r.id, regex };
    if (r.keywords?.length) rule.keywords = [...new Set(r.keywords.map((k) => k.toLowerCase()))];
    if (r.entropy) rule.entropy = r.entropy;
    if (r.secretGroup) rule.secretGroup = r.secretGroup;
    const lists = (r.allowlists ?? []).map((a) => allowlist(a, r.id, dropped)).filter(Boolean);
    if (lists.length) rule.allowlists = lists;
    rules.push(rule);
  }
  const global = allowlist(config.allowlist ?? {}, 'global allowlist', dropped);
  return { rules, allowlists: global ? [global] : [], dropped };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [checkout, ...rest] = process.argv.slice(2);
  if (!checkout) {
    process.stderr.write('usage: node scripts/convert-gitleaks.mjs GITLEAKS_CHECKOUT [--commit SHA] [--version DESCRIBE]\n');
    process.exit(2);
  }
  const opt = (name) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const config = parse(readFileSync(path.join(checkout, 'config', 'gitleaks.toml'), 'utf8'));
  const { rules, allowlists, dropped } = convert(config);
  const data = {
    source: {
      repository: 'https://github.com/gitleaks/gitleaks',
      path: 'config/gitleaks.toml',
      commit: opt('commit') ?? 'unknown',
      version: opt('version') ?? 'unknown',
      license: 'MIT',
    },
    converted: rules.length,
    dropped,
    allowlists,
    rules,
  };
  writeFileSync(path.join(outDir, 'gitleaks-rules.json'), `${JSON.stringify(data, null, 1)}\n`);
  copyFileSync(path.join(checkout, 'LICENSE'), path.join(outDir, 'LICENSE'));
  const droppedRules = dropped.filter((d) => config.rules.some((r) => r.id === d.id) && !d.reason.startsWith('allowlist'));
  process.stdout.write(`${config.rules.length} rules: ${rules.length} converted, ${droppedRules.length} dropped\n`);
  for (const d of dropped) process.stdout.write(`  dropped ${d.id}: ${d.reason}\n`);
}
