import { byText } from '../text-order';

/** A language the code scanner reads (one entry in the scanner's LANGUAGES registry per id). */
export type LanguageId =
  'javascript' | 'typescript' | 'python' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'php' | 'rust' | 'cpp' | 'elixir' | 'shell';

/** What the read does when the key is unset. */
export type ReadFallback =
  /** Nothing: the read is empty, or the code fails (a wrapper that throws or panics when empty is `none`). */
  | { readonly kind: 'none' }
  /** A default: `value` is the literal as the code writes it (`'8080'`, `true`), absent when it is an expression. */
  | {
      readonly kind: 'default';
      readonly value?: string;
      /** The literal was a secret (by the key's name or its content): the audit keeps no copy, so `value` is absent. */
      readonly secret?: true;
    };

/** One place where the code reads a configuration key. */
export interface CodeRead {
  /** The key as the code spells it: `INVENTORY_SERVICE_URL`, `cart.service.addr`, `Logging:LogLevel:Default`. */
  readonly name: string;
  /** `canonicalKey(name)` (`:` and `__` of .NET configuration paths count as separators). */
  readonly key: string;
  /** Path of the file relative to the scanned root, `/`-separated. */
  readonly file: string;
  /** 1-based line and column of the key's literal. */
  readonly line: number;
  readonly column: number;
  readonly language: LanguageId;
  /** How it was read, for people: `process.env`, `os.getenv`, `IConfiguration[]`, `@Value`, `getEnv (wrapper of os.Getenv)`. */
  readonly via: string;
  readonly fallback: ReadFallback;
  /** Other canonical keys whose variables set what this read gets: Spring binds `a.keep-alive` from `A_KEEPALIVE` (springBoundKeys). */
  readonly also?: readonly string[];
  /**
   * The Spring profile whose own file holds the read (`application-mongo.yml`), or the profiles (a list or expression,
   * `prod, eu`, `!prod`) a document of application.yml is loaded for: it is read only where they match the active ones.
   */
  readonly profile?: string;
  /**
   * The Quarkus profiles (`staging | qa`) a `%staging,qa.` setting of application.properties, or a `"%staging":` block of
   * application.yml, is for: read only where the environment runs one of them (QUARKUS_PROFILE, else `prod`).
   */
  readonly quarkusProfile?: string;
  /** The profiles the application runs without QUARKUS_PROFILE, where its file sets `quarkus.profile`. */
  readonly quarkusDefault?: readonly string[];
  /**
   * What the read falls back to in a process run as a named environment, where that differs from `fallback` (one that
   * names none: .NET's Production, node-config's development): by name, from the file for it over the others
   * (appsettings.{Name}.json, config/{NODE_ENV}.json); `other` for a name no file is for. `variables`: the canonical keys
   * whose value names it, the first set winning (node.config.env, node.env); absent, .NET's ASPNETCORE_ENVIRONMENT and
   * DOTNET_ENVIRONMENT.
   */
  readonly hostEnvironments?: {
    readonly byName: Readonly<Record<string, ReadFallback>>;
    readonly other: ReadFallback;
    readonly variables?: readonly string[];
  };
  /**
   * Django: a read in a module of a settings package (`config/settings/production.py`), which runs only where
   * DJANGO_SETTINGS_MODULE names a module that loads it. `loadedBy`: the package's settings modules that do (the module
   * itself, one importing it, directly or through another); `others`: those that do not. Dotted from the scanned folder.
   */
  readonly djangoSettings?: DjangoSettingsScope;
  /**
   * Canonical keys the read runs only with set: it sits in a branch taken when they are (`if 'SENTRY_DSN' in
   * os.environ:` around `os.environ['SENTRY_ENVIRONMENT']`), so an environment without them never makes it.
   */
  readonly onlyWhereSet?: readonly string[];
}

/** The settings modules of a Django settings package that load a read's module, and those that do not (CodeRead.djangoSettings). */
export interface DjangoSettingsScope {
  readonly loadedBy: readonly string[];
  readonly others: readonly string[];
}

/** A configuration service whose values code may read through its API, by the source kind that records them. */
export type ConfigService = 'ssm' | 'secretsmanager' | 'appconfig';

/**
 * Code that reads a configuration service through its API (`get_parameters_by_path`, `GetSecretValueCommand`,
 * the AppConfig agent): it reads that service's values by names the scan cannot list, so the keys of the
 * estate's sources of that kind count as read.
 */
export interface ApiRead {
  readonly service: ConfigService;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly language: LanguageId;
  /** The call or string that says so: `get_parameters_by_path`, `"awsparameterstore"`. */
  readonly via: string;
}

/**
 * Code that reads environment variables by names the scan cannot list: the whole environment (`dict(os.environ)`,
 * `{ ...process.env }`, `os.Environ()`), or a name made as it runs (`os.environ[name]`, `` process.env[`FEATURE_${f}`] ``).
 * A key that starts with `prefix` (canonical, `feature.`) is read; with no prefix any key may be, so none is proven unread.
 */
export interface OpenRead {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly language: LanguageId;
  /** How, for people: `os.environ`, `process.env`. */
  readonly via: string;
  /** It takes the whole environment (a copy, a loop over it, all of it passed on), not one variable. */
  readonly whole?: true;
  /** The literal text the name starts with, as canonical as a key's (`feature.`); absent for the whole environment or a name of no known start. */
  readonly prefix?: string;
}

/** Everything a scan of one tree found, sorted by key, then file, line and column. */
export interface CodeScan {
  readonly root: string;
  readonly reads: readonly CodeRead[];
  /** Reads of configuration services through their APIs, by file, line and column (absent in scans published before them). */
  readonly apiReads?: readonly ApiRead[];
  /** Reads by names the scan cannot list, by file, line and column (absent in scans published before them). */
  readonly openReads?: readonly OpenRead[];
  /** Files read, per language, and files that could not be parsed (path and reason; the scan goes on). */
  readonly files: Readonly<Partial<Record<LanguageId, number>>>;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

/** The order of a scan's reads: by key, then where each is written (file, line, column). */
export const byReadOrder = (
  a: Pick<CodeRead, 'key' | 'file' | 'line' | 'column'>,
  b: Pick<CodeRead, 'key' | 'file' | 'line' | 'column'>,
): number => byText(a.key, b.key) || byPlace(a, b);

/** The order of what a scan found by where it is written: file, line, column. */
export const byPlace = (a: Pick<CodeRead, 'file' | 'line' | 'column'>, b: Pick<CodeRead, 'file' | 'line' | 'column'>): number =>
  byText(a.file, b.file) || a.line - b.line || a.column - b.column;
