import { auditDocument, type AuditResult } from '../../core/engine/audit';
import type { Renderer } from '../../ports/report-renderer';

/** The audit document (schema drift-audit/v1) as pretty JSON: what `--format json` prints and a run stores. */
export const renderJson = (r: AuditResult): string => `${JSON.stringify(auditDocument(r), null, 2)}\n`;

/** The registry's `json` format (report-formats.ts), in its own module so a run that writes it loads no other renderer. */
export const JSON_REPORT = {
  mediaType: 'application/json',
  needsRepository: false,
  needsConfigs: false,
  render: (c) => renderJson(c.result),
} satisfies Renderer;
