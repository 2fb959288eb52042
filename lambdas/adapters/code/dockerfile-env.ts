import { basename } from 'node:path';
import type { ReadFallback } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';
import { dockerWords, finalStages, parseDockerfile } from './dockerfile-instructions';

/**
 * `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`: the files `docker build` and `podman build` take;
 * not BuildKit's `Dockerfile.prod.dockerignore`, the ignore file of one.
 */
export const isDockerfile = (file: string): boolean =>
  /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i.test(basename(file)) && !/\.dockerignore$/i.test(file);

/** The variables one ENV instruction sets, as written: `KEY=value …`, or the legacy `KEY value with spaces`. */
function envPairs(args: string, escape: string): Array<[string, string]> {
  const first = /^(\S+)\s+(?!\s)(.*)$/.exec(args);
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
  const dockerfile = parseDockerfile(text);
  const env = new Map<string, ReadFallback>();
  // The farthest stage first: a stage's ENV wins over the one it is built FROM, a later ENV over an earlier.
  for (const stage of finalStages(dockerfile).reverse())
    for (const { name: instruction, args } of stage)
      if (instruction === 'ENV')
        for (const [name, value] of envPairs(args, dockerfile.escape)) {
          const key = canonicalKey(name);
          if (key !== '') env.set(key, value.includes('$') ? { kind: 'default' } : { kind: 'default', value });
        }
  return env;
}
