import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import { testContext, testFingerprinter } from '../../helpers/context';

// A YAML alias is a reference to its anchor's node, as ${DB_PASSWORD} is to a dotenv variable: a
// value reached through an alias of a secret is that secret, whatever the key that holds the alias.
const CANARY = 'CANARY-anch0r-9c2d';
const fp = testFingerprinter();
const read = (yaml: string, secretKeys: readonly string[] = []) =>
  Object.fromEntries(
    configFileBytesObservations(Buffer.from(yaml), 'config/app.yml', testContext(undefined, secretKeys)).observations.map((o) => [
      o.key,
      o.value,
    ]),
  );
const secret = (text: string) => ({ kind: 'secret', fingerprint: fp.fingerprint(text), keyId: fp.keyId });

describe('a YAML alias of a secret', () => {
  test('under a plain key, in a list, and merged into another mapping: the secret, fingerprinted', () => {
    const r = read(`db:
  password: &pw ${CANARY}
  user: app
copy: *pw
hosts: [a, *pw]
defaults: &defaults
  api_key: &key ${CANARY}-2
  timeout: 10s
prod:
  <<: *defaults
  sidecar:
    auth: *key
`);
    expect(r['db.password']).toEqual(secret(CANARY));
    expect(r['copy']).toEqual(secret(CANARY));
    expect(r['hosts']?.kind).toBe('secret');
    expect(r['prod.sidecar.auth']).toEqual(secret(`${CANARY}-2`));
    // What the anchor's neighbours and the alias's hold of their own is read as it is.
    expect(r['db.user']).toMatchObject({ kind: 'text', text: 'app' });
    expect(r['prod.timeout']).toMatchObject({ kind: 'text', text: '10s' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('of a key declared secret, and of a mapping holding one', () => {
    const r = read(`signing: &seed ${CANARY}\nconn: &conn { seed: *seed, region: eu }\nother: *conn\nlater: *seed\n`, ['signing']);
    expect(r['later']).toEqual(secret(CANARY));
    expect(r['conn.seed']).toEqual(secret(CANARY));
    expect(r['other.seed']).toEqual(secret(CANARY));
    expect(r['other.region']).toMatchObject({ kind: 'text', text: 'eu' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('an alias of a plain value stays plain', () => {
    const r = read('timeout: &t 30s\nretry:\n  timeout: *t\n');
    expect(r['retry.timeout']).toMatchObject({ kind: 'text', text: '30s' });
  });

  test('inside a mapping the baseline reads whole (type: json): the whole value', () => {
    const ctx = { ...testContext(), jsonKeys: new Set(['cfg']) };
    const r = configFileBytesObservations(
      Buffer.from(`db:\n  password: &pw ${CANARY}\ncfg:\n  primary: *pw\n  region: eu\n`),
      'app.yml',
      ctx,
    );
    const cfg = r.observations.find((o) => o.key === 'cfg');
    expect(cfg?.value.kind).toBe('secret');
    expect(JSON.stringify(r.observations)).not.toContain(CANARY);
  });
});
