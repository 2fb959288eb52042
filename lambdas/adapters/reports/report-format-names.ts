/**
 * The audit's output formats, in the order help lists them: the CLI reads its `--format` choices
 * here without loading a renderer; report-formats.ts must give each one a renderer.
 */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
