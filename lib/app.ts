import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Aws, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadEstate } from '../lambdas/adapters/estate-file';
import { formatProblem, type EstateProblem } from '../lambdas/core/estate/estate-error';
import { readDriftContext } from './app-context';
import { deployProblems } from './deployable';
import { DEFAULT_READER_ROLE_NAME, DEFAULT_SCHEDULE } from './drift-auditor';
import { renderRbac } from './eks-rbac';
import { InstallationStack, type LoadedEstate } from './installation-stack';
import { MemberReadRoleStack } from './member-read-role-stack';
import { ReadRegionStack } from './read-region-stack';
import { parseRoleArn, readsWhere, type ReadScope } from './read-access';
import { DriftError } from '../lambdas/core/errors';

export { ContextError } from './context-values';

/**
 * A broken estate file (the same `file:line:column: message` lines `drift validate` prints), or one
 * that cannot be deployed (recorded sources, names that are not names), positioned the same way.
 */
export class EstateFileError extends DriftError {
  override name = 'EstateFileError';
  readonly userFacing = true;
}

export interface DriftAppOptions extends AppProps {
  /** Estate paths are relative to this folder (the CLI's working folder); default `process.cwd()`. */
  cwd?: string;
  projectRoot?: string;
}

/** Loads and validates every estate file, and checks it can be deployed; any problem fails synth with positioned errors. */
export async function loadEstates(files: string[], cwd: string, installationAccount?: string): Promise<LoadedEstate[]> {
  const loaded: LoadedEstate[] = [];
  const problems: string[] = [];
  const show = (ps: EstateProblem[]) =>
    problems.push(...ps.map((p) => formatProblem({ ...p, file: path.relative(cwd, p.file) || p.file })));
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    const r = await loadEstate(abs);
    if (!r.ok) show(r.problems);
    else {
      const refused = deployProblems(r.estate, abs, installationAccount);
      if (refused.length) show(refused);
      else loaded.push({ estate: r.estate, file: abs });
    }
  }
  if (problems.length) throw new EstateFileError(problems.join('\n'));
  return loaded;
}

/**
 * The CDK app, configured from `cdk.json` context: the installation stack, and a member read-role
 * stack per member role the estates name. cdk-nag AwsSolutions checks every stack.
 */
export async function buildDriftApp(
  opts: DriftAppOptions = {},
): Promise<{ app: App; installation: InstallationStack; members: MemberReadRoleStack[]; regions: ReadRegionStack[]; rbacYaml: string }> {
  const { cwd = process.cwd(), projectRoot = path.resolve(__dirname, '..'), ...appProps } = opts;
  const app = new App(appProps);
  const ctx = readDriftContext((k) => app.node.tryGetContext(k));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const estates = await loadEstates(ctx.estates, cwd, ctx.installationAccount ?? env.account);
  const readerRoleName = ctx.readerRoleName ?? DEFAULT_READER_ROLE_NAME;

  const installation = new InstallationStack(app, ctx.stackName ?? 'DriftInstallation', {
    env,
    projectRoot,
    estates,
    schedule: ctx.schedule ?? DEFAULT_SCHEDULE,
    timezone: ctx.timezone ?? 'UTC',
    slackWebhookSecretArn: ctx.slackWebhookSecretArn,
    alarmEmail: ctx.alarmEmail,
    vpcId: ctx.vpcId,
    memberRoles: ctx.memberRoles,
    envFileBuckets: ctx.envFileBuckets,
    readerRoleName,
    reportBaseUrl: ctx.reportBaseUrl,
    tickets: ctx.tickets,
  });

  // One member stack per read role: deployed (with `cdk deploy DriftMemberRead-…`) in that account.
  const members: MemberReadRoleStack[] = [];
  const regions: ReadRegionStack[] = [];
  const installationAccount = ctx.installationAccount ?? env.account;
  for (const roleArn of installation.reads.roleArns) {
    if (!installationAccount) break;
    const { account, name } = parseRoleArn(roleArn);
    const mine = readsWhere(installation.reads, (r) => r.roleArn === roleArn);
    // The role's stack in the first region its environments name; access entries and event rules
    // are regional, so each other region gets a ReadRegionStack of its own.
    const [region, ...others] = [
      ...new Set(
        Object.values<ReadScope[]>(mine)
          .flat()
          .flatMap((r) => (r.region ? [r.region] : [])),
      ),
    ];
    const id = `DriftMemberRead-${account}-${name}`.replace(/[^A-Za-z0-9-]/g, '-');
    const member = new MemberReadRoleStack(app, id, {
      env: { account, region },
      installationAccount,
      installationRoleName: readerRoleName,
      installationRegion: env.region,
      roleName: name,
      ...mine,
      envFileBuckets: ctx.envFileBuckets,
      regionStacks: others.length > 0,
    });
    members.push(member);
    for (const other of others) {
      const regional = new ReadRegionStack(app, `${id}-${other}`.replace(/[^A-Za-z0-9-]/g, '-'), {
        env: { account, region: other },
        roleArn,
        eks: mine.eks.filter((r) => r.region === other),
        installationAccount,
        installationRegion: env.region,
      });
      regional.addDependency(member);
      regions.push(regional);
    }
  }
  // The installation's own account in other regions: its clusters' access entries for the snapshot
  // role, and its change events forwarded to the installation's bus (both regional resources).
  if (env.region) {
    const direct = readsWhere(installation.reads, (r) => !r.roleArn);
    const ownRegions = [
      ...new Set(
        Object.values<ReadScope[]>(direct)
          .flat()
          .flatMap((r) => (r.region && r.region !== env.region ? [r.region] : [])),
      ),
    ].sort();
    for (const other of ownRegions) {
      const regional = new ReadRegionStack(app, `${installation.stackName}-${other}`, {
        env: { account: env.account, region: other },
        description: 'drift: the installation account’s EKS access entries and change-event forwarding in one more region',
        roleArn: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${readerRoleName}`,
        eks: direct.eks.filter((r) => r.region === other),
        installationAccount: env.account ?? Aws.ACCOUNT_ID,
        installationRegion: env.region,
      });
      regional.addDependency(installation);
      regions.push(regional);
    }
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, installation, members, regions, rbacYaml: renderRbac(installation.reads.eks) };
}

/** Synthesizes the app and writes the cluster owners' Role/RoleBinding beside the templates. */
export function synthDriftApp(built: { app: App; rbacYaml: string }): string | undefined {
  const assembly = built.app.synth();
  if (!built.rbacYaml) return undefined;
  const file = path.join(assembly.directory, 'drift-eks-rbac.yaml');
  writeFileSync(file, built.rbacYaml);
  return file;
}
