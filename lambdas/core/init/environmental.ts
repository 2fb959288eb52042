import { URL_SHAPE } from '../values/types';
import type { Value } from '../values/value';

/** An environment as init sees it: its name and where it runs. */
export interface EnvironmentFacts {
  name: string;
  region?: string;
  account?: string;
}

// The last word of a key that names an endpoint or an identity of the environment.
const ENDPOINT_WORDS: ReadonlySet<string> = new Set([
  'host',
  'hostname',
  'hosts',
  'url',
  'urls',
  'uri',
  'endpoint',
  'endpoints',
  'arn',
  'dsn',
  'domain',
  'address',
  'addr',
  'region',
  'account',
  'bucket',
  'queue',
  'topic',
]);
const HOST_SHAPE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(:\d+)?$/i;
const IP_SHAPE = /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/;
// Rails' durations as Ruby writes them (ActiveSupport: `2.days`, `1.hour`), which Rails applications take from the environment
// (huginn's CONFIRM_WITHIN=3.days): dotted as a host is, and no host.
const RUBY_DURATION = /^\d+\.(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?)$/i;
const ARN_SHAPE = /^arn:aws[a-z-]*:/;
const ACCOUNT_SHAPE = /^\d{12}$/;

/** Why a key's name says it differs per environment, if it does: `name ends in host`. */
export function endpointName(key: string): string | undefined {
  const words = key.split('.');
  const last = words[words.length - 1] as string;
  if (ENDPOINT_WORDS.has(last)) return `the key names ${/^[aeio]/.test(last) ? 'an' : 'a'} ${last}`;
  if (last === 'id' && words[words.length - 2] === 'account') return 'the key names an account';
  return undefined;
}

/** What shape of a value says it belongs to one environment: a URL, a host, an ARN, an account id. */
export function endpointShape(text: string): string | undefined {
  const t = text.trim();
  if (ARN_SHAPE.test(t)) return 'ARN';
  if (URL_SHAPE.test(t)) return 'URL';
  if (IP_SHAPE.test(t) || (HOST_SHAPE.test(t) && !RUBY_DURATION.test(t))) return 'host';
  if (ACCOUNT_SHAPE.test(t)) return 'account id';
  return undefined;
}

// The short forms teams write a stage's name in: `NODE_ENV=prod` in production-us, `/ecs/shop-stg` in staging.
const STAGE_SPELLINGS: ReadonlyArray<readonly string[]> = [
  ['production', 'prod', 'prd'],
  ['staging', 'stage', 'stg'],
  ['development', 'dev'],
];
const spellingsOf = (part: string): readonly string[] => STAGE_SPELLINGS.find((s) => s.includes(part)) ?? [part];

/** The words of an environment a value may carry: its name, the name's longer parts (and their short forms), its region and account. */
export function environmentTokens(env: EnvironmentFacts): string[] {
  const parts = env.name
    .toLowerCase()
    .split(/[-_.]/)
    .filter((p) => p.length >= 3)
    .flatMap(spellingsOf);
  return [env.name.toLowerCase(), ...parts, ...(env.region ? [env.region.toLowerCase()] : []), ...(env.account ? [env.account] : [])];
}

/** The text of a value init may read (a masked URL keeps its shape), else undefined. */
export const readableText = (v: Value): string | undefined => (v.kind === 'text' || v.kind === 'masked' ? v.text : undefined);

/**
 * Why a key's values differ by design, if they do: its name, the shape of its values, or values
 * that carry their own environment's name or region.
 */
export function perEnvironmentReason(key: string, values: ReadonlyArray<{ env: EnvironmentFacts; value: Value }>): string | undefined {
  const byName = endpointName(key);
  if (byName) return byName;
  const texts = values.map((v) => ({ env: v.env, text: readableText(v.value) }));
  const shapes = new Set(texts.map((t) => (t.text === undefined ? undefined : endpointShape(t.text))));
  const [shape] = shapes;
  if (shapes.size === 1 && shape) return `the values are ${/^(ARN|account)/.test(shape) ? 'an' : 'a'} ${shape}`;
  const carrying = texts.filter((t) => t.text !== undefined && environmentTokens(t.env).some((w) => t.text!.toLowerCase().includes(w)));
  if (carrying.length > 0 && carrying.length === texts.filter((t) => t.text !== undefined).length) {
    return 'the values name their environment or region';
  }
  return undefined;
}
