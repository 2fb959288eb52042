import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { SEEDING_RULES } from '../adapters/s3/bucket-layout';
import type { SeededFile } from '../core/seeding/seed-plan';
import { seedReportData } from '../core/seeding/seed-report';
import { seedEstates } from '../use-cases/seed-estates';
import { logger, observed } from '../wiring/lambda-observability';
import { seedStore } from '../wiring/lambda-seed';

/** One resource per stack: the id stays, so an update never asks CloudFormation to delete the old one. */
const PHYSICAL_ID = 'drift-estate-seeding';

interface SeedingProperties {
  Bucket: string;
  Files: SeededFile[];
}

/** What the provider framework hands CloudFormation on success; a throw (or a crash) is a FAILED it sends. */
export interface SeedingResponse {
  PhysicalResourceId: string;
  Data: Record<string, string>;
}

/**
 * `cdk deploy`'s seeding of estates/, invoked by CDK's provider framework (the custom resource's
 * service token), which answers CloudFormation: copies the staged files a newer publish has not
 * overtaken, prunes, reports.
 */
export const handler = observed(async (event: CloudFormationCustomResourceEvent): Promise<SeedingResponse> => {
  // The bucket is retained with the stack, and so are the estates it holds.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId, Data: {} };
  const { Bucket, Files } = event.ResourceProperties as unknown as SeedingProperties;
  const plan = await seedEstates(Files, seedStore(Bucket), SEEDING_RULES);
  logger.info('estates seeded', { plan });
  return { PhysicalResourceId: PHYSICAL_ID, Data: seedReportData(plan) };
});
