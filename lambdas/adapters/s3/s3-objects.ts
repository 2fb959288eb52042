import { GetObjectCommand, paginateListObjectsV2, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readBody } from '../object-body';

/** An object's bytes and the version read ("null" on an unversioned bucket is no version). */
export interface S3Read {
  body: Buffer;
  versionId?: string;
}

/** Thin reads and writes on one bucket: the S3 adapters' shared plumbing. */
export class S3Objects {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /** Every key under a prefix, in S3's (lexicographic) order. */
  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key);
    }
    return out;
  }

  /**
   * One object, at a version when given; undefined when there is no such key. With `maxBytes`, an
   * object past it is 'too large', and no more of it is downloaded.
   */
  async get(key: string, versionId?: string): Promise<S3Read | undefined>;
  async get(key: string, versionId: string | undefined, maxBytes: number): Promise<S3Read | 'too large' | undefined>;
  async get(key: string, versionId?: string, maxBytes?: number): Promise<S3Read | 'too large' | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      // Run objects are small, and ours: read them whole.
      const body = await readBody(res.Body, { maxBytes: maxBytes ?? Infinity, contentLength: res.ContentLength });
      if (body === undefined) return 'too large';
      return { body, versionId: version(res.VersionId) };
    } catch (err) {
      if ((err as Error).name === 'NoSuchKey' || (err as Error).name === 'NotFound') return undefined;
      throw err;
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }
}

const version = (v: string | undefined): string | undefined => (v && v !== 'null' ? v : undefined);
