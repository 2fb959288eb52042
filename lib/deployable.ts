import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { baselineNameProblem } from '../lambdas/adapters/s3/bucket-layout';
import type { EstateProblem } from '../lambdas/core/estate/estate-error';
import type { EnvironmentSpec, Estate, SourceSpec } from '../lambdas/core/estate/model';
import { describePath, type Path } from '../lambdas/core/estate/yaml-positions';
import { accountId, roleArn } from './aws-identifiers';
import { region } from './declared-names';
import { recordedFrom } from '../lambdas/core/source-kinds/fields';
import { LIVE, liveKindOf } from '../lambdas/adapters/live/live-kinds';
import { estateLocator, liveSourceProblems, type Locate } from '../lambdas/adapters/live/live-source-problems';
import { partitionOf } from '../lambdas/core/aws-partition';

const LIVE_ONLY = `cannot be deployed: the installation's Lambda reads live sources only (${LIVE.map((k) => k.type)
  .join(', ')
  .replace(/, ([^,]*)$/, ' and $1')}, without \`from:\`)`;

function sourceProblems(env: EnvironmentSpec, s: SourceSpec, base: Path, at: Locate): EstateProblem[] {
  const from = recordedFrom(s);
  if (!from) return liveSourceProblems(env, s, base, at);
  const how = liveKindOf(s.type)
    ? 'drop `from:` to read it live, or audit the recording with `drift audit`'
    : 'audit it with `drift audit` in CI';
  const field = [...base, 'from'];
  return [{ ...at(field, s.at), message: `${describePath(field)}: a recorded source (from: ${from.join(', ')}) ${LIVE_ONLY}: ${how}` }];
}

/**
 * An environment in another account is read through that account's role: without a `roleArn` the
 * installation's own role would be granted resources it cannot reach, and every run would fail there.
 */
function accountProblems(
  env: Estate['environments'][number],
  envPath: Array<string | number>,
  at: Locate,
  installationAccount?: string,
): EstateProblem[] {
  const roleAccount = env.roleArn?.split(':')[4];
  if (env.roleArn && env.account && roleAccount && roleAccount !== env.account)
    return [
      {
        ...at([...envPath, 'roleArn']),
        message: `${describePath([...envPath, 'roleArn'])}: the role is in account ${roleAccount}, the environment in ${env.account}`,
      },
    ];
  if (!env.roleArn && env.account && installationAccount && /^\d{12}$/.test(installationAccount) && env.account !== installationAccount)
    return [
      {
        ...at([...envPath, 'account']),
        message: `${describePath([...envPath, 'account'])}: ${env.account} is not the installation's account (${installationAccount}): name the member's read role (roleArn) to read it`,
      },
    ];
  return [];
}

/**
 * An installation reads only its own partition (aws, aws-cn, aws-us-gov…): its credentials, the roles
 * it may assume and the regions it may call are all there. A region or role of another would deploy,
 * and every read there fail.
 */
function partitionProblems(env: EnvironmentSpec, envPath: Path, at: Locate, installationRegion: string): EstateProblem[] {
  const mine = partitionOf(installationRegion).name;
  const elsewhere = (field: Path, what: string, partition: string): EstateProblem => ({
    ...at(field),
    message:
      `${describePath(field)}: ${what} is in the ${partition} partition, the installation (${installationRegion}) in ${mine}: ` +
      `an installation reads only its own partition; audit it from an installation in ${partition}`,
  });
  const out: EstateProblem[] = [];
  const rolePartition = env.roleArn?.split(':')[1];
  if (env.roleArn && rolePartition && rolePartition !== mine) out.push(elsewhere([...envPath, 'roleArn'], env.roleArn, rolePartition));
  if (env.region && partitionOf(env.region).name !== mine)
    out.push(elsewhere([...envPath, 'region'], env.region, partitionOf(env.region).name));
  env.sources.forEach((s, i) => {
    if ('region' in s && s.region !== undefined && partitionOf(s.region).name !== mine)
      out.push(elsewhere([...envPath, 'sources', i, s.type, 'region'], s.region, partitionOf(s.region).name));
  });
  return out;
}

/**
 * What stops an estate from being deployed, each with its position: recorded sources (the Lambda
 * reads live sources only), names that are not names (a wildcard, a newline, an ARN where a name
 * belongs), an ECS ARN in another region or account than its environment, an environment in another account without its role, a region or role of another partition than the installation's. (A baseline file outside the
 * estate's folder is refused earlier, where loadEstate confines paths.) Names are checked here so that grants and RBAC are only ever built from names.
 */
export function deployProblems(
  estate: Estate,
  estateFile: string,
  installationAccount?: string,
  installationRegion?: string,
): EstateProblem[] {
  const at = estateLocator(readFileSync(estateFile, 'utf8'), estateFile);
  const out: EstateProblem[] = [];
  const baseline = path.resolve(estate.baseline.file);
  const misnamed =
    baseline === path.resolve(estateFile)
      ? undefined
      : baselineNameProblem(path.relative(path.dirname(path.resolve(estateFile)), baseline));
  if (misnamed) out.push({ ...at(['baseline']), message: `baseline: ${misnamed}` });
  for (const env of estate.environments) {
    const envPath = ['environments', env.name];
    const check = (field: string, value: string | undefined, r: (v: string) => { problem: string } | object) => {
      const got = value === undefined ? {} : r(value);
      if ('problem' in got)
        out.push({ ...at([...envPath, field]), message: `${describePath([...envPath, field])}: ${JSON.stringify(value)} ${got.problem}` });
    };
    check('region', env.region, region);
    check('account', env.account, accountId);
    check('roleArn', env.roleArn, roleArn);
    out.push(...accountProblems(env, envPath, at, installationAccount));
    if (installationRegion && !('problem' in region(installationRegion)))
      out.push(...partitionProblems(env, envPath, at, installationRegion));
    env.sources.forEach((s, i) => out.push(...sourceProblems(env, s, [...envPath, 'sources', i, s.type], at)));
  }
  return out;
}
