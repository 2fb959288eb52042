import type { Point, Tree } from 'web-tree-sitter';
import type { CodeRead, LanguageId, ReadFallback } from '../../core/code/code-read';
import type { ModulePath } from './constant-imports';

/** A read found in one file, before the scanner adds the file, the language and the canonical key. */
export interface FoundRead {
  readonly name: string;
  /** The node of the key's literal: only its `startPosition` (a field) is read, as the tree a language parsed for itself may be freed. */
  readonly at: { readonly startPosition: Point };
  /** The file `at` is in when it is not the file read: a declared type's member, bound in another file (C#'s options classes). */
  readonly file?: string;
  readonly via: string;
  readonly fallback: ReadFallback;
  /** Read through a framework's properties, which the application's own files may set (Spring resolves `${a.b}` from application.yml first). */
  readonly property?: PropertyFramework;
  /** The code declares the setting secret (convict's `sensitive: true`): no default of it is kept, the image's ENV included. */
  readonly secret?: true;
  /**
   * A read by a name the scan cannot list (OpenRead): `name` is the literal text the name starts with ('' for none),
   * `whole` when it takes the whole environment. It is no read of a key, and has no fallback to show.
   */
  readonly open?: { readonly whole?: true };
  /** Names of other variables whose value is what the read gets (figment's FileAdapter: `X_FILE` names the file holding X's value): see CodeRead.also. */
  readonly also?: readonly string[];
  /** Names of other variables the read runs only with set: it sits in `if 'SENTRY_DSN' in os.environ:` (see CodeRead.onlyWhereSet). */
  readonly onlyWhereSet?: readonly string[];
}

/** The frameworks whose own files may set what the code reads: Spring's application.yml, Symfony's committed `.env`, .NET's appsettings.json, node-config's config/default.json. */
export type PropertyFramework = 'spring' | 'symfony' | 'dotnet' | 'node-config';

/**
 * A function whose parameter flows into a read (`getEnv(key, fallback)`, `mustMapEnv(&target, key)`):
 * every call with a literal at `keyParam` is a read of that literal. `fallback` says what such a call
 * falls back to: `none` when the wrapper throws or panics on an empty value, `param` when the
 * argument at `defaultParam` is the default (`omitted`: what a call that leaves it out gets, from the
 * wrapper's own default parameter), `default` when the wrapper has one of its own.
 */
export interface Wrapper {
  readonly name: string;
  readonly keyParam: number;
  readonly fallback:
    | { readonly kind: 'none' }
    | { readonly kind: 'param'; readonly defaultParam: number; readonly defaultName?: string; readonly omitted?: ReadFallback }
    | ReadFallback;
  /** The key parameter's name, by which a call may pass it as a keyword argument (Python's `get_env(key="X")`); `defaultName` likewise. */
  readonly keyName?: string;
  /** What it wraps, for `via`: `os.Getenv`. */
  readonly wraps: string;
  /** What it wraps reads a framework's properties (FoundRead.property): so do its calls. */
  readonly property?: PropertyFramework;
  /** Defaults a library's reader declares per key, for calls that give none (django-environ's `Env(DEBUG=(bool, False))`). */
  readonly keyDefaults?: ReadonlyMap<string, ReadFallback>;
  /** Text the wrapper adds to its key argument before it reads (`getenv($name . '_FILE')`): a call reads `prefix` + key + `suffix`. */
  readonly affix?: Affix;
  /**
   * Further keys each call reads, its key argument with text added, each with its own fallback: docker-library/wordpress's
   * `getenv_docker($env, $default)` reads `$env`, and `$env . '_FILE'` first, the file a Docker secret holds the value in.
   */
  readonly also?: readonly (Affix & { readonly fallback: Wrapper['fallback'] })[];
}

/** Literal text written before and after a key (`APP_` and `_FILE` of `"APP_{$name}_FILE"`). */
export interface Affix {
  readonly prefix: string;
  readonly suffix: string;
}

/** A member of a type a file declares (a property of a C# options class): plain data, as the file's tree may be freed before it is read. */
export interface DeclaredMember {
  readonly name: string;
  /** Its type's simple name: where a type of that name is declared, the member is read through it (`Smtp:Tls:Enabled`). */
  readonly type: string;
  /** Whether a value can be set on it (a settable scalar); one that is not is only followed into its type. */
  readonly settable: boolean;
  readonly at: Point;
  readonly fallback: ReadFallback;
}

/** A type a file declares that reads in other files may name (`Configure<SmtpOptions>(…)` in Program.cs). */
export interface DeclaredType {
  readonly name: string;
  readonly members: readonly DeclaredMember[];
  /** The types it derives from, by simple name: their members are its members. */
  readonly bases?: readonly string[];
  /** Its string constants by name (`public const string Section = "Smtp";`), which code names a key by (`GetSection(SmtpOptions.Section)`). */
  readonly constants?: ReadonlyMap<string, string>;
}

/** The declared type a name means in the file being read (nearest first), with the file that declares it. */
export type DeclaredTypes = (name: string) => (DeclaredType & { readonly file: string }) | undefined;

/** The text the constant `name` (`PORT_VAR`) of another file, module `module` (`app.names`), gives it, as the file being read sees it (ConstantIndex). */
export type TreeConstants = (name: string, module: ModulePath) => string | undefined;

