import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { sendCustomResourceResponse, type CustomResourceOutcome } from '../adapters/cloudformation/custom-resource-response';
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

async function seed(event: CloudFormationCustomResourceEvent): Promise<CustomResourceOutcome> {
  // The bucket is retained with the stack, and so are the estates it holds.
  if (event.RequestType === 'Delete') return { status: 'SUCCESS', data: {} };
  const { Bucket, Files } = event.ResourceProperties as unknown as SeedingProperties;
  const plan = await seedEstates(Files, seedStore(Bucket), SEEDING_RULES);
  logger.info('estates seeded', { plan });
  return { status: 'SUCCESS', data: seedReportData(plan) };
}

/** `cdk deploy`'s seeding of estates/ (a custom resource): copies the staged files a newer publish has not overtaken, prunes, reports. */
export const handler = observed(async (event: CloudFormationCustomResourceEvent) => {
  let outcome: CustomResourceOutcome;
  try {
    outcome = await seed(event);
  } catch (err) {
    logger.error('seeding failed', err as Error);
    outcome = { status: 'FAILED', reason: `${(err as Error).name}: ${(err as Error).message}` };
  }
  await sendCustomResourceResponse(event, event.RequestType === 'Create' ? PHYSICAL_ID : event.PhysicalResourceId, outcome);
});
