import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// dotnet-architecture/eShopOnWeb: the Web project's appsettings.json (saved with a UTF-8 BOM) and the
// Docker environment's appsettings.Docker.json. .NET spells a setting's path with colons
// (`Logging:LogLevel:Default`): IConfiguration, `dotnet user-secrets` (whose secrets.json holds flat
// colon keys), Azure App Service settings and the `key:path` of a JSON file's own keys.
const ESHOP = path.join(REPO, 'test/fixtures/realworld/eshoponweb');
const read = (name: string) => readFileSync(path.join(ESHOP, name), 'utf8');

interface Finding {
  kind: string;
  environment?: string;
  group?: string;
  key?: string;
  actual?: string;
  expected?: string;
  values?: Record<string, string | null>;
}

const files = {
  'drift.yaml': `version: 1
name: eshop-web
environments:
  docker:
    sources:
      - { file: { from: appsettings.json }, defaults: true }
      - file: { from: appsettings.Docker.json }
  production:
    sources:
      - { file: { from: appsettings.json }, defaults: true }
      - file: { from: secrets.json }
parity:
  - { name: all, environments: [docker, production] }
baseline:
  undeclared: ignore
  keys:
    "Logging:LogLevel:Default": { enum: [Trace, Debug, Information, Warning, Error, Critical, None] }
    "ConnectionStrings:CatalogConnection": { per-environment: true, required: true }
    "Logging:LogLevel:System": { value: Information }
`,
  'appsettings.json': read('appsettings.json'),
  'appsettings.Docker.json': read('appsettings.Docker.json'),
  // As \`dotnet user-secrets set "Logging:LogLevel:Default" Warning\` writes it.
  'secrets.json': JSON.stringify(
    {
      'ConnectionStrings:CatalogConnection': 'Server=prod-sql,1433;Initial Catalog=Microsoft.eShopOnWeb.CatalogDb;User Id=app;',
      'Logging:LogLevel:Default': 'Warning',
      'Logging:LogLevel:System': 'Information',
    },
    null,
    2,
  ),
};

describe("eShopOnWeb's appsettings, and .NET's colon-separated setting paths", () => {
  test('a colon-separated path is the same key as the nested one, in the baseline, in a file and on the command line', async () => {
    const dir = scratch(files);
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    // Docker logs at Debug, production at Warning: one key, so one parity finding, not two half-absent keys.
    const level = findings.filter((f) => f.key === 'logging.log.level.default');
    expect(level.map((f) => [f.kind, f.values])).toEqual([['parity', { docker: 'Debug', production: 'Warning' }]]);
    expect(findings.filter((f) => f.kind === 'missing')).toEqual([]);
    expect(findings.filter((f) => f.key === 'logging.log.level.system')).toEqual([]);
    expect(run.stdout).not.toContain('Logging:');
    expect(run.stdout).not.toContain('logging:');

    const explain = await drift(['explain', 'production', 'ConnectionStrings:CatalogConnection', '--no-store', '--trust-estate-paths'], {
      cwd: dir,
    });
    expect(explain.stderr).toBe('');
    expect(explain.stdout).toContain('connection.strings.catalog.connection in production');
    expect(explain.stdout).toContain('secrets.json#ConnectionStrings:CatalogConnection');
  });
});
