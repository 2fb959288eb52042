import { setTimeout } from 'node:timers/promises';
import { nodeCrypto } from '../core/on-demand/node-crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTicketLedger } from '../adapters/dynamodb/ticket-ledger';
import { credentialsFromSecretsManager } from '../adapters/tickets/tracker-token';
import { parseTrackerConfig, type TrackerConfig } from '../core/tickets/tracker-config';
import type { TicketRouting } from '../core/tickets/ticket-routing';
import type { TicketTracker } from '../ports/ticket-tracker';
import type { SyncTicketsDeps } from '../use-cases/sync-tickets';
import { bucket, config, http, once, secretsClient, timeouts } from './lambda-base';
import { LambdaConfigError, now, requireEnv } from './lambda-config';
import { count, logger } from './lambda-observability';
import { reportLink } from './report-url';
import { makeTracker } from './ticket-tracker';
import { ticketRoutes } from '../use-cases/ticket-routes';

/** The tracker (`DRIFT_TICKETS`, the installation's `tickets` context as JSON) and its secret. */
export function ticketsConfig(env: NodeJS.ProcessEnv): { tracker: TrackerConfig; secretArn: string } {
  const { DRIFT_TICKETS, DRIFT_TICKETS_SECRET_ARN } = requireEnv(env, ['DRIFT_TICKETS', 'DRIFT_TICKETS_SECRET_ARN']);
  const parsed = parseTrackerConfig(DRIFT_TICKETS);
  if ('problem' in parsed) throw new LambdaConfigError(`DRIFT_TICKETS ${parsed.problem}`);
  return { tracker: parsed.config, secretArn: DRIFT_TICKETS_SECRET_ARN };
}

const settings = once(() => ticketsConfig(process.env));
const credentials = once(() => credentialsFromSecretsManager(secretsClient(), settings().secretArn, settings().tracker.tracker));
const ledger = once(() => new DynamoDbTicketLedger({ client: new DynamoDBClient(http()), table: config().table }));

let tracker: Promise<TicketTracker> | undefined;
const trackerOnce = (): Promise<TicketTracker> =>
  (tracker ??= credentials()()
    .then((c) => makeTracker(settings().tracker, c, timeouts().requestMs))
    .catch((err: unknown) => {
      tracker = undefined; // a secret set after deploying is read on the next message
      throw err;
    }));

// `drift publish` can change an estate's routing between messages: re-read after a few minutes.
const ROUTING_TTL_MS = 5 * 60_000;
let routes: { at: number; of: (estate: string) => TicketRouting } | undefined;
async function routingOf(estate: string): Promise<TicketRouting> {
  if (!routes || Date.now() - routes.at > ROUTING_TTL_MS) routes = { at: Date.now(), of: await ticketRoutes(bucket().estates) };
  return routes.of(estate);
}

/** sync-tickets: the tracker from its secret, the ledger on the store's table, each estate's routing from the bucket. */
export const syncTicketsDeps = async (): Promise<SyncTicketsDeps> => ({
  tracker: await trackerOnce(),
  ledger: ledger(),
  routing: routingOf,
  reportLink: reportLink(config()),
  now,
  newToken: () => nodeCrypto().randomUUID(),
  // Short waits in place; a longer one (GitHub's secondary limit asks a minute) goes back to the queue.
  patience: { sleep: (ms) => setTimeout(ms), maxWaitMs: 10_000, attempts: 3 },
  count,
  warn: (message, context) => logger.warn(message, context),
});
