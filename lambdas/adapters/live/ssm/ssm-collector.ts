import {
  DescribeParametersCommand,
  GetParametersCommand,
  type ParameterMetadata,
  type ParameterStringFilter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Observation, PartialRead } from '../../../core/model';
import type { ParseContext } from '../../../core/sources/context';
import { sortedByLocation, withOrigin } from '../../../core/sources/observations';
import type { SourceParseResult } from '../../../core/sources/result';
import { ssmDate, ssmFolder, ssmObservations } from '../../../core/sources/ssm';
import { checkParameters } from '../../../core/sources/ssm-export';
import { holdsSecretContent } from '../../../core/values/content-secrets';
import { describeCallFailure } from '../aws-errors';
import type { Limit, PreviousSnapshot } from '../limit';
import { eachPage } from '../paging';

export interface SsmCollectorDeps {
  ssm: SSMClient;
  limit: Limit;
  /** When the snapshot is taken (the system clock by default). */
  now?: () => Date;
}

export interface LiveResult extends SourceParseResult {
  observedAt: string;
  calls: Record<string, number>;
  /** A targeted read: the names it read; the rest is the stored snapshot's. */
  partial?: PartialRead;
}

const GET_BATCH = 10; // GetParameters takes at most 10 names
const NAME_FILTER_MAX = 50; // a DescribeParameters filter takes at most 50 values

/**
 * A value read last time can stand for this run when nothing about it moved: its version, and its
 * date too, since a parameter deleted and created again starts at version 1 again.
 */
function reusable(prev: Observation | undefined, meta: ParameterMetadata, ctx: ParseContext): prev is Observation {
  if (!prev || prev.origin.version === undefined || prev.origin.version !== meta.Version) return false;
  if (meta.LastModifiedDate !== undefined && prev.origin.modifiedAt !== ssmDate(meta.LastModifiedDate)) return false;
  return keepable(prev, ctx, meta.Type === 'SecureString');
}

/** A stored value that may stand for this run as it is: fingerprinted with today's key, and not a secret kept in plain. */
function keepable(prev: Observation, ctx: ParseContext, secure: boolean): boolean {
  const v = prev.value;
  if (v.kind === 'secret' || v.kind === 'masked') return v.keyId === ctx.fp.keyId; // a rotated key needs the value again
  if (v.kind === 'opaque') return false;
  // A key that became secret, or a text now known to hold a credential, must not keep a plain value.
  if (v.kind === 'text' && holdsSecretContent(v.text, prev.key)) return false;
  return !(ctx.isSecretKey(prev.key) || secure);
}

/**
 * Live Parameter Store under one path. Metadata first, values only for what moved:
 * DescribeParameters (50 a page, filtered by path, with LastModifiedUser, which values calls do not
 * return) tells each parameter's version; GetParameters reads only those whose version differs
 * from the previous stored snapshot. A first run costs ceil(n/50) + ceil(n/10) calls; a run where
 * nothing changed costs ceil(n/50), a sixth of that, and never more than a first run. Reading values
 * with GetParametersByPath instead would cost ceil(n/10) every run, changed or not. A targeted run
 * naming k changed parameters costs ceil(k/50) + ceil(k/10): DescribeParameters by name still, for
 * LastModifiedUser (who made the change: out-of-band or not).
 */
export class SsmCollector {
  constructor(private readonly deps: SsmCollectorDeps) {}

