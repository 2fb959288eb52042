import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAppConfig, type AppConfigDocument } from '../../../lambdas/core/sources/appconfig';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const IDS = { application: 'k3x9q2m', environment: 'p7d1w4s', profile: 'c4f6j1r' };
const FLAG_IDS = { ...IDS, profile: 'f9b3t7e' };
const AT = 'k3x9q2m/p7d1w4s/c4f6j1r';
const EXAMPLES = path.join(__dirname, '../../../examples/more-sources/appconfig');
const ctx = () => testContext(testLabel('appconfig', 'appconfig k3x9q2m/p7d1w4s/c4f6j1r'));

const example = (file: string): AppConfigDocument => ({ file: `appconfig/${file}`, text: readFileSync(path.join(EXAMPLES, file), 'utf8') });
const values = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : `<${o.value.kind}>`]));
const parse = (documents: AppConfigDocument[], ids = IDS, versionLabel?: string) =>
  parseAppConfig({ documents, ...(versionLabel ? { versionLabel } : {}) }, ids, ctx());

describe('AppConfig content', () => {
  test('a JSON profile is flattened like a configuration file, each value at the profile and its key path', () => {
    const r = parse([example('production/settings.json')]);
    expect(r.errors).toEqual([]);
    expect(values(r)).toEqual({
      'payment.timeout': '45s',
      'payment.max.retries': '3',
      'payment.provider': 'adyen',
      'checkout.session.ttl': '30m',
      'checkout.max.cart.items': '100',
      'checkout.allowed.currencies': '["EUR","USD","GBP"]',
      'inventory.reservation.ttl': '15m',
    });
    expect(r.observations[1]).toMatchObject({ rawKey: 'payment.max_retries', origin: { location: `${AT}#payment.max_retries` } });
  });

  test('YAML by extension or Content-Type, text as KEY=VALUE lines', () => {
    const yaml = 'payment:\n  timeout: 45s\nlog_level: INFO\n';
    const asFile = parse([{ file: 'settings.yaml', text: yaml }]);
    const served = parse([{ file: 'served', text: yaml, contentType: 'application/x-yaml; charset=utf-8' }]);
    expect(values(asFile)).toEqual({ 'payment.timeout': '45s', 'log.level': 'INFO' });
    expect(values(served)).toEqual(values(asFile));

    const text = '# checkout\nPAYMENT_TIMEOUT=45s\nlog.level = INFO\n';
    const props = parse([{ file: 'settings.properties', text }]);
    expect(props.errors).toEqual([]);
    expect(values(props)).toEqual({ 'payment.timeout': '45s', 'log.level': 'INFO' });
    expect(props.observations[0]?.origin.location).toBe(`${AT}:2`);
    expect(values(parse([{ file: 'served', text, contentType: 'text/plain' }]))).toEqual(values(props));
  });

  test('a content type that says nothing (an S3 object) is read by what the content looks like', () => {
    const octet = (text: string) => parse([{ file: 'served', text, contentType: 'binary/octet-stream' }]);
    expect(values(octet('{"a": {"b": 1}}'))).toEqual({ 'a.b': '1' });
    expect(values(octet('# x\nA_B=1\n'))).toEqual({ 'a.b': '1' });
    expect(values(octet('a:\n  b: 1\n'))).toEqual({ 'a.b': '1' });
  });

  test('an empty profile has no values and no error', () => {
    expect(parse([{ file: 'served', text: '', contentType: 'application/json' }])).toEqual({ observations: [], dangling: [], errors: [] });
  });

  test('keys named like secrets are fingerprinted as they are read', () => {
    const r = parse([{ file: 's.json', text: JSON.stringify({ db: { password: CANARY }, stripe_api_key: CANARY, host: 'db.internal' }) }]);
    expect(values(r)).toEqual({ 'db.password': '<secret>', 'stripe.api.key': '<secret>', host: 'db.internal' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('AppConfig feature flags', () => {
  test('a flags document gives <flag>.enabled and <flag>.<attribute>, typed; a disabled flag only its enabled', () => {
    const r = parse([example('production/flags.json')], FLAG_IDS);
    expect(r.errors).toEqual([]);
    expect(values(r)).toEqual({
      'new.checkout.enabled': 'true',
      'new.checkout.rollout.percent': '25',
      'new.checkout.variant': 'one_page',
      'express.pay.enabled': 'true',
      'express.pay.providers': '["apple_pay","google_pay"]',
      'maintenance.banner.enabled': 'false',
      'strict.fraud.check.enabled': 'true',
    });
    expect(r.observations[1]?.origin.location).toBe('k3x9q2m/p7d1w4s/f9b3t7e#new_checkout.rollout_percent');
  });

  test('the document and what AppConfig serves for it are read alike', () => {
    const served = {
      new_checkout: { enabled: true, rollout_percent: 25, variant: 'one_page' },
      express_pay: { enabled: true, providers: ['apple_pay', 'google_pay'] },
      maintenance_banner: { enabled: false },
      strict_fraud_check: { enabled: true },
    };
    const live = parse([{ file: 'served', text: JSON.stringify(served), contentType: 'application/json' }], FLAG_IDS);
    expect(live.observations).toEqual(parse([example('production/flags.json')], FLAG_IDS).observations);
  });

  test('an attribute named like a secret is fingerprinted', () => {
    const doc = {
      version: '1',
      flags: { partner_api: { name: 'Partner API', attributes: { api_token: { constraints: { type: 'string' } } } } },
      values: { partner_api: { enabled: true, api_token: CANARY } },
    };
    const r = parse([{ file: 'flags.json', text: JSON.stringify(doc) }], FLAG_IDS);
    expect(values(r)).toEqual({ 'partner.api.enabled': 'true', 'partner.api.api.token': '<secret>' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('values that break their definitions are errors by path, never by value', () => {
    const doc = {
      version: '1',
      flags: {
        limits: {
          attributes: {
            max: { constraints: { type: 'number', required: true } },
            tags: { constraints: { type: 'array', elements: { type: 'number' } } },
          },
        },
        banner: {},
      },
      values: { limits: { enabled: true, tags: [CANARY], extra: CANARY }, banner: { enabled: 'yes' }, ghost: { enabled: true } },
    };
    const r = parse([{ file: 'appconfig/flags.json', text: JSON.stringify(doc) }], FLAG_IDS);
    expect(r.errors).toEqual([
      'appconfig/flags.json#values.limits.tags: its definition says array of number, the value is array',
      'appconfig/flags.json#values.limits.extra: not an attribute defined under flags.limits.attributes',
      'appconfig/flags.json#values.limits.max: required by its definition, and missing',
      'appconfig/flags.json#values.banner.enabled: expected true or false',
      'appconfig/flags.json#values.ghost: no such flag under flags',
    ]);
    expect(values(r)).toEqual({ 'limits.enabled': 'true', 'banner.enabled': 'false' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});

describe('AppConfig deployments and malformed input', () => {
  test('a get-deployment output beside the content gives version, time and the deployment', () => {
    const r = parse([example('production/settings.json'), example('production/settings.deployment.json')]);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.origin).toEqual({
      source: ctx().source,
      location: `${AT}#payment.timeout`,
      version: 9,
      modifiedAt: '2026-11-20T10:01:12.482Z',
      modifiedBy: 'deployment 14 (triggered by USER)',
    });
  });

  test('without a deployment the version label stands for the version', () => {
    const r = parse([{ file: 'served', text: '{"a": 1}', contentType: 'application/json' }], IDS, 'v9');
    expect(r.observations[0]?.origin).toEqual({ source: ctx().source, location: `${AT}#a`, version: 'v9' });
  });

  test('a deployment of another profile is an error and dates nothing', () => {
    const r = parse([example('production/settings.json'), example('production/flags.deployment.json')]);
    expect(r.errors).toEqual(['appconfig/production/flags.deployment.json: a deployment of another profile than k3x9q2m/p7d1w4s/c4f6j1r']);
    expect(r.observations[0]?.origin.version).toBeUndefined();
    expect(r.observations).toHaveLength(7);
  });

  test('broken JSON, YAML and text are reported by position, without quoting them', () => {
    const json = parse([{ file: 'appconfig/s.json', text: `{\n  "password": ${CANARY}\n}` }]);
    expect(json).toEqual({ observations: [], dangling: [], errors: ['appconfig/s.json:2:15: invalid JSON at offset 16'] });
    const yaml = parse([{ file: 'appconfig/s.yaml', text: `a: 1\nb:\n  c: 2\n d: ${CANARY}\n` }]);
    expect(yaml.errors).toEqual(['appconfig/s.yaml:4:1: invalid YAML: All mapping items must start at the same column (BAD_INDENT)']);
    const text = parse([{ file: 'appconfig/s.txt', text: `A=1\n${CANARY}\n` }]);
    expect(text.errors).toEqual([`${AT}: line 2: expected KEY=VALUE`]);
    expect(values(text)).toEqual({ a: '1' });
    expect(JSON.stringify([json, yaml, text])).not.toContain(CANARY);
  });

  test('one profile has one content; multi-variant flags served as Ion are not read', () => {
    expect(
      parse([
        { file: 'a.json', text: '{}' },
        { file: 'b.json', text: '{}' },
      ]).errors,
    ).toEqual(['a.json, b.json: a profile has one configuration, and these are several']);
    expect(parse([example('production/settings.deployment.json')]).errors).toEqual([
      'appconfig/production/settings.deployment.json: no configuration content',
    ]);
    expect(parse([{ file: 'served', text: CANARY, contentType: 'application/ion' }]).errors).toEqual([
      'served: multi-variant feature flags (served as Amazon Ion) are not read',
    ]);
  });
});

describe('AppConfig YAML content with aliases', () => {
  test('a value reached through an alias of a secret is that secret, as in a configuration file', () => {
    const yaml = `db:\n  password: &pw ${CANARY}\nreplica:\n  copy: *pw\n  host: db-2\n`;
    const r = parse([{ file: 'settings.yaml', text: yaml }]);
    expect(values(r)).toEqual({ 'db.password': '<secret>', 'replica.copy': '<secret>', 'replica.host': 'db-2' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });
});
