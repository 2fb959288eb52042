import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { leavesFolder } from '../../adapters/leaves-folder';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { UsageError, type CliIo } from '../io';
import { baselineNameProblem, CODE_SCAN_FILE, ESTATE_FILE, SOURCE_TIME_METADATA } from '../../adapters/s3/bucket-layout';
import { sourceTime } from '../../adapters/repository/source-time';
import { publishedScan } from '../../use-cases/read-code';
import { cliCodeReader } from '../../wiring/cli-code-reader';
import { cliFingerprinter } from '../../wiring/open-store';
import { loadEstateOrFail } from '../load';
import { sdkHttp, timeoutsFrom } from '../../wiring/timeouts';

export interface PublishOptions {
  config: string;
  bucket: string;
  prefix: string;
}

/** `estates/` + `checkout-api/` + `drift.yaml`: one folder per estate, relative references intact. */
const keyOf = (prefix: string, estate: string, rel: string) =>
  `${prefix.replace(/(?<!\/)\/*$/, '/').replace(/^\/+/, '')}${estate}/${rel.split(path.sep).join('/')}`;

/**
 * `drift publish`: validates the estate file, then uploads it (and its separate baseline file) to the
 * installation's bucket, printing the new version ids. Nothing is uploaded unless it validates.
 */
export async function publishCommand(
  opts: PublishOptions,
  io: CliIo,
  s3: () => S3Client = () => new S3Client(sdkHttp(timeoutsFrom(io.env))),
): Promise<number> {
  const estate = await loadEstateOrFail(opts.config, io);
  const estateFile = path.resolve(io.cwd, opts.config);
  const home = path.dirname(estateFile);
  const uploads: Array<{ file: string; key: string; body?: Buffer; type?: string }> = [];
  const baseline = path.resolve(estate.baseline.file);
  if (baseline !== estateFile) {
    const rel = path.relative(home, baseline);
    // The Lambda resolves `baseline:` relative to the estate object: it must stay under the estate's folder.
    if (leavesFolder(rel))
      throw new UsageError(`the baseline file ${estate.baseline.file} must be in the estate file's folder or below it to be published`);
    const misnamed = baselineNameProblem(rel);
    if (misnamed) throw new UsageError(misnamed);
    uploads.push({ file: baseline, key: keyOf(opts.prefix, estate.name, rel) });
  }
  // No checkout on AWS: the Lambda audits the code from its scan, made here (a tree that cannot be read stops the publish).
  if (estate.code) {
    // A credential written as a read's name is uploaded fingerprinted, as the installation's sources spell it (the same key).
    const scan = await publishedScan(cliCodeReader(estateFile, io.env, await cliFingerprinter(estateFile, io.env)), estate);
    const body = Buffer.from(`${JSON.stringify(scan)}\n`);
    uploads.push({ file: CODE_SCAN_FILE, key: keyOf(opts.prefix, estate.name, CODE_SCAN_FILE), body, type: 'application/json' });
  }
  // The baseline and the scan first: an estate version never points at a file that is not there yet.
  uploads.push({ file: estateFile, key: keyOf(opts.prefix, estate.name, ESTATE_FILE) });

  const client = s3();
  try {
    for (const u of uploads) {
      const body = u.body ?? (await readFile(u.file));
      // The scan is made now and never seeded by a deploy: only the files of the checkout carry a source time.
      const Metadata = u.body ? undefined : { [SOURCE_TIME_METADATA]: sourceTime(u.file).toISOString() };
      let out: { VersionId?: string };
      try {
        out = await client.send(
          new PutObjectCommand({ Bucket: opts.bucket, Key: u.key, Body: body, ContentType: u.type ?? 'application/yaml', Metadata }),
        );
      } catch (err) {
        // AWS's answer (no region or credentials, access denied, no such bucket) is the user's to act on.
        throw new UsageError(`publish: s3://${opts.bucket}/${u.key} was not uploaded: ${(err as Error).name}: ${(err as Error).message}`);
      }
      io.stdout.write(
        `${u.body ? `${u.file} (the scan of code:)` : path.relative(io.cwd, u.file) || u.file} → s3://${opts.bucket}/${u.key} version ${out.VersionId ?? '(bucket not versioned)'}\n`,
      );
    }
  } finally {
    client.destroy();
  }
  return 0;
}
