import type { SQSEvent } from 'aws-lambda';
import { routeEvents } from '../use-cases/route-events';
import { observed } from '../wiring/lambda-observability';
import { routeEventsDeps } from '../wiring/lambda-route';

/**
 * A batch of buffered change events: one targeted run per estate they touch. The messages of a run
 * that cannot start are retried (then its dead-letter queue); a store that cannot be read retries the batch.
 */
export const handler = observed((event: SQSEvent) =>
  routeEvents(
    event.Records.map((r) => ({ id: r.messageId, body: r.body, sentAt: new Date(Number(r.attributes.SentTimestamp)) })),
    routeEventsDeps(),
  ),
);
