import type { Finding } from '../../lambdas/core/model';
import { drift, scratch } from '../helpers/cli';

// A .NET host loads appsettings.json, then appsettings.{Environment}.json of the environment it runs as:
// ASPNETCORE_ENVIRONMENT (or DOTNET_ENVIRONMENT), Production when neither is set. A staging host never reads
// appsettings.Production.json, and gets what appsettings.Staging.json sets.
const PROGRAM = `class Program {
  static void Main(IConfiguration configuration) {
    var a = configuration["Api:OnlyProduction"];
    var b = configuration["Api:OnlyStaging"];
    var c = configuration["Api:Base"];
  }
}
`;

async function unsetFindings(): Promise<Array<[string | undefined, string | undefined, string]>> {
  const dir = scratch({
    'drift.yaml': `version: 1
name: api
environments:
  production:
    sources:
      - dotenv: { from: production.env }
  staging:
    sources:
      - dotenv: { from: staging.env }
  qa:
    sources:
      - dotenv: { from: qa.env }
code: { path: src }
baseline:
  undeclared: ignore
`,
    'production.env': 'LOG_LEVEL=INFO\n',
    'staging.env': 'ASPNETCORE_ENVIRONMENT=Staging\n',
    'qa.env': 'DOTNET_ENVIRONMENT=Staging\n',
    'src/Api/Program.cs': PROGRAM,
    'src/Api/appsettings.json': '{ "Api": { "Base": "b" } }',
    'src/Api/appsettings.Production.json': '{ "Api": { "OnlyProduction": "p" } }',
    'src/Api/appsettings.Staging.json': '{ "Api": { "OnlyStaging": "s" } }',
  });
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
  const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
  return findings
    .filter((f) => f.kind === 'unset')
    .map((f): [string | undefined, string | undefined, string] => [f.environment, f.key, f.severity])
    .sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
}

describe(".NET's appsettings.{Environment}.json as the host's environment picks it", () => {
  test('a Staging host (ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT) falls back to appsettings.Staging.json, never to Production’s', async () => {
    expect(await unsetFindings()).toEqual([
      ['production', 'api.base', 'medium'],
      ['production', 'api.only.production', 'medium'],
      ['production', 'api.only.staging', 'high'],
      ['qa', 'api.base', 'medium'],
      ['qa', 'api.only.production', 'high'],
      ['qa', 'api.only.staging', 'medium'],
      ['staging', 'api.base', 'medium'],
      ['staging', 'api.only.production', 'high'],
      ['staging', 'api.only.staging', 'medium'],
    ]);
  });
});
