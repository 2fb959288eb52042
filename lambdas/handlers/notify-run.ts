import { notifyRun, type NotifyRunInput } from '../use-cases/notify-run';
import { observed } from '../wiring/lambda-observability';
import { notifyRunDeps } from '../wiring/lambda-notify';

/** The last state: SNS lifecycle events not sent yet, and each estate's Slack digest when its window is due. */
export const handler = observed((event: NotifyRunInput) => notifyRun(event, notifyRunDeps()));
