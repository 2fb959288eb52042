import { auditDocument, type AuditResult } from '../../core/engine/audit';

/** The audit document (schema drift-audit/v1) as pretty JSON: what `--format json` prints and a run stores. */
export const renderJson = (r: AuditResult): string => `${JSON.stringify(auditDocument(r), null, 2)}\n`;
