import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtOnce } from '../../adapters/replace-file';
import { inferBaseline, summaryLine } from '../../core/init/infer-baseline';
import { insertBaseline } from '../../core/init/insert-baseline';
import { proposeParity } from '../../core/init/propose-parity';
import { renderBaseline, renderParity } from '../../core/init/render-baseline';
import { proposed, type DiscoverScope } from '../../core/init/discovered';
import { renderSkeleton } from '../../core/init/render-skeleton';
import { sanitize } from '../../core/values/value';
import { auditSession } from '../audit-session';
import { UsageError, type CliIo } from '../io';
import { loadedEstateOrFail } from '../load';

export interface InitOptions {
  config: string;
  dryRun?: boolean;
  discover?: boolean;
  region?: string;
  ssmPath?: string;
  ecsCluster?: string;
  eksCluster?: string;
  namespace?: string;
}

/** The flags that say where `--discover` looks, and nothing else. */
const DISCOVER_FLAGS: ReadonlyArray<readonly [keyof InitOptions, string]> = [
  ['region', '--region'],
  ['ssmPath', '--ssm-path'],
  ['ecsCluster', '--ecs-cluster'],
  ['eksCluster', '--eks-cluster'],
  ['namespace', '--namespace'],
];

/** `drift init --discover`: lists what the caller's credentials see, as a drift.yaml skeleton on stdout. */
async function discoverCommand(opts: InitOptions, io: CliIo): Promise<number> {
  const region = opts.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('--discover needs --region (or AWS_REGION)');
  const scope: DiscoverScope = {
    region,
    ssmPath: opts.ssmPath,
    ecsCluster: opts.ecsCluster,
    eksCluster: opts.eksCluster,
    namespace: opts.namespace,
  };
  // The live kinds and the AWS SDK: only `--discover` needs them.
  const [{ discoveringKinds, discoveryPlaces }, { discoverWithCallerCredentials }] = await Promise.all([
    import('../../adapters/live/discover-sources'),
    import('../../wiring/discover-services'),
  ]);
  if (!discoveringKinds(scope).length)
    throw new UsageError('--discover needs where to look: --ssm-path PATH, --ecs-cluster NAME or --eks-cluster NAME [--namespace NS]');
  // What AWS answers (no credentials, access denied, a cluster that is not there, no connection) is the user's to act on.
  const found = await discoverWithCallerCredentials(scope, io.env).catch((err: Error) => {
    throw new UsageError(`init --discover in ${region}: ${err.name}: ${err.message}`);
  });
  // An empty skeleton (`environments: {}`) is one validate refuses: a mistyped path or the wrong region, most likely.
  const sources = proposed(found).length;
  if (!sources) throw new UsageError(`found no sources in ${region} under ${discoveryPlaces(scope)}: check the names and the region`);
  io.stdout.write(renderSkeleton(scope, found));
  io.stderr.write(`found ${sources} source${sources === 1 ? '' : 's'}; edit the skeleton into drift.yaml, then run drift init\n`);
  return 0;
}

function readEstateText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path.basename(file)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * `drift init`: collects every environment, then writes a first baseline (and parity groups, when
 * the file has none) into the estate file, keeping every byte already there.
 */
export async function initCommand(opts: InitOptions, io: CliIo, now: () => Date): Promise<number> {
  if (opts.discover) return discoverCommand(opts, io);
  // Said, not ignored: without --discover, init would write a baseline into the estate file instead of looking where they say.
  const discoverOnly = DISCOVER_FLAGS.find(([field]) => opts[field] !== undefined);
  if (discoverOnly) throw new UsageError(`init: ${discoverOnly[1]} goes with --discover`);
  const file = path.resolve(io.cwd, opts.config);
  // A broken file is reported as every command reports it; one that has a baseline is refused before collecting anything.
  await loadedEstateOrFail(opts.config, io);
  insertBaseline(readEstateText(file), { baseline: 'baseline:\n  keys:\n', parity: '' });
  const { estate, result } = await auditSession(
    { config: opts.config, format: 'text', store: false, writeNothing: opts.dryRun },
    io,
    now,
    Boolean(io.stderr.isTTY),
  );
  const envs = estate.environments.map((e) => ({ name: e.name, region: e.region, account: e.account }));
  const proposedParity = estate.parity.length ? [] : proposeParity(envs);
  // The groups the file will have decide which absences are drift.
  const proposal = inferBaseline(envs, result.configs, estate.parity.length ? estate.parity : proposedParity);
  const date = now().toISOString().slice(0, 10);
  const blocks = {
    baseline: renderBaseline(proposal.keys, date),
    parity: renderParity(proposedParity),
  };
  const after = insertBaseline(readEstateText(file), blocks);
  for (const c of result.configs) {
    for (const f of c.failed)
      io.stderr.write(`warning: ${sanitize(f.source.label)} could not be read: what ${c.environment} lacks is not counted as absent\n`);
  }
  if (opts.dryRun) io.stdout.write(`${blocks.parity}${blocks.parity ? '\n' : ''}${blocks.baseline}`);
  else replaceFileAtOnce(file, after);
  io.stderr.write(`${opts.dryRun ? 'would write' : 'wrote'} ${path.relative(io.cwd, file) || file}: ${summaryLine(proposal)}\n`);
  return 0;
}
