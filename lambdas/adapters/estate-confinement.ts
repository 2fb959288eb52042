import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { leavesFolder } from './leaves-folder';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { fromPathProblems } from './estate-paths';

/** Set to 1 (or give `--trust-estate-paths`) when the estate file is trusted to read any path. */
export const TRUST_ESTATE_PATHS_ENV = 'DRIFT_TRUST_ESTATE_PATHS';

/** What a refusal tells the user to do when the path is meant. */
export const TRUST_HINT = `if the estate file is trusted, pass --trust-estate-paths (or set ${TRUST_ESTATE_PATHS_ENV}=1)`;

/** True when paths in the estate file may lead anywhere: the flag (which sets the variable) or the variable. */
export const trustsEstatePaths = (env: NodeJS.ProcessEnv): boolean => /^(?:1|true|yes)$/i.test(env[TRUST_ESTATE_PATHS_ENV] ?? '');

type Bound = 'outside' | 'hidden';

/** The names dotenv gives its files: `.env`, `.env.local`, `.env.production`. */
const DOTENV_NAME = /^\.env(?:\.[A-Za-z0-9_-]+)?$/;
/** The folder cookiecutter-django's projects keep their env files in, one folder an environment. */
const ENV_FILES_FOLDER = '.envs';
/** Where tools keep credentials and drift its key and store: refused under `.envs` too. */
const CREDENTIAL_NAMES = new Set([
  '.git',
  '.git-credentials',
  '.drift',
  '.ssh',
  '.aws',
  '.gnupg',
  '.docker',
  '.kube',
  '.npmrc',
  '.netrc',
  '.pypirc',
]);

/** Where `rel` (relative to the estate's folder) goes out of bounds: outside it, or through a hidden entry. */
function outOfBounds(rel: string): Bound | undefined {
  if (rel === '') return undefined;
  if (leavesFolder(rel)) return 'outside';
  // `.drift/` holds the fingerprint key and the store; `.git/`, `.ssh/`, `.npmrc` and the like are
  // never configuration drift should read. A dotenv file named as dotenv names it (`.env`,
  // `.env.production`) is configuration, but only as the file named, never as a folder on the way.
  // cookiecutter-django keeps each environment's env files in a folder named `.envs` (`.envs/.production/.django`,
  // which its compose files give the containers): what is under it is configuration, named as it may be.
  const parts = rel.split(path.sep);
  const last = parts.length - 1;
  const envFiles = parts.indexOf(ENV_FILES_FOLDER);
  const envFile = (i: number) => envFiles >= 0 && envFiles < last && i >= envFiles && !CREDENTIAL_NAMES.has(parts[i] as string);
  if (parts.some((part, i) => part.startsWith('.') && !(i === last && DOTENV_NAME.test(part)) && !envFile(i))) return 'hidden';
  return undefined;
}

const AS_WRITTEN: Record<Bound, string> = {
  outside: "is outside the estate file's folder",
  hidden: 'is a hidden file or folder (a name on its way starts with ".")',
};
const THROUGH_LINK: Record<Bound, string> = {
  outside: "leads through a symbolic link outside the estate file's folder",
  hidden: 'leads through a symbolic link to a hidden file or folder',
};

function realOrNothing(p: string): string | undefined {
  try {
    // The native call, as fs/promises' realpath makes: the JavaScript one walks every folder itself.
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/**
 * Why `written` (a path in an estate file, relative to its folder `baseDir`) may not be read, or
 * undefined when it may: as written and once symbolic links are resolved, it must stay inside the
 * estate file's folder and pass through no dotfile or dot-folder. A pull request that changes
 * drift.yaml must not make a trusted CI job read `../..`, `/etc`, or `.drift/fingerprint.key`.
 * Synchronous: one or two local calls, asked once per recorded file.
 */
export function confinementProblem(baseDir: string, written: string): string | undefined {
  const base = path.resolve(baseDir);
  const abs = path.resolve(base, written);
  const lexical = outOfBounds(path.relative(base, abs));
  if (lexical) return AS_WRITTEN[lexical];
  const real = realOrNothing(abs);
  // What does not exist is reported as missing where it is read.
  if (real === undefined) return undefined;
  // No link on the way, the folder's included (it is a prefix of the path): the lexical check was
  // the whole check, and the folder's own real path (a second call per file) is not needed.
  if (real === abs) return undefined;
  const through = outOfBounds(path.relative(realOrNothing(base) ?? base, real));
  return through ? THROUGH_LINK[through] : undefined;
}

/**
 * The recorded `from:` paths of an estate that lead outside its folder or to a hidden entry,
 * positioned where each is written: what `drift validate` refuses and the audit reports as a
 * source-error. The baseline file is checked where it is read (loadEstate).
 */
export const unconfinedFromPaths = (estate: Estate): Promise<EstateProblem[]> =>
  fromPathProblems(estate, async (dir, written) => {
    const problem = confinementProblem(dir, written);
    return problem ? `${problem}; ${TRUST_HINT}` : undefined;
  });
