import { S3Client } from '@aws-sdk/client-s3';
import { S3Objects } from '../adapters/s3/s3-objects';
import { S3SeedStore } from '../adapters/s3/s3-seed-store';
import { http } from './lambda-base';

/** The seeding's store on the bucket its custom resource names (the stack's own). */
export const seedStore = (bucket: string): S3SeedStore => new S3SeedStore(new S3Objects(new S3Client(http()), bucket));
