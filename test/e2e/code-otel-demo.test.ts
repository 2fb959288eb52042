import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { canonicalKey } from '../../lambdas/core/keys';
import type { Finding } from '../../lambdas/core/model';
import { drift, REPO, scratch } from '../helpers/cli';
import { composeVariables } from '../helpers/service-reads';

const DEMO = path.join(REPO, 'test', 'fixtures', 'opentelemetry-demo');
const ENVS = ['dev', 'prod'];

/** An estate for one service of the demo: dev and prod each get the variables compose.yaml gives it (any value), minus `drop` in prod. */
function serviceEstate(service: string, opts: { drop?: string; ignore?: string[] } = {}): string {
  const vars = composeVariables(service);
  const envFile = (env: string) =>
    vars
      .filter((v) => !(env === 'prod' && v === opts.drop))
      .map((v) => `${v}=value-of-${v.toLowerCase()}\n`)
      .join('');
  const environments = ENVS.map((e) => `  ${e}:\n    sources:\n      - dotenv: { from: ${e}.env }\n`).join('');
  const ignore = opts.ignore?.length ? `, ignore: [${opts.ignore.map((g) => JSON.stringify(g)).join(', ')}]` : '';
  const dir = scratch({
    'drift.yaml': `version: 1\nname: ${service}\nenvironments:\n${environments}baseline:\n  undeclared: ignore\ncode: { path: src/${service}${ignore} }\n`,
    'dev.env': envFile('dev'),
    'prod.env': envFile('prod'),
  });
  cpSync(path.join(DEMO, 'src', service), path.join(dir, 'src', service), { recursive: true });
  return dir;
}

async function findings(dir: string): Promise<Finding[]> {
  const run = await drift(['audit', '-c', path.join(dir, 'drift.yaml'), '--format', 'json', '--no-store']);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
}

// `ignore`: reads compose.yaml leaves unset on purpose (optional Kafka, OpAMP and Postgres, settings left to
// their defaults): real reads, left to code.ignore. `unread`: variables the service's code truly never reads.
const SERVICES: Array<{ service: string; ignore: string[]; unread: string[] }> = [
  { service: 'checkout', ignore: ['KAFKA_*'], unread: [] },
  { service: 'product-catalog', ignore: [], unread: [] },
  { service: 'payment', ignore: [], unread: [] },
  // FRONTEND_ADDR is given to the frontend but read by no file of it.
  { service: 'frontend', ignore: ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'], unread: ['frontend.addr'] },
  // CART_PORT only feeds ASPNETCORE_URLS in compose.yaml.
  { service: 'cart', ignore: ['OPAMP_*'], unread: ['cart.port'] },
  { service: 'accounting', ignore: ['KAFKA_*', 'DB_CONNECTION_STRING'], unread: [] },
  { service: 'recommendation', ignore: [], unread: [] },
  { service: 'ad', ignore: [], unread: [] },
  { service: 'fraud-detection', ignore: ['KAFKA_*'], unread: [] },
  { service: 'email', ignore: ['FLAGD_TLS'], unread: [] },
  { service: 'shipping', ignore: [], unread: [] },
  { service: 'quote', ignore: [], unread: [] },
  // CURRENCY_PORT reaches the server as an argument (the image's command line), not as a read.
  { service: 'currency', ignore: [], unread: ['currency.port'] },
  // k6 reads its own K6_* options; the script reads the rest.
  { service: 'load-generator', ignore: ['K6_DURATION'], unread: [] },
];
const ignoreOf = (service: string): string[] => SERVICES.find((s) => s.service === service)!.ignore;
const unreadOf = (service: string): string[] => SERVICES.find((s) => s.service === service)!.unread;

describe.each(SERVICES)('the code of $service against what compose.yaml gives it', ({ service, ignore, unread }) => {
  test('every variable is read by the code or the platform (no false unread), and the code reads nothing the environments lack', async () => {
    const found = await findings(serviceEstate(service, { ignore }));
    expect(found.filter((f) => f.kind === 'unset').map((f) => f.message)).toEqual([]);
    expect([...new Set(found.filter((f) => f.kind === 'unread').map((f) => f.key))]).toEqual(unread);
    expect(found.filter((f) => f.kind !== 'unset' && f.kind !== 'unread')).toEqual([]);
  });
});

describe.each([
  ['checkout', 'CART_ADDR', 'high', 'src/checkout/main.go:226 (mustMapEnv'],
  ['payment', 'PAYMENT_PORT', 'high', 'src/payment/index.js:58 (process.env'],
  ['cart', 'VALKEY_ADDR', 'high', 'src/cart/src/Program.cs:33 (IConfiguration'],
  ['recommendation', 'PRODUCT_CATALOG_ADDR', 'high', 'src/recommendation/recommendation_server.py:152 (must_map_env'],
  ['recommendation', 'FLAGD_HOST', 'medium', 'src/recommendation/recommendation_server.py:131 ('],
  ['frontend', 'AD_ADDR', 'medium', 'src/frontend/gateways/rpc/Ad.gateway.ts:7 ('],
  ['ad', 'AD_PORT', 'high', 'src/ad/src/main/java/oteldemo/AdService.java:100 ('],
  ['email', 'EMAIL_PORT', 'high', 'src/email/email_server.rb:18 ('],
  ['shipping', 'QUOTE_ADDR', 'medium', 'src/shipping/src/shipping_service/quote.rs:52 ('],
  ['shipping', 'SHIPPING_PORT', 'high', 'src/shipping/src/main.rs:29 ('],
])('%s without %s in prod', (service, name, severity, at) => {
  test(`exactly one unset, ${severity}, naming ${at.split(' ')[0]}`, async () => {
    const all = await findings(serviceEstate(service, { drop: name, ignore: ignoreOf(service) }));
    // Besides the service's true unread keys (see SERVICES).
    const found = all.filter((f) => !(f.kind === 'unread' && unreadOf(service).includes(f.key!)));
    expect(found.map((f) => [f.kind, f.environment, f.key, f.severity])).toEqual([['unset', 'prod', canonicalKey(name), severity]]);
    expect(found[0]!.message).toContain(`the code reads ${name} at ${at}`);
  });

  test(`drift code check --env prod exits ${severity === 'high' ? 1 : 0}; dev passes`, async () => {
    const dir = serviceEstate(service, { drop: name, ignore: ignoreOf(service) });
    const prod = await drift(['code', 'check', '--env', 'prod', '-c', path.join(dir, 'drift.yaml')]);
    expect(prod.code).toBe(severity === 'high' ? 1 : 0);
    expect(prod.stdout).toContain(`${canonicalKey(name)} is not set in prod`);
    const dev = await drift(['code', 'check', '--env', 'dev', '-c', path.join(dir, 'drift.yaml')]);
    expect(dev).toMatchObject({ code: 0, stderr: '' });
    expect(dev.stdout).toMatch(/^dev sets every key the code reads \(\d+\)\n$/);
  });
});
