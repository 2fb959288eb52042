import * as path from 'node:path';
import type { AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import { runAudit } from '../use-cases/run-audit';
import { buildCliServices, type CliServices } from '../wiring/cli-services';
import type { CliIo } from './io';
import { loadEstateOrFail, pickEnvironments } from './load';
import { auditInstant, type CommonOptions } from './options';

/** Loads the estate, collects its sources and audits them: what audit, diff and explain share. */
export async function auditSession(
  opts: CommonOptions,
  io: CliIo,
  now: () => Date,
  progress: boolean,
): Promise<{ estate: Estate; result: AuditResult; services: CliServices; at: Date }> {
  const at = auditInstant(opts.asOf, now);
  const estate = await loadEstateOrFail(opts.config, io);
  const environments = pickEnvironments(estate, opts.env);
  const services = await buildCliServices(path.resolve(io.cwd, opts.config), io.env);
  const result = await runAudit({
    estate,
    collector: services.collector,
    fp: services.fp,
    now: at,
    environments,
    onProgress: progress ? (env) => io.stderr.write(`\rcollecting ${env}…\u001b[K`) : undefined,
  });
  if (progress) io.stderr.write('\r\u001b[K');
  return { estate, result, services, at };
}
