import { basename } from 'node:path';
import type { ReadFallback } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';
import { dockerWords, parseDockerfile } from './dockerfile-instructions';

/**
 * `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`: the files `docker build` and `podman build` take;
 * not BuildKit's `Dockerfile.prod.dockerignore`, the ignore file of one.
 */
export const isDockerfile = (file: string): boolean =>
  /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i.test(basename(file)) && !/\.dockerignore$/i.test(file);

/** The variables one ENV instruction sets, as written: `KEY=value …`, or the legacy `KEY value with spaces`. */
function envPairs(args: string, escape: string): Array<[string, string]> {
  const first = /^(\S+)\s+(.*)$/.exec(args);
  if (first && !(first[1] as string).includes('=')) return [[first[1] as string, dockerWords(first[2] as string, escape).join(' ')]];
  return dockerWords(args, escape).flatMap((w): Array<[string, string]> => {
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
  const { instructions, escape } = parseDockerfile(text);
  for (const [instruction, args] of instructions) {
    if (instruction === 'FROM') {
      const [image, as, name] = dockerWords(args, escape).filter((w) => !w.startsWith('--'));
      env = new Map(stages.get((image ?? '').toLowerCase()) ?? []);
      if (as?.toUpperCase() === 'AS' && name) stages.set(name.toLowerCase(), env);
    } else if (instruction === 'ENV') {
      for (const [name, value] of envPairs(args, escape)) {
        const key = canonicalKey(name);
        if (key !== '') env.set(key, value.includes('$') ? { kind: 'default' } : { kind: 'default', value });
      }
    }
  }
  return env;
}
