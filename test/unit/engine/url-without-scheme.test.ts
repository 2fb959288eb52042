import { audit } from '../../../lambdas/core/engine/audit';
import { parseTyped } from '../../../lambdas/core/values/types';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// The story's release needs INVENTORY_SERVICE_URL; production got `inventory.prod.internal:8080`, the
// scheme forgotten. The URL standard reads that as the scheme `inventory.prod.internal` and the path
// `8080`, so `new URL` accepted it and `type: url` passed, while every client the code uses refuses it.
describe('a url-typed value written as host:port', () => {
  it.each(['inventory.prod.internal:8080', 'localhost:6379', 'cache.prod:6379/0', 'db:5432?sslmode=require'])('%j is not a URL', (text) => {
    expect(parseTyped('url', text)).toEqual({ ok: false, error: `"${text}" is not a URL: a host and port without a scheme` });
  });

  it.each([
    'https://inventory.prod.internal:8080',
    'redis://cache.prod:6379/0',
    'jdbc:postgresql://db.prod:5432/app',
    'mailto:ops@example.com',
    'urn:isbn:0451450523',
  ])('%j is still a URL', (text) => {
    expect(parseTyped('url', text).ok).toBe(true);
  });

  it('is a constraint finding in the environment that runs it', () => {
    const estate = estateFrom(
      estateYaml(
        ['staging', 'production'],
        'baseline:\n  keys:\n    inventory.service.url: { type: url, required: true, per-environment: true }\n',
      ),
    );
    const findings = audit(
      estate,
      [
        snapshot('staging', { values: { 'inventory.service.url': 'https://inventory.stg.internal:8080' } }),
        snapshot('production', { values: { 'inventory.service.url': 'inventory.prod.internal:8080' } }),
      ],
      NOW,
    ).findings;
    expect(findings.map((f) => [f.kind, f.environment, f.message])).toEqual([
      [
        'constraint',
        'production',
        'inventory.service.url is inventory.prod.internal:8080 in production: "inventory.prod.internal:8080" is not a URL: a host and port without a scheme',
      ],
    ]);
  });
});
