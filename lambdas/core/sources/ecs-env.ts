import { SSM_PARAMETER_ARN_SHAPE } from '../aws-identifier-shapes';
import type { Reference } from '../model';
import { canonicalKey } from '../keys';
import { keyOf, locatedOf, spellingOf, valueOf, type ParseContext } from './context';
import type { DotenvEntry } from './dotenv';
import { commandReads } from './command-reads';
import { readEcsEnvFile } from './ecs-env-file';
import type { TaskHome } from './ecs-home';
import type { ObservationSet, OriginMeta } from './observations';
import { baseName, eachEntry, entries, isRecord, notText, scalarText, str, type Rec } from './shape';

/** What an ECS `secrets[].valueFrom` points at: an SSM parameter name, a Secrets Manager ARN, or other. */
export function parseValueFrom(valueFrom: string): Reference {
  const ssm = SSM_PARAMETER_ARN_SHAPE.exec(valueFrom);
  if (ssm) return { kind: 'ssm-parameter', target: parameterName(ssm[3] as string) };
  if (/^arn:aws[a-z-]*:secretsmanager:/.test(valueFrom)) return { kind: 'secretsmanager', target: valueFrom };
  if (valueFrom.startsWith('arn:')) return { kind: 'other', target: valueFrom };
  return { kind: 'ssm-parameter', target: valueFrom };
}

// `parameter/name` names `name`; `parameter/a/b` names the hierarchical `/a/b`.
const parameterName = (path: string): string => (path.indexOf('/', 1) > 0 ? path : path.slice(1));

/**
 * A `secrets[].valueFrom` as drift compares it while it resolves to nothing snapshotted: the full ARN
 * of a parameter in the task's own region and account is that parameter's name, which ECS resolves
 * the same (so account-per-environment estates, whose ARNs differ by account alone, agree); any other
 * reference as written.
 */
export function comparedReference(valueFrom: string, home: TaskHome | undefined): string {
  const ssm = home ? SSM_PARAMETER_ARN_SHAPE.exec(valueFrom) : null;
  return ssm && ssm[1] === home?.region && ssm[2] === home?.account ? parameterName(ssm[3] as string) : valueFrom;
}

/** `arn:aws:s3:::bucket/path/staging.env` → `s3://bucket/path/staging.env`. */
const s3Url = (arn: string): string => (arn.startsWith('arn:') ? `s3://${arn.replace(/^arn:aws[a-z-]*:s3:::/, '')}` : arn);

/**
 * The input for an environment file, most precise match first: the object itself (`s3://bucket/key`,
 * as the live collector names it), a recorded path ending with `bucket/key`, then with `key`, then
 * the same basename. Two files of one key in different buckets are two inputs, never one read twice.
 */