/** What a language's `code` may know of the rest of the tree it scans (absent: a file read alone). */
export interface TreeFacts {
  /** Whether the file is the Dockerfile a folder's image is built from (its `Dockerfile`, else its one variant). */
  image(file: string): boolean;
  /** Whether a script of that file name is started by an image's ENTRYPOINT, CMD or HEALTHCHECK, or by a script they start. */
  started(file: string): boolean;
  /** Whether a Spring Cloud Config Server of the tree serves the file to the applications that ask for it (its native `search-locations`). */
  springServed?(file: string): boolean;
}

/** One language: where its grammar is, which files it reads, and how reads are found in a parsed file. */
export interface LanguageModule<Id extends LanguageId = LanguageId> {
  readonly id: Id;
  /** File name endings, with the dot: `.ts`, `.tsx`. A longer ending wins over a shorter one. */
  readonly extensions: readonly string[];
  /** The grammar's WebAssembly, as a module path `require.resolve` finds (`tree-sitter-go/tree-sitter-go.wasm`), per extension when they differ. */
  grammar(extension: string): string;
  /**
   * The code a file holds, as its grammar reads it, where it is embedded in other text (Ruby in ERB,
   * Spring's placeholders in application.yml); undefined: none, the file is not this language's. Two
   * languages may claim one extension (`.yml`): each reads the files its `code` accepts.
   */
  code?(text: string, file: string, tree?: TreeFacts): string | undefined;
  /**
   * Where the code is embedded in a configuration file: its lines (1-based) whose reads fill a setting named as a
   * secret (`password: <%= ENV.fetch("PGPASS") { "…" } %>`), whose defaults are then never kept.
   */
  secretLines?(text: string, file: string): ReadonlySet<number>;
  /**
   * Where the code is embedded in a configuration file of several documents: its lines (1-based) in a document loaded
   * only with one profile active (application.yml's `---` with `spring.config.activate.on-profile: mongo`), with that profile.
   */
  profileLines?(text: string, file: string): ReadonlyMap<number, string>;
  /**
   * Its lines (1-based) of a Quarkus profile's setting (`%staging,qa.db=${DB}`), with those profiles as an expression,
   * and the profiles the file itself says the application runs (its `quarkus.profile`), if it says.
   */
  quarkusProfileLines?(text: string, file: string): QuarkusProfileLines;
  /**
   * Where some reads run only under one of the application's configurations (Django's settings modules): given the
   * language's files (path and text), the read as it is scoped (absent: every read runs wherever the code does).
   */
  scopes?(sources: ReadonlyArray<{ readonly file: string; readonly text: string }>): (read: CodeRead) => CodeRead;
  /** `folder` where a wrapper is visible only to the files of its folder (Go's package is its directory); absent: to every file of the language. */
  readonly wrapperScope?: 'folder';
  /** Readers a framework defines (Laravel's `env()`): wrapped like the code's own, applied where the scope defines none of that name. */
  readonly builtins?: readonly Wrapper[];
  /**
   * The configuration files (`names`, matched against the path in the tree) that set keys for the `framework`'s property
   * reads (FoundRead.property, of any language), and `defaults`: by canonical key, what such a read falls back to when the environment lacks the
   * key (Spring's application.yml). They apply to the reads of the files under the project that holds them.
   */
  readonly propertyFiles?: {
    readonly framework: PropertyFramework;
    readonly names: RegExp;
    /**
     * Files loaded only in a host run as one environment, which win over the project's others there: `of` names it
     * (appsettings.Staging.json's `Staging`), `unnamed` is the one a host that names none runs (`Production`), and
     * `variables` are the canonical keys whose value names it, the first set winning (`aspnetcore.environment`).
     */
    readonly hostEnvironments?: { of(file: string): string | undefined; readonly unnamed: string; readonly variables: readonly string[] };
    /**
     * `hosts`: a read in a project holding none of these files (a .NET class library) falls back as the projects that hold
     * them do, since it runs inside them (by their common value; a default of no shown value where they differ).
     */
    readonly libraries?: 'hosts';
    defaults(text: string, file: string): ReadonlyMap<string, ReadFallback>;
  };
  /** Pass 1, over every file of the language: the wrappers it defines around direct reads. */
  wrappers(tree: Tree): Wrapper[];
  /** The functions of a file that pass a parameter as the key of a `known` wrapper: wrappers of wrappers (absent: none are followed). */
  chained?(tree: Tree, known: ReadonlyMap<string, Wrapper>): Wrapper[];
  /** Pass 1, over every file of the language: the types it declares that another file's reads may name (absent: none). */
  declared?(tree: Tree): DeclaredType[];
  /** Pass 1, over every file of the language: the names written as constants it binds, with their one literal or null (absent: none). */
  constants?(tree: Tree): ReadonlyMap<string, string | null>;
  /**
   * Pass 2: the reads in one file, direct and through any wrapper of the language's files (and `declared` types it binds,
   * and `constants` of other files it names a key by).
   */
  reads(tree: Tree, wrappers: ReadonlyMap<string, Wrapper>, declared?: DeclaredTypes, constants?: TreeConstants): FoundRead[];
}

/** LanguageModule.quarkusProfileLines. */
export interface QuarkusProfileLines {
  readonly lines: ReadonlyMap<number, string>;
  readonly runs?: readonly string[];
}
