import { planRun, type PlanRunInput } from '../use-cases/plan-run';
import { observed } from '../wiring/lambda-observability';
import { planRunDeps } from '../wiring/lambda-plan';

/** Step Functions' first state: pins the estate files and lists the accounts and regions to snapshot. */
export const handler = observed((event: PlanRunInput) => planRun(event ?? {}, planRunDeps()));
