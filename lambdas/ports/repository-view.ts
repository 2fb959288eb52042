import type { Finding } from '../core/model';

/** A line of a file; `file` is absolute. */
export interface FileLine {
  file: string;
  line: number;
}

/**
 * What a report that points into the repository (SARIF) needs to know about the repository the
 * estate lives in: the CLI opens one (adapters/repository); the Lambda has none.
 */
export interface RepositoryView {
  /** The root (the git repository's, else the estate's folder) as an absolute `file:` URI ending in `/`. */
  rootUri: string;
  /** A file's path relative to the root, with `/`; undefined when it lies outside the root. */
  relative(file: string): string | undefined;
  /** The file and line that set a finding's value, when that is a file that can be read (config, dotenv, manifest). */
  valueLine(f: Finding): FileLine | undefined;
  /** The line of a mapping path in a YAML file (`['environments', 'prod']`), when it is there. */
  yamlLine(file: string, path: ReadonlyArray<string | number>): number | undefined;
}
