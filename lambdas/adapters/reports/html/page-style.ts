/** The report's styles, inlined (the page loads nothing): one colour per cell status and severity. */
export const PAGE_STYLE = `
:root { --row: 26px; --key: 260px; --col: 170px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
body { margin: 0; padding: 16px 20px; background: #f6f8fa; }
h1 { font-size: 18px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 20px 0 8px; }
.meta, .muted { color: #57606a; }
.bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0; }
.bar input, .bar select { font: inherit; padding: 3px 6px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.bar input[type=search] { min-width: 260px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 16px; align-items: start; }
.panel { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; }
#matrix { height: 60vh; overflow: auto; position: relative; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
.head { position: sticky; top: 0; z-index: 2; display: grid; background: #eaeef2; font-weight: 600; height: var(--row); }
.rows { position: relative; }
.row { position: absolute; left: 0; display: grid; height: var(--row); }
.head > div, .row > div { padding: 0 6px; line-height: var(--row); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid #eaeef2; border-bottom: 1px solid #eaeef2; }
.row > .key, .head > .key { position: sticky; left: 0; z-index: 1; background: #fff; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.head > .key { background: #eaeef2; }
.row > .key.read::before { content: '</> '; color: #0969da; }
.row > .key.unread { color: #57606a; font-style: italic; }
.cell { cursor: pointer; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.cell.selected { outline: 2px solid #0969da; outline-offset: -2px; }
.st-ok { background: #dafbe1; }
.st-absent { background: #f6f8fa; color: #8c959f; }
.st-mismatch, .st-constraint, .st-missing, .st-dangling-ref, .st-rule, .st-source-error { background: #ffebe9; }
.st-parity, .st-retired, .st-exception-expired { background: #fff1e5; }
.st-shadowed, .st-undeclared, .st-stale-runtime, .st-stale-flag, .st-unset, .st-unread { background: #fff8c5; }
.st-changed { background: #ddf4ff; }
.st-suppressed { background: #f3e8ff; }
.legend span { display: inline-block; padding: 1px 6px; margin: 0 4px 4px 0; border-radius: 4px; border: 1px solid #d0d7de; }
.sev { display: inline-block; min-width: 58px; font-weight: 600; text-transform: uppercase; font-size: 11px; }
.sev-critical { color: #8a0016; } .sev-high { color: #cf222e; } .sev-medium { color: #bc4c00; } .sev-low { color: #9a6700; } .sev-info { color: #57606a; }
.finding { padding: 5px 4px; border-bottom: 1px solid #eaeef2; cursor: pointer; }
.finding.related { padding-left: 24px; }
.finding .kind { font-weight: 600; margin-right: 6px; }
.finding .subject { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; margin-right: 6px; }
.badge { font-size: 11px; padding: 0 5px; border-radius: 8px; background: #ddf4ff; color: #0969da; margin-left: 4px; }
#details dl { display: grid; grid-template-columns: 90px minmax(0, 1fr); gap: 2px 8px; margin: 0; }
#details dt { color: #57606a; }
#details dd { margin: 0; overflow-wrap: anywhere; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
button { font: inherit; padding: 3px 10px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { padding: 4px 0; border-bottom: 1px solid #eaeef2; }
`;
