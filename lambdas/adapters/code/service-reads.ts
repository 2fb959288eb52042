import type { Tree } from 'web-tree-sitter';
import type { ApiRead, ConfigService, LanguageId } from '../../core/code/code-read';

/**
 * How code reads a configuration service through its API rather than through the environment:
 * `ssm.get_parameters_by_path(Path=…)`, `new GetParameterCommand(…)`, .NET's `AddSystemsManager("/app")`,
 * Spring's `spring.config.import=aws-parameterstore:…`, the AppConfig agent on localhost:2772. Such
 * code reads the service's values by names drift cannot list (a path, a name made at run time), so
 * the keys of the estate's sources of that kind are read, not dead configuration.
 *
 * Names are compared as words: split at case changes and punctuation, lower case, without the SDKs'
 * suffixes (`GetParametersByPathCommand`, `getParameterAsync`, `GetSecretValueWithContext`).
 */
interface ServiceSigns {
  /** The service's API calls that say nothing of it alone (a servlet's `getParameter`): they count beside a mark. */
  calls: readonly string[];
  /** Calls and names that are the service's alone (`AddSystemsManager`, `AwsParameterStorePropertySource`). */
  own: readonly string[];
  /**
   * Texts a string holds that are the service's alone, as written (a Spring import's prefix, the agent's
   * address): a string is compared with its separators, so `arn:aws:secretsmanager:…` is not `aws-secretsmanager:`.
   */
  texts: readonly string[];
  /** Words that name the service in an import, a client or its type (`ssm`, `SecretsManagerClient`; not `ssmParameterName`). */
  marks: readonly string[];
  /**
   * The marks count only written as one word (`AppConfig`, `appconfigdata`), as the SDKs write them: words of their own
   * apart (`app_config`, what Django calls an entry of its app registry) are other code's.
   */
  joined?: true;
}

const SIGNS: Readonly<Record<ConfigService, ServiceSigns>> = {
  ssm: {
    calls: ['getparameter', 'getparameters', 'getparametersbypath', 'getparametersbyname'],
    own: ['addsystemsmanager', 'awsparameterstore'],
    texts: ['aws-parameterstore:'],
    marks: ['ssm', 'parameterstore', 'systemsmanager', 'simplesystemsmanagement'],
  },
  secretsmanager: {
    calls: ['getsecretvalue', 'batchgetsecretvalue', 'getsecret'],
    own: ['addsecretsmanager', 'awssecretsmanager'],
    texts: ['aws-secretsmanager:'],
    marks: ['secretsmanager'],
  },
  appconfig: {
    calls: ['getconfiguration', 'getappconfig'],
    own: ['getlatestconfiguration', 'startconfigurationsession'],
    texts: ['localhost:2772'],
    marks: ['appconfig', 'appconfigdata'],
    joined: true,
  },
};

const SUFFIXES = ['command', 'request', 'async', 'withcontext', 'input'];

// Every call a read is found by is a name's letters and digits, run together: so are the file's (see mayReadServices).
const CALL_SIGNS = Object.values(SIGNS).flatMap((s) => [...s.calls, ...s.own]);
const TEXT_SIGNS = Object.values(SIGNS).flatMap((s) => s.texts);
const SHARED_CALLS: ReadonlySet<string> = new Set(Object.values(SIGNS).flatMap((s) => s.calls));

/**
 * Whether a file may hold an API read: a name's letters and digits are a part of the file's, run
 * together, so a file whose own hold no call name (nor its text a service's text) has none, and its
 * tree need not be walked.
 */
export function mayReadServices(text: string): boolean {
  if (TEXT_SIGNS.some((t) => text.includes(t))) return true;
  const squeezed = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return CALL_SIGNS.some((c) => squeezed.includes(c));
}

/** `GetParametersByPathCommand` → `getparametersbypath`; `get_secret_value` → `getsecretvalue`. */
function callName(text: string): string {
  let name = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const suffix of SUFFIXES) if (name.endsWith(suffix) && name.length > suffix.length) name = name.slice(0, -suffix.length);
  return name;
}

/** The words of a name or string: `AWSSecretsManagerClient` → aws, secrets, manager, client. */
const wordsOf = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The index of each word's first word in its part of the text between punctuation (`app_config`: 0, 1; `AppConfig`: 0, 0). */
function partStarts(text: string): number[] {
  const starts: number[] = [];
  for (const part of text.split(/[^A-Za-z0-9]+/)) {
    const first = starts.length;
    starts.push(...wordsOf(part).map(() => first));
  }
  return starts;
}

// What a name may say after the service's words and still be the service's client, type or call
// (`SsmClient`, `AWSSecretsManagerClientBuilder`, `AwsParameterStorePropertySourceLocator`, `GetLatestConfigurationCommand`),
// not a value named for it (`awsSecretsManagerArn`, `ssmParameterName`).
const CLIENT_WORDS = new Set([
  ...SUFFIXES,
  ...['client', 'clients', 'builder', 'api', 'service', 'svc', 'sdk', 'iface', 'impl', 'factory', 'provider', 'extensions'],
  ...['property', 'properties', 'source', 'locator', 'config', 'configuration', 'data', 'loader', 'location', 'resolver'],
  ...['response', 'output', 'v1', 'v2', 'v3'],
]);

