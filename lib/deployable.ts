import { readFileSync } from 'node:fs';
import type { EstateProblem } from '../lambdas/core/estate/estate-error';
import type { EnvironmentSpec, Estate, Position, SourceSpec } from '../lambdas/core/estate/model';
import { readYaml } from '../lambdas/core/estate/read-yaml';
import { describePath, positionAt, type Path } from '../lambdas/core/estate/yaml-positions';
import { accountId, roleArn } from './aws-identifiers';
import { ecsService, eksCluster, k8sNamespace, k8sWorkload, region, ssmPath } from './declared-names';

const LIVE_ONLY = "cannot be deployed: the installation's Lambda reads live sources only (ssm, ecs and eks, without `from:`)";

/** Where a problem is: the field's position in the estate file when it can be found, else the source's. */
type Locate = (p: Path, fallback?: Position) => Position;

function sourceProblems(env: EnvironmentSpec, s: SourceSpec, base: Path, at: Locate): EstateProblem[] {
  const out: EstateProblem[] = [];
  const add = (field: string[], message: string) =>
    out.push({ ...at([...base, ...field], s.at), message: `${describePath([...base, ...field])}: ${message}` });
  const bad = (field: string, value: string, r: { problem: string } | object) => {
    if ('problem' in r) add([field], `${JSON.stringify(value)} ${r.problem}`);
  };
  if ('from' in s && s.from) {
    const how =
      s.type === 'ssm' || s.type === 'ecs'
        ? 'drop `from:` to read it live, or audit the recording with `drift audit`'
        : 'audit it with `drift audit` in CI';
    add(['from'], `a recorded source (from: ${s.from.join(', ')}) ${LIVE_ONLY}: ${how}`);
    return out;
  }
  if ('region' in s && s.region !== undefined) bad('region', s.region, region(s.region));
  if (s.type === 'ssm') bad('path', s.path, ssmPath(s.path));
  if (s.type === 'ecs' && s.cluster !== undefined && s.service !== undefined) {
    const r = ecsService(s.cluster, s.service);
    if ('problem' in r) add([r.field], r.problem);
    else {
      const declared = s.region ?? env.region;
      if (r.region && declared === undefined)
        add(
          ['service'],
          `is in ${r.region}: declare \`region: ${r.region}\` on the environment or the source (the snapshot reads it there)`,
        );
      else if (r.region && declared !== r.region) add(['service'], `is in ${r.region}, but the environment is read in ${declared}`);
      if (r.account && env.account !== undefined && env.account !== r.account)
        add(['service'], `is in account ${r.account}, but the environment is account ${env.account}`);
    }
  }
  if (s.type === 'eks') {
    bad('cluster', s.cluster, eksCluster(s.cluster));
    bad('namespace', s.namespace, k8sNamespace(s.namespace));
    bad('workload', s.workload, k8sWorkload(s.workload));
  }
  return out;
}

/**
 * What stops an estate from being deployed, each with its position: recorded sources (the Lambda
 * reads live sources only), names that are not names (a wildcard, a newline, an ARN where a name
 * belongs), an ECS ARN in another region or account than its environment. (A baseline file outside the
 * estate's folder is refused earlier, where loadEstate confines paths.) Names are checked here so that grants and RBAC are only ever built from names.
 */
export function deployProblems(estate: Estate, estateFile: string): EstateProblem[] {
  const read = readYaml(readFileSync(estateFile, 'utf8'), estateFile);
  const at: Locate = (p, fallback) => (read.ok ? positionAt(read.yaml, p) : (fallback ?? { file: estateFile, line: 1, column: 1 }));
  const out: EstateProblem[] = [];
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
    env.sources.forEach((s, i) => out.push(...sourceProblems(env, s, [...envPath, 'sources', i, s.type], at)));
  }
  return out;
}
