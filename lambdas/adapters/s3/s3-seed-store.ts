import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SeedStore } from '../../ports/seed-store';
import { MAX_ESTATE_FILE_BYTES } from '../estate-limits';
import { readBody } from '../object-body';
import { ESTATES_PREFIX, SEED_PREFIX, SOURCE_TIME_METADATA } from './bucket-layout';
import type { S3Objects } from './s3-objects';

const sha256 = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** The seeding's view of the installation's bucket: `estates/` and the deploy's staging, `seed/`. */
export class S3SeedStore implements SeedStore {
  constructor(private readonly objects: S3Objects) {}

  async estateKeys(): Promise<string[]> {
    return (await this.objects.keys(ESTATES_PREFIX)).map((k) => k.slice(ESTATES_PREFIX.length));
  }

  async estate(key: string): Promise<{ sha256: string; sourceTime?: string }> {
    const res = await this.get(`${ESTATES_PREFIX}${key}`);
    const sourceTime = res.Metadata?.[SOURCE_TIME_METADATA];
    // A deploy's files are estate files, within the estate reader's limit: a larger object is none of them.
    const body = await readBody(res.Body, { maxBytes: MAX_ESTATE_FILE_BYTES, contentLength: res.ContentLength });
    return { sha256: body ? sha256(body) : 'larger than an estate file may be', ...(sourceTime ? { sourceTime } : {}) };
  }

  async staged(hash: string): Promise<{ body: Buffer; sha256: string } | undefined> {
    const read = await this.objects.get(`${SEED_PREFIX}${hash}`);
    return read && { body: read.body, sha256: sha256(read.body) };
  }

  async writeEstate(key: string, body: Buffer, sourceTime: string): Promise<void> {
    const { s3, bucket } = this.objects;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${ESTATES_PREFIX}${key}`,
        Body: body,
        ContentType: 'application/yaml',
        Metadata: { [SOURCE_TIME_METADATA]: sourceTime },
      }),
    );
  }

  async removeEstate(key: string): Promise<void> {
    await this.objects.s3.send(new DeleteObjectCommand({ Bucket: this.objects.bucket, Key: `${ESTATES_PREFIX}${key}` }));
  }

  private get(key: string) {
    return this.objects.s3.send(new GetObjectCommand({ Bucket: this.objects.bucket, Key: key }));
  }
}
