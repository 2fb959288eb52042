import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { records, str, type Rec } from '../../../core/sources/shape';
import { readBodyText, type BodyText } from '../../object-body';
import type { AwsCalls } from './aws-calls';

/** The most an environment file may hold; ECS itself refuses files over 5 MiB, ours are far smaller. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** An environment file as the parser takes it, named `s3://bucket/key`. */
export interface EnvFile {
  file: string;
  text: string;
}

/** `arn:aws:s3:::bucket/path/app.env` → its bucket and key; undefined for anything else. */
export function parseS3ObjectArn(arn: string): { bucket: string; key: string } | undefined {
  const m = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.+)$/.exec(arn);
  return m ? { bucket: m[1] as string, key: m[2] as string } : undefined;
}

/** The container the parser will read: the one named, else the only one (else none, and it says why). */
function chosenContainer(taskDefinition: Rec, wanted: string | undefined): Rec | undefined {
  const containers = records(taskDefinition.containerDefinitions);
  if (wanted !== undefined) return containers.find((c) => c.name === wanted);
  return containers.length === 1 ? containers[0] : undefined;
}

async function fetchOne(s3: S3Client, calls: AwsCalls, arn: string): Promise<EnvFile & { errors: string[] }> {
  const object = parseS3ObjectArn(arn);
  // A file that could not be read is handed over empty: its error is said here, once, and the parser
  // would otherwise report it again as missing from its inputs.
  if (!object) return { file: arn, text: '', errors: [`ecs environment file ${arn}: not an S3 object ARN`] };
  const url = `s3://${object.bucket}/${object.key}`;
  const errors: string[] = [];
  // The body is read inside the limited call: a concurrency limit then covers the download too.
  const body = await calls.run('s3', 'GetObject', url, errors, async (): Promise<BodyText> => {
    const out = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
    return readBodyText(out.Body, { maxBytes: MAX_ENV_FILE_BYTES, contentLength: out.ContentLength });
  });
  if (body && 'problem' in body) errors.push(`s3 GetObject on ${url}: ${body.problem}`);
  return { file: url, text: body && 'text' in body ? body.text : '', errors };
}

/**
 * Fetches the `environmentFiles` of the container the parser will read, in their order. The file
 * name keeps the whole key, so two files with one basename in different folders stay apart.
 */
export async function fetchEnvironmentFiles(
  s3: S3Client,
  calls: AwsCalls,
  taskDefinition: Rec,
  container: string | undefined,
  errors: string[],
): Promise<EnvFile[]> {
  const chosen = chosenContainer(taskDefinition, container);
  if (!chosen) return [];
  const arns = [...new Set(records(chosen.environmentFiles).flatMap((f) => str(f.value) ?? []))];
  const files = await Promise.all(arns.map((arn) => fetchOne(s3, calls, arn)));
  for (const f of files) errors.push(...f.errors);
  return files.map(({ file, text }) => ({ file, text }));
}
