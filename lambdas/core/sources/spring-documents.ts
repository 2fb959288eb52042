import { profileList, profileMatcher } from '../code/spring-profile-expression';

/**
 * Whether Spring reads a document (its JS value) with these profiles active (springActiveProfiles of the file's
 * documents); false for one it refuses.
 */
export function springDocumentApplies(doc: unknown, active: ReadonlySet<string>): boolean {
  const activation = activationOf(doc);
  if (activation.cloudPlatform) return false;
  if (activation.profile === undefined) return true;
  return profileMatcher(activation.profile)?.(active) ?? false;
}

/** A profile name as a file can activate it: not a build placeholder left in (`@spring.profiles.active@`, `${…}`, `#…#`). */
const PROFILE_NAME = /^[\w.+-]+$/;

const profileNames = (v: unknown): string[] | undefined => {
  const names =
    typeof v === 'string' ? profileList(v) : Array.isArray(v) ? profileList(v.filter((p) => typeof p === 'string').join(',')) : undefined;
  return names?.every((n) => PROFILE_NAME.test(n)) ? names : undefined;
};

/**
 * The profiles Spring runs a file's documents with: those the deployment gives (`profiles:`), else the
 * `spring.profiles.active` of the documents every profile reads (the last one's), else `default`; with the
 * `spring.profiles.include` of those documents, and each active profile's `spring.profiles.group` members
 * (JHipster's `group: { dev: [secret-samples, api-docs] }`), as Spring expands them. An activation that is a
 * build placeholder (`@spring.profiles.active@`) says nothing drift can read.
 */
export function springActiveProfiles(docs: readonly unknown[], profiles: readonly string[] | undefined): ReadonlySet<string> {
  const everyProfile = docs.filter((doc) => {
    const activation = activationOf(doc);
    return activation.profile === undefined && !activation.cloudPlatform;
  });
  let fromFile: string[] | undefined;
  const include: string[] = [];
  const groups = new Map<string, string[]>();
  for (const doc of everyProfile) {
    fromFile = profileNames(valueAt(doc, ['spring', 'profiles', 'active'])) ?? fromFile;
    include.push(...(profileNames(valueAt(doc, ['spring', 'profiles', 'include'])) ?? []));
    const group = valueAt(doc, ['spring', 'profiles', 'group']);
    if (isRecord(group))
      for (const [name, members] of Object.entries(group)) {
        const listed = profileNames(members);
        if (listed) groups.set(name, listed);
      }
  }
  const active = new Set([...(profiles?.length ? profiles : (fromFile ?? ['default'])), ...include]);
  for (const name of active) for (const member of groups.get(name) ?? []) active.add(member);
  return active;
}

/** A document's activation, read without changing it. */
const activationOf = (doc: unknown): Activation => (isRecord(doc) ? takeActivation(doc, false) : {});

/** What a document's activation says when Spring would refuse its profile expression. */
export const NOT_A_PROFILE_EXPRESSION = 'spring.config.activate.on-profile is not a profile expression Spring reads';

/**
 * The documents of a multi-document YAML configuration file read as Spring Boot reads
 * `application.yml`: in order, a later document's settings over an earlier one's, a mapping merged
 * key by key and anything else (a list, a scalar) replaced whole. A document activated by
 * `spring.config.activate.on-profile` (or Boot 2.3's `spring.profiles: NAME`) is read only when its
 * profile expression matches the active profiles (`default` when none is given, as Spring has it);
 * one activated by `spring.config.activate.on-cloud-platform` only on that platform, which a file
 * cannot say, so never. The activation settings themselves are no setting of the application.
 */
export function springMergedDocuments(
  docs: readonly unknown[],
  profiles: readonly string[] | undefined,
  /** Says that document `index` names a profile expression Spring refuses, with what it wrote. */
  refuse: (index: number, problem: string) => never,
): unknown {
  const active = springActiveProfiles(docs, profiles);
  let merged: unknown = null;
  docs.forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    const activation = isRecord(doc) ? takeActivation(doc) : {};
    if (activation.cloudPlatform) return;
    if (activation.profile !== undefined) {
      const matches = profileMatcher(activation.profile);
      if (!matches) refuse(index, NOT_A_PROFILE_EXPRESSION);
      if (!matches(active)) return;
    }
    merged = overlay(merged, doc);
  });
  return merged;
}

interface Activation {
  profile?: string;
  cloudPlatform?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const profileText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && v.every((p) => typeof p === 'string') ? v.join(',') : undefined;

/** Removes a document's activation settings, however its keys are nested or dotted, and says what they were. */
function takeActivation(doc: Record<string, unknown>, remove = true): Activation {
  const profile = take(doc, ['spring', 'config', 'activate', 'on-profile'], undefined, remove);
  // Boot 2.3's form: `spring.profiles` as a name or a list (a mapping there is `active`, `include` or `group`).
  const legacy = profile === undefined ? take(doc, ['spring', 'profiles'], (v) => profileText(v) !== undefined, remove) : undefined;
  const cloud = take(doc, ['spring', 'config', 'activate', 'on-cloud-platform'], undefined, remove);
  const raw = profile ?? legacy;
  const written = raw === undefined ? undefined : (profileText(raw) ?? String(raw));
  return { ...(written !== undefined && { profile: written }), ...(cloud !== undefined && { cloudPlatform: true }) };
}

/** The value at `path` in `node` (its keys may join several parts with dots), left where it is. */
const valueAt = (node: unknown, path: readonly string[]): unknown => (isRecord(node) ? take(node, path, undefined, false) : undefined);

/** Takes the value at `path` out of `node` (its keys may join several parts with dots), pruning mappings left empty; only finds it unless `remove`. */
function take(
  node: Record<string, unknown>,
  path: readonly string[],
  accept: (v: unknown) => boolean = () => true,
  remove = true,
): unknown {
  for (let n = path.length; n >= 1; n--) {
    const key = path.slice(0, n).join('.');
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    if (n === path.length) {
      if (!accept(value)) continue;
      if (remove) delete node[key];
      return value;
    }
    if (!isRecord(value)) continue;
    const found = take(value, path.slice(n), accept, remove);
    if (found === undefined) continue;
    if (remove && Object.keys(value).length === 0) delete node[key];
    return found;
  }
  return undefined;
}

/** `top` over `base`: mappings merged key by key, anything else replaced. */
function overlay(base: unknown, top: unknown): unknown {
  if (!isRecord(base) || !isRecord(top)) return top;
  for (const key of Object.keys(top)) {
    // Own properties only, set with defineProperty: a `__proto__` key is a setting like any other, never a prototype.
    const under = Object.hasOwn(base, key) ? base[key] : undefined;
    Object.defineProperty(base, key, { value: overlay(under, top[key]), writable: true, enumerable: true, configurable: true });
  }
  return base;
}
