import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { syncTickets } from '../use-cases/sync-tickets';
import { observed } from '../wiring/lambda-observability';
import { syncTicketsDeps } from '../wiring/lambda-tickets';

/** Lifecycle events from the findings topic's ticket queue → one ticket per finding episode; failed messages are retried alone. */
export const handler = observed(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const out = await syncTickets(
    event.Records.map((r) => ({ id: r.messageId, body: r.body })),
    await syncTicketsDeps(),
  );
  return { batchItemFailures: out.failed.map((itemIdentifier) => ({ itemIdentifier })) };
});
