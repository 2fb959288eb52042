import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// dotnet/eShop: ServiceDefaults' GetRequiredValue, an extension method of IConfiguration every service calls on sections.
const ESHOP = path.join(REPO, 'test/fixtures/realworld/eshop');

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
  message: string;
}

describe("eShop's service defaults", () => {
  test('identitySection.GetRequiredValue("Url") reads Identity:Url: set, it is no unread; missing, it is a HIGH unset', async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: ordering-api
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
code: { path: ${ESHOP}/src }
baseline:
  undeclared: ignore
`,
      'staging.env': 'Identity__Url=http://identity-api\nIdentity__Audience=orders\n',
      // The URL the new release needs that production never got.
      'production.env': 'Identity__Audience=orders\n',
    });
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key?.startsWith('identity.'));
    expect(findings.map((f) => [f.environment, f.kind, f.key, f.severity])).toEqual([['production', 'unset', 'identity.url', 'high']]);
    expect(findings[0]?.message).toContain('the code reads Identity:Url at ');
    expect(findings[0]?.message).toContain('AuthenticationExtensions.cs:35 (GetRequiredValue (wrapper of IConfiguration[])): no default');
  });

  test("appsettings.json's Identity:Audience is the default of the ServiceDefaults read the host runs (a medium unset, not a HIGH without default)", async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: ordering-api
environments:
  production:
    sources:
      - dotenv: { from: production.env }
code: { path: app }
baseline:
  undeclared: ignore
`,
      'production.env': 'Identity__Url=http://identity-api\n',
    });
    cpSync(path.join(ESHOP, 'src'), path.join(dir, 'app'), { recursive: true });
    mkdirSync(path.join(dir, 'app/Ordering.API'));
    // The host's settings, as eShop's Ordering.API writes them; .NET reads JSON with comments and trailing commas.
    writeFileSync(
      path.join(dir, 'app/Ordering.API/appsettings.json'),
      '{\n  // the API this service is\n  "Identity": {\n    "Audience": "orders",\n    "Scopes": { "orders": "Ordering API" },\n  },\n  "OrderingOptions": { "UseCustomizationData": false }\n}\n',
    );
    // Development's settings are not production's defaults.
    writeFileSync(path.join(dir, 'app/Ordering.API/appsettings.Development.json'), '{ "Identity": { "Url": "http://localhost:5223" } }\n');
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key?.startsWith('identity.'));
    expect(findings.map((f) => [f.environment, f.kind, f.key, f.severity])).toEqual([
      ['production', 'unset', 'identity.audience', 'medium'],
    ]);
    expect(findings[0]?.message).toContain(
      'AuthenticationExtensions.cs:36 (GetRequiredValue (wrapper of IConfiguration[])): falls back to orders',
    );
  });
});