/**
 * The runs of a name's or string's words joined, up to four (`AmazonSimpleSystemsManagementClient` has
 * `simplesystemsmanagement`). A name's run counts only when the words after it are a client's
 * (`ssmClient`, not `ssmParameterName`); a string's (an import path, `boto3.client("ssm")`) always.
 */
function wordRuns(text: string, name: boolean, joined = false): Set<string> {
  const words = wordsOf(text);
  const starts = joined ? partStarts(text) : undefined;
  const runs = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let j = i; j < Math.min(words.length, i + 4); j++) {
      // Joined, a run stays inside one part: `app_config` holds no `appconfig`.
      if (starts && starts[j] !== starts[i]) break;
      run += words[j];
      if (!name || words.slice(j + 1).every((w) => CLIENT_WORDS.has(w))) runs.add(run);
    }
  }
  return runs;
}

const isLeafName = (type: string): boolean => type.endsWith('identifier') || type === 'constant' || type === 'name' || type === 'word';
const isStringPart = (type: string): boolean => type.includes('string') || type === 'quoted_content';

interface Sighting {
  text: string;
  /** A string's text, not a name: shown by the sign it holds, never whole (it may name a secret). */
  string: boolean;
  line: number;
  column: number;
}

/** The names and string texts of a tree, each where it is. */
function sightings(tree: Tree): Sighting[] {
  const out: Sighting[] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const name = isLeafName(type);
      if ((name || isStringPart(type)) && cursor.currentNode.childCount === 0) {
        const at = cursor.startPosition;
        out.push({ text: cursor.nodeText, string: !name, line: at.row + 1, column: at.column + 1 });
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
    }
  } finally {
    cursor.delete();
  }
}

/** The configuration services the file reads through their APIs, each at its first call. */
export function apiReads(tree: Tree, file: string, language: LanguageId): ApiRead[] {
  const seen = sightings(tree);
  // Each sighting's forms, worked out once for every service.
  const names = seen.map((s) => callName(s.text));
  const runs: Set<string>[] = [];
  const words = new Map<boolean, Set<string>>();
  // A shared call names no service by itself (Django's `apps.get_app_config` holds the words app and config): the words come from the rest.
  const everyWord = (joined: boolean): Set<string> => {
    const known = words.get(joined);
    if (known) return known;
    const made = new Set(seen.flatMap((s, i) => (SHARED_CALLS.has(names[i] as string) ? [] : [...wordRuns(s.text, !s.string, joined)])));
    words.set(joined, made);
    return made;
  };
  const found: ApiRead[] = [];
  for (const service of Object.keys(SIGNS) as ConfigService[]) {
    const signs = SIGNS[service];
    let own: string | undefined;
    // A name holds an own sign's words; a string holds an own text as written, shown by its words (`"localhost2772"`).
    const ownSign = (s: Sighting, i: number): string | undefined => {
      if (!s.string) return signs.own.find((sign) => (names[i] as string).includes(sign) && (runs[i] ??= wordRuns(s.text, true)).has(sign));
      const text = signs.texts.find((t) => s.text.toLowerCase().includes(t));
      return text === undefined ? undefined : callName(text);
    };
    const ownAt = seen.findIndex((s, i) => (own = ownSign(s, i)) !== undefined);
    const callAt = ownAt >= 0 ? ownAt : names.findIndex((n) => signs.calls.includes(n));
    // A call the service shares with others counts beside a word that names the service.
    if (callAt < 0 || (ownAt < 0 && !signs.marks.some((m) => everyWord(signs.joined === true).has(m)))) continue;
    const call = seen[callAt] as Sighting;
    // A string is shown whole only when it is the call's name itself; else by the sign it holds.
    const via = !call.string ? call.text.slice(0, 80) : JSON.stringify(own === undefined ? call.text : own);
    found.push({ service, file, line: call.line, column: call.column, language, via });
  }
  return found;
}

/** Spring's settings files, a profile's too (application-prod.yml, bootstrap.properties): where `spring.config.import` is written. */
export const SPRING_SETTINGS = /(^|\/)(application|bootstrap)(-[^/]+)?\.(ya?ml|properties)$/;

/** Spring Cloud AWS's `spring.config.import` locations: the service's values loaded as properties by path. */
const SETTINGS_IMPORTS: ReadonlyArray<readonly [string, ConfigService]> = [
  ['aws-parameterstore:', 'ssm'],
  ['aws-secretsmanager:', 'secretsmanager'],
];

/**
 * A settings file's line without its comment: a .properties line whose first character is # or ! is
 * all comment; YAML's comment starts at a # that opens the line or follows a space.
 */
function withoutComment(line: string, file: string): string {
  if (file.endsWith('.properties')) return /^\s*[#!]/.test(line) ? '' : line;
  const at = line.search(/(^|\s)#/);
  return at < 0 ? line : line.slice(0, at);
}

/** The services a settings file (application.yml, application.properties) imports through their APIs, each at its first mention. */
export function settingsApiReads(text: string, file: string, language: LanguageId): ApiRead[] {
  // A commented-out import (`# import: aws-parameterstore:…`) imports nothing.
  const lines = text.split('\n').map((l) => withoutComment(l, file));
  const found: ApiRead[] = [];
  for (const [prefix, service] of SETTINGS_IMPORTS) {
    const line = lines.findIndex((l) => l.includes(prefix));
    if (line >= 0)
      found.push({ service, file, line: line + 1, column: (lines[line] as string).indexOf(prefix) + 1, language, via: prefix });
  }
  return found;
}
