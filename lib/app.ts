import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Aws, Validations, type AppProps, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadEstate } from '../lambdas/adapters/estate-file';
import { formatProblem, type EstateProblem } from '../lambdas/core/estate/estate-error';
import { checkSecretRegions, readDriftContext } from './app-context';
import { deployProblems } from './deployable';
import { sameNameProblems } from './estate-names';
import { checkScheduleDays } from './schedule-days';
import { DEFAULT_READER_ROLE_NAME, DEFAULT_SCHEDULE, DEFAULT_STACK_NAME } from './drift-auditor';
import { renderRbac } from './eks-rbac';
import { InstallationStack, type LoadedEstate } from './installation-stack';
import { MemberReadRoleStack } from './member-read-role-stack';
import { checkMemberRolePartitions, checkOneArnPerRole } from './member-roles';
import { constructIds } from './construct-ids';
import { ReadRegionStack, type ReadRegionStackProps } from './read-region-stack';
import { parseRoleArn, readsWhere, type EksRead, type KindReads, type ReadScope } from './read-access';
import { DriftError } from '../lambdas/core/errors';

import { ContextError } from './context-values';

export { ContextError };

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
export async function loadEstates(
  files: string[],
  cwd: string,
  installationAccount?: string,
  installationRegion?: string,
): Promise<LoadedEstate[]> {
  const loaded: LoadedEstate[] = [];
  const problems: string[] = [];
  const shown = (file: string) => path.relative(cwd, file) || file;
  const show = (ps: EstateProblem[]) => problems.push(...ps.map((p) => formatProblem({ ...p, file: shown(p.file) })));
  // One file named twice (`-c estates=a/drift.yaml,./a/drift.yaml`) is one estate.
  for (const abs of new Set(files.map((file) => path.resolve(cwd, file)))) {
    const r = await loadEstate(abs);
    if (!r.ok) show(r.problems);
    else {
      const refused = deployProblems(r.estate, abs, installationAccount, installationRegion);
      if (refused.length) show(refused);
      else loaded.push({ estate: r.estate, file: abs });
    }
  }
  show(sameNameProblems(loaded, shown));
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
  const ctx = readDriftContext((k) => app.node.tryGetContext(k), Object.keys(app.node.getAllContext()));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  // Where the installation runs: as -c installationAccount/installationRegion say (cdk.json), else the
  // credentials' own. A shell defaulting to another region, or a member's credentials, must not move it.
  const home = { account: ctx.installationAccount ?? env.account, region: ctx.installationRegion ?? env.region };
  const estates = await loadEstates(ctx.estates, cwd, home.account, home.region);
  checkMemberRolePartitions(ctx.memberRoles, home.region);
  checkSecretRegions(ctx, home.region);
  checkScheduleDays(ctx.schedule ?? DEFAULT_SCHEDULE, ctx.timezone ?? 'UTC', Date.now());
  const readerRoleName = ctx.readerRoleName ?? DEFAULT_READER_ROLE_NAME;

  const installation = new InstallationStack(app, ctx.stackName ?? DEFAULT_STACK_NAME, {
    env: home,
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
  const installationAccount = home.account;
  // Synth with another account's credentials (a member's, to deploy its stack) knows the installation's
  // region only if told: the member's own would send its change events to a bus that drops them.
  const installationRegion = home.region;
  const elsewhere = ctx.installationAccount && env.account && env.account !== ctx.installationAccount;
  if (elsewhere && !ctx.installationRegion && installation.reads.roleArns.length)
    throw new ContextError(
      `-c installationAccount=${ctx.installationAccount} is not the account of these credentials (${env.account}): ` +
        `also set -c installationRegion=<the region the installation runs in> (in cdk.json, once), where the members' change events go`,
    );
  checkOneArnPerRole(installation.reads.roleArns);
  // drift.read and drift_read are two roles, each with its stack.
  const memberStackId = (arn: string) => {
    const { account, name } = parseRoleArn(arn);
    return `DriftMemberRead-${account}-${name}`;
  };
  const memberStackIds = constructIds(installation.reads.roleArns.map(memberStackId));
  for (const roleArn of installation.reads.roleArns) {
    if (!installationAccount) break;
    const { account, name, path: rolePath } = parseRoleArn(roleArn);
    // With the member's credentials (how its stack is deployed) the default account is the member's:
    // its read role would trust a snapshot role in the member account, and every AssumeRole fail.
    if (!ctx.installationAccount && account === installationAccount)
      throw new ContextError(
        `the read role ${roleArn} is in ${account}, the account of these credentials, taken as the installation's: ` +
          `deploying its DriftMemberRead stack with the member's credentials, set -c installationAccount and -c installationRegion ` +
          `to where the installation runs (in cdk.json, once); a read role in the installation's own account needs -c installationAccount=${account}`,
      );
    const mine = readInRegion(
      readsWhere(installation.reads, (r) => r.roleArn === roleArn),
      installationRegion,
    );
    // The role's stack in the first region its environments name; each other region gets a ReadRegionStack.
    const [region, ...others] = regionsOf(mine);
    const id = memberStackIds.get(memberStackId(roleArn))!;
    const member = new MemberReadRoleStack(app, id, {
      env: { account, region },
      installationAccount,
      installationRoleName: readerRoleName,
      installationRegion,
      roleName: name,
      rolePath,
      ...mine,
      envFileBuckets: ctx.envFileBuckets,
    });
    members.push(member);
    regions.push(...regionStacks(app, member, others, { account, roleArn, eks: mine.eks, installationAccount, installationRegion }));
  }
  // The installation's own account in its other regions, read by the snapshot role.
  if (home.region) {
    const direct = readsWhere(installation.reads, (r) => !r.roleArn);
    const others = regionsOf(direct).filter((r) => r !== home.region);
    regions.push(
      ...regionStacks(app, installation, others, {
        account: home.account,
        roleArn: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${readerRoleName}`,
        eks: direct.eks,
        installationAccount: home.account ?? Aws.ACCOUNT_ID,
        installationRegion: home.region,
        description: 'drift: the installation account’s EKS access entries and change-event forwarding in one more region',
      }),
    );
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, installation, members, regions, rbacYaml: renderRbac(installation.reads.eks) };
}

/**
 * The reads with the region they are read in: one that declares none is read where the installation
 * runs (plan-run's default region is its function's), so its member's stack grants and maps it there.
 */
function readInRegion(reads: KindReads, region: string | undefined): KindReads {
  if (!region) return reads;
  const out = {} as Record<string, ReadScope[]>;
  for (const [type, rs] of Object.entries<ReadScope[]>(reads)) out[type] = rs.map((r) => (r.region ? r : { ...r, region }));
  return out as unknown as KindReads;
}

/** The regions the reads name, in the order they first appear. */
const regionsOf = (reads: KindReads): string[] => [
  ...new Set(
    Object.values<ReadScope[]>(reads)
      .flat()
      .flatMap((r) => (r.region ? [r.region] : [])),
  ),
];

/**
 * One ReadRegionStack (`{base's name}-{region}`) per region, each deployed after `base` (whose role
 * it maps) with the clusters of its region: access entries and event rules are regional resources.
 */
function regionStacks(
  app: App,
  base: Stack,
  regions: readonly string[],
  props: Omit<ReadRegionStackProps, 'env' | 'eks'> & { account: string | undefined; eks: readonly EksRead[] },
): ReadRegionStack[] {
  const { account, eks, ...rest } = props;
  return regions.map((region) => {
    const stack = new ReadRegionStack(app, `${base.stackName}-${region}`.replace(/[^A-Za-z0-9-]/g, '-'), {
      ...rest,
      env: { account, region },
      eks: eks.filter((r) => r.region === region),
    });
    stack.addDependency(base);
    return stack;
  });
}

/** Synthesizes the app and writes the cluster owners' Role/RoleBinding beside the templates. */
export function synthDriftApp(built: { app: App; rbacYaml: string }): string | undefined {
  const assembly = built.app.synth();
  if (!built.rbacYaml) return undefined;
  const file = path.join(assembly.directory, 'drift-eks-rbac.yaml');
  writeFileSync(file, built.rbacYaml);
  return file;
}
