import { auditRun, type AuditRunInput } from '../use-cases/audit-run';
import { observed } from '../wiring/lambda-observability';
import { auditRunDeps } from '../wiring/lambda-audit';

/** After the Map: audits each estate from the run's snapshots, records the run and writes its report. */
export const handler = observed((event: AuditRunInput) => auditRun(event, auditRunDeps()));