  /**
   * `only` (a targeted run's changed names, and folders ending in `/` for names that hold a
   * credential): when all of those under `path` can be merged into the previous snapshot, only they
   * are read; otherwise (no previous snapshot, none under the path, a stored value that cannot be
   * kept, a folder above the path) the whole path is.
   */
  async collect(path: string, ctx: ParseContext, previous: PreviousSnapshot, only?: readonly string[]): Promise<LiveResult> {
    const calls: Record<string, number> = { DescribeParameters: 0, GetParameters: 0 };
    const observedAt = (this.deps.now ?? (() => new Date()))().toISOString();
    const fail = (operation: string, err: unknown): LiveResult => ({
      observations: [],
      dangling: [],
      errors: [describeCallFailure(`ssm ${operation} on ${path}`, err, 'hint-only')],
      observedAt,
      calls,
    });

    const stored = (await previous()) ?? [];
    const targeted = only && stored.length ? targetedRead(path, only, stored, ctx) : undefined;
    const metadata: ParameterMetadata[] = [];
    try {
      if (targeted) {
        for (let i = 0; i < targeted.names.length; i += NAME_FILTER_MAX) {
          const values = targeted.names.slice(i, i + NAME_FILTER_MAX);
          metadata.push(...(await this.describe([{ Key: 'Name', Option: 'Equals', Values: values }], calls)));
        }
        for (const folder of targeted.folders) {
          const named = new Set(metadata.map((m) => m.Name));
          const found = await this.describe([{ Key: 'Path', Option: 'Recursive', Values: [folder] }], calls);
          metadata.push(...found.filter((m) => !named.has(m.Name)));
        }
      } else metadata.push(...(await this.describe([{ Key: 'Path', Option: 'Recursive', Values: [path] }], calls)));
    } catch (err) {
      return fail('DescribeParameters', err);
    }

    const before = new Map<string, Observation>();
    for (const o of stored) before.set(o.origin.location, o);
    // Parameters the events did not name stand as stored; a named one gone from Parameter Store is gone.
    const reused: Observation[] = (targeted?.kept ?? []).map((o) => withOrigin(o, { ...o.origin, source: ctx.source }));
    const toRead: ParameterMetadata[] = [];
    const errors: string[] = [];
    for (let i = 0; i < metadata.length; i++) {
      const m = metadata[i] as ParameterMetadata;
      // A name is what GetParameters asks by: without one, asking would fail the whole batch.
      if (typeof m.Name !== 'string' || m.Name === '') {
        errors.push(`ssm DescribeParameters under ${path}: Parameters[${i}]: Name must be a non-empty string`);
        continue;
      }
      const prev = before.get(m.Name);
      if (reusable(prev, m, ctx)) {
        // A snapshot stored before origins said so learns the parameter's type from its metadata.
        const secure = m.Type === 'SecureString' ? { secureString: true as const } : {};
        const origin = { ...prev.origin, source: ctx.source, modifiedBy: m.LastModifiedUser ?? prev.origin.modifiedBy, ...secure };
        reused.push(withOrigin(prev, origin));
      } else toRead.push(m);
    }

    const params: unknown[] = [];
    const standing = (): boolean => params.length > 0 || reused.length > 0;
    // While nothing of the path is read, a batch is read in one call and one refused whole waits: a
    // denied sub-path that sorts first must not fail the whole path. Once something stands, refused
    // batches are read in parts; if none stands after all, the first one read in parts decides.
    const postponed: Array<{ batch: ParameterMetadata[]; refusal: unknown }> = [];
    try {
      for (let i = 0; i < toRead.length; i += GET_BATCH) {
        const batch = toRead.slice(i, i + GET_BATCH);
        if (standing()) {
          params.push(...(await this.readBatch(batch, calls, errors, true)));
          continue;
        }
        const first = await this.unlessRefused(batch, calls);
        if ('read' in first) params.push(...first.read);
        else postponed.push({ batch, refusal: first.refusal });
      }
      for (const p of postponed) params.push(...(await this.readInParts(p.batch, p.refusal, calls, errors, standing())));
    } catch (err) {
      return fail('GetParameters', err);
    }
    // A parameter the service returned malformed is an error naming it; the others are read.
    const read = ssmObservations(checkParameters(params, errors, `ssm GetParameters under ${path}: Parameters`), path, ctx);
    for (const e of read.errors) errors.push(e);
    // Parameter Store order (by name) for both parts, as a recorded export lists them.
    const observations = sortedByLocation([...read.observations, ...reused]);
    const partial = targeted && { locations: readPlaces(targeted, metadata) };
    return { observations, dangling: [], errors, observedAt, calls, ...(partial ? { partial } : {}) };
  }

  /** One GetParameters batch in one call, or the refusal (IAM or KMS) that answered it. */
  private async unlessRefused(
    batch: ParameterMetadata[],
    calls: Record<string, number>,
  ): Promise<{ read: unknown[] } | { refusal: unknown }> {
    try {
      return { read: await this.getParameters(batch, calls) };
    } catch (err) {
      if (!mayBeRefusal(err)) throw err;
      return { refusal: err };
    }
  }

  /**
   * One GetParameters batch. Parameter Store fails the whole request when any one name of it is
   * refused: KMS will not decrypt a SecureString, or IAM (an explicit deny, a service control
   * policy, a permissions boundary) will not let the role read a parameter. So a refused batch is
   * read again in parts: its Strings at once (one by one if they are refused too), its SecureStrings
   * one by one; one that is still refused is an error line, and the rest of the path stands. Throws
   * when nothing can be read: the whole batch refused, and nothing of the path read or standing
   * from the previous snapshot (`standing`) to show the role may read the path at all.
   */
  private async readBatch(
    batch: ParameterMetadata[],
    calls: Record<string, number>,
    errors: string[],
    standing: boolean,
  ): Promise<unknown[]> {
    const first = await this.unlessRefused(batch, calls);
    return 'read' in first ? first.read : this.readInParts(batch, first.refusal, calls, errors, standing);
  }

  /** A batch that `err` refused, read again in parts (see readBatch). */
  private async readInParts(
    batch: ParameterMetadata[],
    err: unknown,
    calls: Record<string, number>,
    errors: string[],
    standing: boolean,
  ): Promise<unknown[]> {
    const plain = batch.filter((m) => m.Type !== 'SecureString');
    const secure = batch.filter((m) => m.Type === 'SecureString');
    const read: unknown[] = [];
    const refused: string[] = [];
    const refuse = (m: ParameterMetadata, why: unknown): void => {
      refused.push(`${describeCallFailure(`ssm GetParameters on ${m.Name}`, why, 'hint-only')}; ${refusedBecause(m)}`);
    };
    const one = async (m: ParameterMetadata): Promise<void> => {
      try {
        read.push(...(await this.getParameters([m], calls)));
      } catch (single) {
        if (!mayBeRefusal(single)) throw single;
        refuse(m, single);
      }
    };
    if (batch.length === 1) refuse(batch[0] as ParameterMetadata, err);
    else {
      // Where the batch held SecureStrings, its Strings are tried together first: KMS is the likelier cause.
      let plainRead = false;
      if (plain.length > 0 && secure.length > 0) {
        try {
          read.push(...(await this.getParameters(plain, calls)));
          plainRead = true;
        } catch (group) {
          if (!mayBeRefusal(group)) throw group;
        }
      }
      for (const m of [...(plainRead ? [] : plain), ...secure]) await one(m);
    }
    if (refused.length === batch.length && !standing) throw err;
    errors.push(...refused);
    return read;
  }

