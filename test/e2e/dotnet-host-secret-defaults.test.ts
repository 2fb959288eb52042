import { drift, scratch } from '../helpers/cli';

// appsettings.Staging.json's value is the default of a read in a Staging host (CodeRead.hostEnvironments): a key the
// estate's baseline makes secret keeps it out of every scan that leaves the machine, as it does appsettings.json's.
describe("a secret key's default in an environment's appsettings file", () => {
  test('is not shown by code scan -c, nor kept in the audit of a Staging host', async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: api
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
code: { path: src }
baseline:
  keys:
    api.relay: { secret: true }
`,
      'staging.env': 'ASPNETCORE_ENVIRONMENT=Staging\n',
      'src/Api/Program.cs':
        'class Program {\n  static void Main(IConfiguration configuration) {\n    var r = configuration["Api:Relay"];\n  }\n}\n',
      'src/Api/appsettings.json': '{ "Api": { "Relay": "CANARYbase" } }',
      'src/Api/appsettings.Staging.json': '{ "Api": { "Relay": "CANARYstaging" } }',
    });
    const scan = await drift(['code', 'scan', 'src', '-c', 'drift.yaml', '--format', 'json'], { cwd: dir });
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('Api:Relay');
    expect(scan.stdout).not.toContain('CANARY');
    const audit = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    expect(audit.stdout).toContain('api.relay is not set in staging');
    expect(audit.stdout).not.toContain('CANARY');
    const explain = await drift(['explain', 'staging', 'api.relay', '--no-store', '--format', 'json'], { cwd: dir });
    expect(explain.stdout).not.toContain('CANARY');
  });
});
