import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Duration, Names, RemovalPolicy, Stage } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HANDLERS, type FunctionName, type HandlerName, type OptionalHandlerName } from './function-names';
import bundleExternals from './bundle-externals.json';

/** The newest Node.js runtime aws-cdk-lib offers (checked against node_modules when upgrading it). */
export const RUNTIME = Runtime.NODEJS_24_X;

/**
 * What the bundles leave out. dynalite (the embedded store, with a native LevelDB binding) is
 * CLI-only and must never reach a bundle. The rest are the default credential chain's providers
 * after the environment's (SSO, profiles, processes, web identity, container and instance metadata):
 * the chain `import()`s each only once the ones before it found no credentials, and in Lambda the
 * environment always holds the function role's. Bundled, they would bring their own STS, SSO and
 * OIDC clients: about 100 KiB in every function, of code that never runs there. Left out, such an
 * import would load the runtime's copy. (A JSON list: lib/lambda-bundle.mjs, which bundles, reads it.)
 */
export const BUNDLE_EXTERNALS: string[] = bundleExternals;

/** Context flag: build the functions from an inline stub instead of bundling (tests that only read the template). */
export const SKIP_BUNDLING_CONTEXT = 'drift:skipBundling';

interface Sizing {
  memorySize: number;
  timeout: Duration;
}

const SIZING: Record<FunctionName, Sizing> = {
  'plan-run': { memorySize: 256, timeout: Duration.minutes(1) },
  // One account and region: paced by its own rate limiter, so it can take minutes on a large estate.
  'snapshot-target': { memorySize: 1024, timeout: Duration.minutes(10) },
  'audit-run': { memorySize: 2048, timeout: Duration.minutes(10) },
  'notify-run': { memorySize: 512, timeout: Duration.minutes(5) },
  // Parses a batch, loads the estate files, starts a few executions.
  'route-events': { memorySize: 256, timeout: Duration.minutes(1) },
  // A batch of up to ten lifecycle events, a few tracker calls each (a rate-limited one goes back to the queue).
  'sync-tickets': { memorySize: 512, timeout: Duration.minutes(1) },
};

export interface RunFunctionsProps {
  /** The repository root: entry files and the lock file are found from it. */
  projectRoot: string;
  /** What every function is given. */
  environment: Record<string, string>;
  /** What only some functions are given (the Slack secret's ARN: the notify function alone reads it). */
  environmentOf?: Partial<Record<FunctionName, Record<string, string>>>;
  /** The optional functions this installation has (made like the others, after them). */
  optional?: readonly OptionalHandlerName[];
  logRetention?: RetentionDays;
  /** For private EKS endpoints: the snapshot function runs in this VPC. */
  vpc?: IVpc;
  vpcSubnets?: SubnetSelection;
  securityGroups?: ISecurityGroup[];
  /** Roles made elsewhere (the snapshot role has a fixed name that member read roles trust). */
  roles?: Partial<Record<FunctionName, IRole>>;
}

/**
 * One handler bundled by lib/lambda-bundle.mjs (esbuild for the runtime, minified, source map, the AWS
 * SDK inside) into `out`: its own process, as esbuild plugins need, the one bench/lambda-bundles.mjs measures.
 */
export function bundledHandler(projectRoot: string, name: string, out: string): Code {
  mkdirSync(out, { recursive: true });
  const script = path.join(projectRoot, 'lib', 'lambda-bundle.mjs');
  const entry = path.join(projectRoot, 'lambdas', 'handlers', `${name}.ts`);
  return Code.fromCustomCommand(out, [process.execPath, script, entry, out], {
    commandOptions: { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  });
}

/** Whether the app was synthesised with SKIP_BUNDLING_CONTEXT (tests that only read the template). */
export const skipsBundling = (scope: Construct): boolean =>
  scope.node.tryGetContext(SKIP_BUNDLING_CONTEXT) === true || scope.node.tryGetContext(SKIP_BUNDLING_CONTEXT) === 'true';

/** The code of handler `name` (`lambdas/handlers/{name}.ts`): bundled into the assembly, or a stub that refuses to run. */
export function handlerCode(scope: Construct, projectRoot: string, name: string): Code {
  if (skipsBundling(scope))
    return Code.fromInline(
      `exports.handler = async () => { throw new Error('${name}: built with ${SKIP_BUNDLING_CONTEXT}, not deployable'); };`,
    );
  // In the assembly's folder: the source map's paths, and so the asset's hash, do not depend on where the checkout is.
  return bundledHandler(projectRoot, name, path.join(Stage.of(scope)?.outdir ?? os.tmpdir(), 'bundles', Names.uniqueId(scope), name));
}

/** One Lambda per stage, arm64, the newest Node.js runtime, each bundle only what its handler imports. */
export class RunFunctions extends Construct {
  readonly byName: Record<HandlerName, LambdaFunction>;
  /** The optional functions made (`props.optional`). */
  readonly optional: Partial<Record<OptionalHandlerName, LambdaFunction>>;

  constructor(scope: Construct, id: string, props: RunFunctionsProps) {
    super(scope, id);
    const make = (name: FunctionName): LambdaFunction => {
      const logGroup = new LogGroup(this, `${name}-logs`, {
        retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const common = {
        description: `drift ${name}`,
        runtime: RUNTIME,
        architecture: Architecture.ARM_64,
        ...SIZING[name],
        logGroup,
        role: props.roles?.[name],
        environment: { ...props.environment, ...props.environmentOf?.[name] },
        ...(name === 'snapshot-target' && props.vpc
          ? { vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroups: props.securityGroups }
          : {}),
      };
      return new LambdaFunction(this, name, { ...common, handler: 'index.handler', code: handlerCode(this, props.projectRoot, name) });
    };
    this.byName = Object.fromEntries(HANDLERS.map((n) => [n, make(n)])) as Record<HandlerName, LambdaFunction>;
    this.optional = Object.fromEntries((props.optional ?? []).map((n) => [n, make(n)]));
  }

  /** Every function made, by name: the always-present ones, then the optional ones. */
  get made(): Array<[FunctionName, LambdaFunction]> {
    return [...Object.entries(this.byName), ...Object.entries(this.optional)] as Array<[FunctionName, LambdaFunction]>;
  }

  get all(): LambdaFunction[] {
    return this.made.map(([, fn]) => fn);
  }
}