  /**
   * GetParameters of at most 10 names, decrypted; a name deleted since DescribeParameters is simply no
   * longer there. The parameters are as the service returned them, checked by the caller.
   */
  private async getParameters(batch: ParameterMetadata[], calls: Record<string, number>): Promise<unknown[]> {
    calls.GetParameters!++;
    const out = await this.deps.limit('ssm', () =>
      this.deps.ssm.send(new GetParametersCommand({ Names: batch.map((m) => m.Name as string), WithDecryption: true })),
    );
    const meta = new Map(batch.map((m) => [m.Name, m]));
    const params: unknown[] = [];
    for (const p of out.Parameters ?? []) {
      params.push({
        Name: p.Name,
        Type: p.Type,
        Value: p.Value,
        Version: p.Version,
        LastModifiedDate: p.LastModifiedDate,
        LastModifiedUser: p.Name === undefined ? undefined : meta.get(p.Name)?.LastModifiedUser,
        ARN: p.ARN,
      });
    }
    return params;
  }

  /** DescribeParameters through every page (a page may be empty and still carry a token), counted in `calls`; throws on endless paging. */
  private async describe(ParameterFilters: ParameterStringFilter[], calls: Record<string, number>): Promise<ParameterMetadata[]> {
    const metadata: ParameterMetadata[] = [];
    await eachPage(
      (token) => {
        calls.DescribeParameters!++;
        return this.deps.limit('ssm', () =>
          this.deps.ssm.send(new DescribeParametersCommand({ ParameterFilters, MaxResults: 50, NextToken: token })),
        );
      },
      (page) => page.NextToken,
      (page) => metadata.push(...(page.Parameters ?? [])),
    );
    return metadata;
  }
}

/**
 * How Parameter Store says a name of the request is refused: IAM (AccessDeniedException), or KMS
 * would not decrypt a SecureString (the key's policy, a disabled or deleted key).
 */
const mayBeRefusal = (err: unknown): boolean => {
  const name = err instanceof Error ? err.name : '';
  return name === 'AccessDeniedException' || name === 'InvalidKeyId' || name.startsWith('KMS') || name.startsWith('Kms');
};

/** What to fix for one refused parameter: only a SecureString has a KMS key to blame. */
const refusedBecause = (m: ParameterMetadata): string =>
  m.Type === 'SecureString'
    ? 'its KMS key must let the read role decrypt it'
    : "the read role's policies (IAM, a service control policy, a permissions boundary) refuse it";

/** A targeted read of an SSM path: the names it looks up, the folders it reads whole, and the stored observations of the rest. */
interface TargetedRead {
  names: string[];
  folders: string[];
  kept: Observation[];
  /** The stored places under the folders: one not found again is gone. */
  storedInFolders: string[];
}

/**
 * The named parameters and folders under `path`, and the stored observations of the others, when a
 * read of those alone gives what a full read would; undefined when it cannot.
 */
function targetedRead(path: string, only: readonly string[], stored: Observation[], ctx: ParseContext): TargetedRead | undefined {
  // The folder, as a full read's Path filter and the grant read it: `/prod` never takes `/production/x`.
  const folder = ssmFolder(path);
  const hinted = only.filter((n) => n.endsWith('/'));
  // A change somewhere above the path (its name holds a credential there) may be under it: read it whole.
  if (hinted.some((f) => folder.startsWith(f))) return undefined;
  const folders = [...new Set(hinted.filter((f) => f.startsWith(folder)))].sort();
  const names = [...new Set(only.filter((n) => !n.endsWith('/') && n.startsWith(folder)))].sort();
  if (!names.length && !folders.length) return undefined;
  const named = new Set(names);
  const inFolders = (location: string): boolean => folders.some((f) => location.startsWith(f));
  const kept = stored.filter((o) => !named.has(o.origin.location) && !inFolders(o.origin.location));
  const storedInFolders = stored.map((o) => o.origin.location).filter(inFolders);
  return kept.every((o) => keepable(o, ctx, false)) ? { names, folders, kept, storedInFolders } : undefined;
}

/** The places a targeted read looked up: its names, and what its folders held before or hold now. */
function readPlaces(read: TargetedRead, metadata: readonly ParameterMetadata[]): string[] {
  const found = metadata.map((m) => m.Name ?? '').filter((n) => read.folders.some((f) => n.startsWith(f)));
  return [...new Set([...read.names, ...read.storedInFolders, ...found])].sort();
}
