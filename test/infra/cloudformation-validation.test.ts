import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildDriftApp } from '../../lib/app';

const REPO = path.resolve(__dirname, '../..');
const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:drift-hook-AbCdEf';

interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    conclusion: string;
    violations: Array<{ ruleName: string; violatingConstructs?: Array<{ constructPath?: string }> }>;
  }>;
}

/** What the CDK's own CloudFormation validation (the one `npx cdk synth` runs) says of every stack of the app. */
async function cloudFormationReport(context: Record<string, unknown>): Promise<{ conclusion: string; violations: string[] }> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'drift-cfn-'));
  const { app } = await buildDriftApp({ cwd: REPO, context: { 'drift:skipBundling': true, ...context }, outdir });
  app.synth();
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  const cfn = report.pluginReports.find((r) => r.pluginName === 'CloudFormation Validate');
  if (!cfn) throw new Error(`no CloudFormation validation ran (plugins: ${report.pluginReports.map((r) => r.pluginName).join(', ')})`);
  const violations = cfn.violations.map((v) => `${v.ruleName} at ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`);
  return { conclusion: cfn.conclusion, violations };
}

describe("the CDK's CloudFormation validation finds nothing in the installation's templates", () => {
  // Test runs turn it off (test/helpers/quiet-cdk.ts): here it is what is tested.
  const off = process.env.CDK_VALIDATION;
  beforeAll(() => delete process.env.CDK_VALIDATION);
  afterAll(() => (process.env.CDK_VALIDATION = off));

  test('the configuration cdk.json deploys (one account, the live example estate)', async () => {
    const cdkJson = JSON.parse(readFileSync(path.join(REPO, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    await expect(cloudFormationReport(cdkJson.context)).resolves.toEqual({ conclusion: 'success', violations: [] });
  });

  test('a tooling account with member read roles, Slack, tickets, an alarm address, env-file buckets and a report URL', async () => {
    const context = {
      estates: ['examples/live/drift.yaml'],
      memberRoles: ['arn:aws:iam::222222222222:role/drift-read'],
      installationAccount: '111111111111',
      installationRegion: 'us-east-1',
      slackWebhookSecretArn: SECRET,
      tickets: 'github:acme/platform',
      ticketsSecretArn: SECRET,
      alarmEmail: 'oncall@example.com',
      envFileBuckets: ['config-bucket'],
      reportBaseUrl: 'https://drift.example.com/reports',
      timezone: 'Europe/Berlin',
      schedule: 'cron(0 3 * * ? *)',
    };
    await expect(cloudFormationReport(context)).resolves.toEqual({ conclusion: 'success', violations: [] });
  });
});
