import type { RenderedReport } from '../../ports/run-artifacts';
import { escapeHtml } from './html-report';

/** One estate of a run, as the run's index page lists it. */
export interface RunIndexEntry {
  estate: string;
  /** Its page, relative to the run's folder (`reports/shop.html`). */
  href: string;
}

/**
 * The run's page when it audited several estates: a list of links to each estate's report. Static
 * HTML with no script at all; the policy forbids anything but inline styles.
 */
export function renderRunIndex(runId: string, entries: readonly RunIndexEntry[]): RenderedReport {
  const items = entries.map((e) => `<li><a href="${escapeHtml(e.href)}">${escapeHtml(e.estate)}</a></li>`).join('\n');
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>drift run ${escapeHtml(runId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}li{margin:.3rem 0}</style>
</head><body>
<h1>drift run ${escapeHtml(runId)}</h1>
<p>${entries.length} estates audited; each has its own report:</p>
<ul>
${items}
</ul>
</body></html>
`;
  return { body, mediaType: 'text/html; charset=utf-8' };
}
