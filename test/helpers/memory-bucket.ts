import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/** Versions of each key of an in-memory bucket, oldest first. */
export type MemoryObjects = Map<string, Buffer[]>;

// Only its type is used: the stub `mockClient(S3Client)` returns.
const _s3Stub = () => mockClient(S3Client);

/** Serves Put, Get (by version) and List of a versioned bucket held in `objects` through the S3 mock. */
export function serveMemoryBucket(s3: ReturnType<typeof _s3Stub>, objects: MemoryObjects): void {
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Buffer | string }) => {
    const list = objects.get(input.Key) ?? [];
    list.push(Buffer.isBuffer(input.Body) ? input.Body : Buffer.from(input.Body));
    objects.set(input.Key, list);
    return { VersionId: `v${list.length}` };
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string; VersionId?: string }) => {
    const list = objects.get(input.Key) ?? [];
    const i = input.VersionId ? Number(input.VersionId.slice(1)) - 1 : list.length - 1;
    const body = list[i];
    if (!body) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([body]), VersionId: `v${i + 1}`, ContentLength: body.length };
  });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) => ({
    Contents: [...objects.keys()].filter((k) => k.startsWith(input.Prefix ?? '')).map((Key) => ({ Key })),
    IsTruncated: false,
  }));
}