function findEnvFile(arn: string, envFiles: Array<{ file: string; text: string }>): { file: string; text: string } | undefined {
  const url = s3Url(arn);
  const inBucket = url.startsWith('s3://') ? url.slice('s3://'.length) : undefined;
  const key = arn.replace(/^arn:aws[a-z-]*:s3:::[^/]*\//, '');
  const norm = (f: string): string => f.replace(/\\/g, '/');
  const endsWith = (f: string, tail: string): boolean => f === tail || f.endsWith(`/${tail}`);
  return (
    envFiles.find((f) => f.file === url) ??
    (inBucket === undefined ? undefined : envFiles.find((f) => endsWith(norm(f.file), inBucket))) ??
    envFiles.find((f) => endsWith(norm(f.file), key)) ??
    envFiles.find((f) => baseName(f.file) === baseName(key))
  );
}

/** What the env reader needs about the chosen container. */
export interface EcsContainerArgs {
  ctx: ParseContext;
  container: Rec;
  /** `taskdef checkout-api:42 container api`. */
  where: string;
  meta: OriginMeta;
  envFiles: Array<{ file: string; text: string }>;
  /** The task definition's region and account, when its ARN says (a `register-task-definition` input does not). */
  home?: TaskHome;
}

/**
 * The container's variables with the ECS agent's precedence: `secrets` over `environment` over
 * `environmentFiles`, and among the files the first listed wins (the agent only adds a variable
 * from a file when it is not set yet). Written lowest first, so the winner is set last. Returns the
 * keys a task resolves when it starts (from `secrets` and environment files), never again after.
 */
export function readEcsEnv(args: EcsContainerArgs, out: ObservationSet, errors: string[]): string[] {
  const { ctx, container, where, meta } = args;
  const atStart = new Set<string>();
  // Through the audit's interner: a task definition of thousands of variables repeats its keys,
  // values and locations (`location` is a prefix the name is appended to) in every environment.
  /** Sets the variable; its key, and whether it replaced a value of the key set before. */
  const plain = (name: string, text: string, location: string): { key: string; replaced: boolean } => {
    const key = keyOf(ctx, name);
    return { key, replaced: out.set(key, spellingOf(ctx, name), valueOf(ctx, key, text), locatedOf(ctx, location, name), meta) };
  };
  const files: Array<{ url: string; entries: DotenvEntry[] }> = [];
  for (const [f, i] of entries(container.environmentFiles, `${where} environmentFiles`, errors)) {
    const arn = str(f.value);
    const input = arn ? findEnvFile(arn, args.envFiles) : undefined;
    if (!arn) errors.push(`${where} environmentFiles[${i}]: no value (the S3 object's ARN)`);
    else if (!input) errors.push(`${where}: environment file ${arn} is not among the inputs (expected a file named ${baseName(arn)})`);
    else files.push({ url: s3Url(arn), entries: readEcsEnvFile(input.text) });
  }
  for (const file of files.reverse()) {
    for (const e of file.entries) {
      atStart.add(plain(e.key, e.value, `${where} environmentFiles ${file.url}:${e.line} `).key);
    }
  }
  const inEnvironment = `${where} environment `;
  // What `environment` set each key to so far: a later entry of the key replaces it (the agent keeps the later), and the
  // earlier value, which someone once meant, is kept apart for explain (see ObservationSet.earlier). Built at the first
  // repeat: a task definition of thousands of variables seldom names one twice, and a table of them all costs.
  let listed: Map<string, Rec> | undefined;
  const list = container.environment as unknown[];
  // A callback, not a list of pairs: a task definition may hold thousands of variables.
  eachEntry(container.environment, `${where} environment`, errors, (e, i) => {
    const name = str(e.name);
    if (!name) {
      errors.push(`${where} environment[${i}]: no name`);
      return;
    }
    if (notText(e.value)) {
      errors.push(`${where} environment ${name}: value is not text (a mapping or a list)`);
      return;
    }
    const { key, replaced } = plain(name, scalarText(e.value) ?? '', inEnvironment);
    // A key an environment file set is replaced by precedence; only one `environment` set before is a repeat.
    const fromFile = atStart.delete(key);
    if (replaced && !fromFile) listed ??= listedBefore(list, i, ctx);
    const earlier = listed?.get(key);
    if (earlier) {
      const was = str(earlier.name) as string;
      out.earlier(key, spellingOf(ctx, was), valueOf(ctx, key, scalarText(earlier.value) ?? ''), locatedOf(ctx, inEnvironment, was), meta);
    }
    listed?.set(key, e);
  });
  for (const [s, i] of entries(container.secrets, `${where} secrets`, errors)) {
    const name = str(s.name);
    const valueFrom = str(s.valueFrom);
    if (!name || !valueFrom) errors.push(`${where} secrets[${i}]: needs name and valueFrom`);
    else {
      const key = canonicalKey(name);
      const target = comparedReference(valueFrom, args.home);
      out.set(key, name, { kind: 'ref', target }, `${where} secrets ${name}`, meta, parseValueFrom(valueFrom));
      atStart.add(key);
    }
  }
  // What an `sh -c` script of the container's entry point and command reads: the container uses it.
  for (const name of commandReads(container.entryPoint, container.command, false)) out.expandedInto(canonicalKey(name));
  return [...atStart];
}

/** The `environment` entries before index `end` by key, the later of a key kept (what the agent had applied so far). */
function listedBefore(list: readonly unknown[], end: number, ctx: ParseContext): Map<string, Rec> {
  const listed = new Map<string, Rec>();
  for (let i = 0; i < end; i++) {
    const e = list[i];
    const name = isRecord(e) ? str(e.name) : undefined;
    if (name) listed.set(keyOf(ctx, name), e as Rec);
  }
  return listed;
}
