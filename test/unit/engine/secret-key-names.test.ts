import { makeFingerprinter } from '../../../lambdas/core/fingerprint';
import type { EnvironmentSnapshot, Observation } from '../../../lambdas/core/model';
import { secretKeyNamesHidden } from '../../../lambdas/core/engine/secret-key-names';
import type { NameVerdicts } from '../../../lambdas/core/sources/interner';
import { shownFor } from '../../../lambdas/core/values/hidden-names';

const fp = makeFingerprinter(Buffer.alloc(32, 7));
const TOKEN = 'ghp_CANARYUNIT0123456789ABCDEFGHIJKLMNOP';
const NAME = `/prod/api/tokens/${TOKEN}`;
const source = { type: 'ssm', index: 0, name: 'ssm /prod/api/' } as never;

const observation = (key: string, rawKey: string): Observation => ({
  key,
  rawKey,
  value: { kind: 'text', text: 'release-bot' },
  origin: { source, location: rawKey },
});

const snapshot = (observations: Observation[], locations?: string[]): EnvironmentSnapshot => ({
  environment: 'prod',
  sources: [{ source, observations, dangling: [], errors: [], ...(locations ? { partial: { locations } } : {}) }],
});

describe('secretKeyNamesHidden', () => {
  test('a snapshot with no credential in any name is returned as it is', () => {
    const plain = snapshot([observation('db.host', '/prod/api/db/host')], ['/prod/api/db/host']);
    expect(secretKeyNamesHidden(plain, fp)).toBe(plain);
  });

  test('the credential part of a name is fingerprinted in key, spelling, location and a targeted read’s places alike, and its value made secret', () => {
    const hidden = secretKeyNamesHidden(snapshot([observation(`tokens.${TOKEN.toLowerCase().replace('_', '.')}`, NAME)], [NAME]), fp);
    const s = hidden.sources[0]!;
    const o = s.observations[0]!;
    expect(o.key).toMatch(/^tokens\.secret\.[0-9a-f]{8}$/);
    const shown = o.key.slice('tokens.'.length);
    expect(o.rawKey).toBe(`/prod/api/tokens/${shown.replace('.', '_')}`);
    expect(o.origin.location).toBe(o.rawKey);
    expect(s.partial!.locations).toEqual([o.origin.location]);
    expect(o.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('release-bot'), keyId: fp.keyId });
    expect(JSON.stringify(hidden)).not.toMatch(/canaryunit/i);
  });

  test('a name is put to the rules once a run: the verdicts kept from an earlier environment are used by the next', () => {
    const verdicts: NameVerdicts = new Map();
    const first = secretKeyNamesHidden(
      snapshot([observation('tokens.x', NAME), observation('db.host', '/prod/api/db/host')]),
      fp,
      verdicts,
    );
    // Only names with a token's run of letters and digits are judged and kept; the verdict is the credential part.
    expect([...verdicts]).toEqual([[NAME, [TOKEN]]]);
    // A verdict kept for a name is what a later environment gets for it, without the rules: a kept "nothing" hides nothing.
    verdicts.set(NAME, []);
    const later = snapshot([observation('tokens.x', NAME)]);
    expect(secretKeyNamesHidden(later, fp, verdicts)).toBe(later);
    expect(first.sources[0]!.observations[0]!.rawKey).not.toContain(TOKEN);
  });

  test('one setting is one key however its source spells the name: SSM folders, a dotenv name, a nested file key', () => {
    const keyOf = (key: string, rawKey: string): string =>
      secretKeyNamesHidden(snapshot([observation(key, rawKey)]), fp).sources[0]!.observations[0]!.key;
    const canonical = `tokens.${TOKEN.toLowerCase().replace('_', '.')}`;
    const ssm = keyOf(canonical, NAME);
    expect(ssm).toMatch(/^tokens\.secret\.[0-9a-f]{8}$/);
    // Only the credential is hidden: the words around it stay, and the same credential reads the same.
    expect(keyOf(canonical, `TOKENS_${TOKEN}`)).toBe(ssm);
    expect(keyOf(canonical, `tokens.${TOKEN}`)).toBe(ssm);
    expect(keyOf(`${canonical}.owner`, `TOKENS_${TOKEN}_OWNER`)).toBe(`${ssm}.owner`);
    // .NET's path separator too (`Tokens:ghp_…`, as a flat secrets.json or IConfiguration spells it).
    expect(keyOf(canonical, `Tokens:${TOKEN}`)).toBe(ssm);
    expect(keyOf(`${canonical}.owner`, `Tokens:${TOKEN}:Owner`)).toBe(`${ssm}.owner`);
  });

  test('a dangling reference to a key whose name is a credential names it hidden, as the key is everywhere else', () => {
    const dangling = {
      key: 'ci.bot',
      target: `ConfigMap shop/clients key ${TOKEN}`,
      detail: `ConfigMap shop/clients has no key ${TOKEN}`,
      origin: { source, location: 'k8s Deployment shop/api container api' },
    };
    const env: EnvironmentSnapshot = {
      environment: 'prod',
      sources: [{ source, observations: [observation('tokens.x', NAME)], dangling: [dangling], errors: [] }],
    };
    const hidden = secretKeyNamesHidden(env, fp).sources[0]!;
    const shown = hidden.observations[0]!.rawKey.split('/').at(-1)!;
    expect(hidden.dangling[0]!.target).toBe(`ConfigMap shop/clients key ${shown}`);
    expect(hidden.dangling[0]!.detail).toBe(`ConfigMap shop/clients has no key ${shown}`);
    expect(JSON.stringify(hidden)).not.toMatch(/canaryunit/i);
  });

  test('the keys a running task or pod read are spelt as the hidden key, so stale-runtime still finds them', () => {
    const canonical = `tokens.${TOKEN.toLowerCase().replace('_', '.')}`;
    const unit = { unit: 'pod' as const, id: 'api-1', startedAt: '2026-11-01T00:00:00Z', reads: [canonical, 'db.host'] };
    const env: EnvironmentSnapshot = {
      environment: 'prod',
      sources: [
        {
          source,
          observations: [observation(canonical, NAME), observation('db.host', '/prod/api/db/host')],
          dangling: [],
          errors: [],
          runtime: { workload: 'Deployment shop/api', units: [unit] },
        },
      ],
    };
    const hidden = secretKeyNamesHidden(env, fp).sources[0]!;
    expect(hidden.runtime!.units[0]!.reads).toEqual([hidden.observations[0]!.key, 'db.host']);
    expect(JSON.stringify(hidden)).not.toMatch(/canaryunit/i);
  });

  test('a subPath mount of a key whose name is a credential names it hidden, in its key and its mount path', () => {
    const mount = {
      object: 'ConfigMap shop/clients',
      key: TOKEN,
      mountPath: `/etc/clients/${TOKEN}`,
      modifiedAt: '2026-11-20T00:00:00Z',
    };
    const unit = { unit: 'pod' as const, id: 'api-1', startedAt: '2026-11-01T00:00:00Z', reads: ['db.host'] };
    const env: EnvironmentSnapshot = {
      environment: 'prod',
      sources: [
        {
          source,
          observations: [observation('tokens.x', NAME)],
          dangling: [],
          errors: [],
          runtime: { workload: 'Deployment shop/api', units: [unit], mounts: [mount] },
        },
      ],
    };
    const hidden = secretKeyNamesHidden(env, fp).sources[0]!;
    const shown = hidden.observations[0]!.rawKey.split('/').at(-1)!;
    expect(hidden.runtime!.mounts).toEqual([{ ...mount, key: shown, mountPath: `/etc/clients/${shown}` }]);
    expect(JSON.stringify(hidden)).not.toMatch(/canaryunit/i);
  });

  test('an error that names a credential shows it as the hidden name does', () => {
    const errors = [`${NAME}: LastModifiedDate is not a date`, 'env.json: invalid JSON at 3:1'];
    const hidden = secretKeyNamesHidden(
      { environment: 'prod', sources: [{ source, observations: [observation('tokens.x', NAME)], dangling: [], errors }] },
      fp,
    );
    const s = hidden.sources[0]!;
    expect(s.errors[0]).toBe(`${s.observations[0]!.rawKey}: LastModifiedDate is not a date`);
    expect(s.errors[1]).toBe('env.json: invalid JSON at 3:1');
    expect(JSON.stringify(hidden)).not.toMatch(/canaryunit/i);
  });

  // An access key id's rule wants it alone (`\bAKIA…\b`): `APP_AKIA…` is no credential to it, though the
  // ConfigMap key the prefix is joined to is one. The variable is named as that key is, and as a
  // recording reads back (the key written hidden, the prefix kept).
  test('a ConfigMap key that is a credential, joined to an envFrom prefix the rules do not cut it from, is hidden in the variable too', () => {
    const ACCESS_KEY_ID = 'AKIAZ7Q3K5RTXW4MPLN2';
    const k8s = { type: 'k8s', index: 0, name: 'k8s m/ worker' } as never;
    const read: Observation = {
      key: `app.${ACCESS_KEY_ID.toLowerCase()}`,
      rawKey: `APP_${ACCESS_KEY_ID}`,
      value: { kind: 'text', text: 'ci-bot' },
      origin: { source: k8s, location: `ConfigMap shop/clients ${ACCESS_KEY_ID} (envFrom prefix APP_)` },
    };
    const hidden = secretKeyNamesHidden(
      { environment: 'prod', sources: [{ source: k8s, observations: [read], dangling: [], errors: [] }] },
      fp,
    );
    const o = hidden.sources[0]!.observations[0]!;
    const shown = shownFor(ACCESS_KEY_ID, fp);
    expect(o.rawKey).toBe(`APP_${shown}`);
    expect(o.key).toBe(`app.${shown.replace('_', '.')}`);
    expect(o.origin.location).toBe(`ConfigMap shop/clients ${shown} (envFrom prefix APP_)`);
    expect(o.value).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('ci-bot'), keyId: fp.keyId });
    expect(JSON.stringify(hidden)).not.toMatch(/akiaz7q3/i);
  });
});
