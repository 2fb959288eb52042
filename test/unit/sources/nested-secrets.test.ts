import {
  configFileBytesObservations,
  configFileObservations,
  dotenvObservations,
  parseConfigText,
} from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { displayValue } from '../../../lambdas/core/values/value';
import { testContext } from '../../helpers/context';

const CANARY = 'CANARY-nested-5b1d';
const ctx = testContext(undefined, ['payment.gateway']);

const shown = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, displayValue(o.value, 10_000)]));
const kinds = (r: SourceParseResult): Record<string, string> => Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind]));

/** The file read both ways: parsed whole (YAML), and from its bytes (JSON, read in place). */
function bothWays(doc: unknown): SourceParseResult[] {
  const json = JSON.stringify(doc);
  return [
    configFileObservations(parseConfigText(json, 'c.yaml'), 'c.yaml', ctx),
    configFileBytesObservations(Buffer.from(json), 'c.json', ctx),
  ];
}

describe('secrets nested in arrays and under secret keys', () => {
  it('fingerprints an array that holds a secret-named key, at any depth, read either way', () => {
    const doc = {
      users: [{ name: 'alice', password: CANARY }],
      groups: [[{ name: 'ops', members: [{ apiKey: `${CANARY}-2` }] }]],
      hosts: ['a.example', 'b.example'],
    };
    for (const r of bothWays(doc)) {
      expect(kinds(r)).toEqual({ users: 'secret', groups: 'secret', hosts: 'text' });
      expect(JSON.stringify(shown(r))).not.toContain(CANARY);
    }
  });

  it('makes every key under a `secret: true` key secret, whatever the source spells it', () => {
    for (const r of bothWays({ payment: { gateway: { pin: CANARY, user: 'svc' }, timeout: '5s' } })) {
      expect(kinds(r)).toEqual({ 'payment.gateway.pin': 'secret', 'payment.gateway.user': 'secret', 'payment.timeout': 'text' });
      expect(JSON.stringify(shown(r))).not.toContain(CANARY);
    }
    const env = dotenvObservations(`PAYMENT_GATEWAY_PIN=${CANARY}\nPAYMENT_GATEWAY=x\nPAYMENT_GATEWAYS=plain\n`, 'v.env', ctx);
    expect(kinds(env)).toEqual({ 'payment.gateway.pin': 'secret', 'payment.gateway': 'secret', 'payment.gateways': 'text' });
    expect(JSON.stringify(shown(env))).not.toContain(CANARY);
  });
});
