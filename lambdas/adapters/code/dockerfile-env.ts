import { basename } from 'node:path';
import type { ReadFallback } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`: the files `docker build` and `podman build` take. */
export const isDockerfile = (file: string): boolean =>
  /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i.test(basename(file));

/** The instructions of a Dockerfile, continuation lines joined and comments left out: `[INSTRUCTION, arguments]`. */
function instructions(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    // A comment line is left out, also between the lines of one instruction.
    if (/^\s*#/.test(raw)) continue;
    const line = pending + raw;
    if (/\\\s*$/.test(raw)) {
      pending = line.replace(/\\\s*$/, ' ');
      continue;
    }
    pending = '';
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (m) out.push([(m[1] as string).toUpperCase(), (m[2] as string).trim()]);
  }
  return out;
}

/** The words of `ENV A=1 B="two words"`: quotes taken off, a backslash escaping the next character. */
function words(args: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const c = args[i] as string;
    if (quote === undefined && /\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
      continue;
    }
    word ??= '';
    if (c === '\\' && i + 1 < args.length && quote !== "'") word += args[++i];
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else word += c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The variables one ENV instruction sets, as written: `KEY=value …`, or the legacy `KEY value with spaces`. */
function envPairs(args: string): Array<[string, string]> {
  const first = /^(\S+)\s+(.*)$/.exec(args);
  if (first && !(first[1] as string).includes('=')) return [[first[1] as string, words(first[2] as string).join(' ')]];
  return words(args).flatMap((w): Array<[string, string]> => {
    const eq = w.indexOf('=');
    return eq > 0 ? [[w.slice(0, eq), w.slice(eq + 1)]] : [];
  });
}

/**
 * What a Dockerfile's image starts every container with: the ENV of its final stage (and of the earlier
 * stage it is built `FROM`), by canonical key. A value that expands a variable (`$PATH:/app`, `${PORT:-80}`)
 * is a default without a literal. The base image's own ENV is not known here.
 */
export function imageEnvironment(text: string): ReadonlyMap<string, ReadFallback> {
  const stages = new Map<string, Map<string, ReadFallback>>();
  let env = new Map<string, ReadFallback>();
  for (const [instruction, args] of instructions(text)) {
    if (instruction === 'FROM') {
      const [image, as, name] = words(args).filter((w) => !w.startsWith('--'));
      env = new Map(stages.get((image ?? '').toLowerCase()) ?? []);
      if (as?.toUpperCase() === 'AS' && name) stages.set(name.toLowerCase(), env);
    } else if (instruction === 'ENV') {
      for (const [name, value] of envPairs(args)) {
        const key = canonicalKey(name);
        if (key !== '') env.set(key, value.includes('$') ? { kind: 'default' } : { kind: 'default', value });
      }
    }
  }
  return env;
}
