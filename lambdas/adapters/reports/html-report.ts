import { nodeCrypto } from '../../core/on-demand/node-crypto';
import type { AuditResult } from '../../core/engine/audit';
import { sanitize } from '../../core/values/value';
import { htmlReportData } from './html-report-data';
import { PAGE_SCRIPT } from './html/page-script';
import { PAGE_STYLE } from './html/page-style';
import type { Renderer } from '../../ports/report-renderer';
import { NO_LAYOUT, reportLayout, type ReportLayout } from './report-layout';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made inert in HTML content or a quoted attribute. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * JSON safe inside `<script type="application/json">`: no `<`, `>` or `&` (so never `</script>` or
 * `<!--`), and no line separators; each becomes its `\uXXXX` escape, which JSON.parse reads back.
 */
export const scriptJson = (data: unknown): string =>
  JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The CSP source of an inline script: its SHA-256, as the browser computes it over the exact text. */
export const scriptHash = (script: string): string =>
  `'sha256-${nodeCrypto().createHash('sha256').update(script, 'utf8').digest('base64')}'`;

/** Nothing from the network, no inline handlers: only the one script whose hash is given, and inline styles. */
const contentPolicy = (script: string): string =>
  [
    "default-src 'none'",
    `script-src ${scriptHash(script)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

const LEGEND = ['ok', 'mismatch', 'missing', 'constraint', 'parity', 'shadowed', 'undeclared', 'changed', 'suppressed', 'absent'];

/**
 * The audit as one self-contained HTML page (no network; attachable to a ticket): a matrix of keys ×
 * environments coloured by status, the findings grouped by root cause with filters and a search,
 * what is excused and what changed. The data is embedded once as JSON; the page's script renders it.
 */
export function renderHtml(r: AuditResult, layout: ReportLayout = NO_LAYOUT): string {
  const data = scriptJson(htmlReportData(r, layout));
  const title = escapeHtml(sanitize(`drift audit · ${r.estate} · ${r.generatedAt}`));
  const select = (id: string, field: string, label: string): string =>
    `<label>${label} <select id="${id}" data-field="${field}"><option value="">all</option></select></label>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentPolicy(PAGE_SCRIPT))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1 id="estate"></h1><div id="meta" class="meta"></div></header>
<div class="bar">
<input id="search" type="search" placeholder="Search keys, values, findings" aria-label="Search">
${select('f-env', 'env', 'environment')}
${select('f-kind', 'kind', 'kind')}
${select('f-severity', 'severity', 'severity')}
${select('f-owner', 'owner', 'owner')}
${select('f-status', 'status', 'status')}
</div>
<div class="legend">${LEGEND.map((s) => `<span class="st-${s}">${s}</span>`).join('')}</div>
<div class="layout">
<main>
<h2>Effective configuration <span id="matrix-count" class="muted"></span></h2>
<div id="matrix" role="grid" aria-label="keys by environment"></div>
<h2>Findings <span id="findings-count" class="muted"></span></h2>
<div id="findings" class="panel"></div>
<button id="more" type="button" hidden>Show more</button>
<h2>Changed since the last run</h2>
<ul id="changed" class="plain panel"></ul>
<h2>Resolved since the last run</h2>
<ul id="resolved" class="plain panel"></ul>
<h2>Suppressed by exceptions and accepted differences</h2>
<ul id="suppressed" class="plain panel"></ul>
</main>
<aside id="details" class="panel"><p class="muted">Click a cell or a finding for its details.</p></aside>
</div>
<script type="application/json" id="drift-data">${data}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The registry's `html` format (report-formats.ts), in its own module so a run that writes it loads no other renderer. */
export const HTML_REPORT = {
  mediaType: 'text/html; charset=utf-8',
  needsRepository: false,
  needsConfigs: true,
  render: (c) => renderHtml(c.result, reportLayout(c.estate)),
} satisfies Renderer;
