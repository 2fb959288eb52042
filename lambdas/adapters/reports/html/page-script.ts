/**
 * The report's one script (its hash is the page's only script-src). It reads the embedded JSON and
 * builds everything with textContent: data never reaches innerHTML. The matrix renders only the
 * rows in view, so 5,000 keys × 20 environments stay light; the findings list renders a page at a time.
 */
export const PAGE_SCRIPT = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('drift-data').textContent);
var ROW = 26, OVERSCAN = 10, PAGE = 200;
var envs = D.environments;
var state = { q: '', env: '', kind: '', severity: '', owner: '', status: '', limit: PAGE, sel: null };

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function byId(id) { return document.getElementById(id); }
function slot(env, key) { return env + '\u0000' + key; }
function quote(s) { return /^[A-Za-z0-9_.\/:@%+=-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }

// Findings by cell: the open ones (most severe first, as the audit sorts them), then the excused.
var open = new Map(), excused = new Map();
function envsOf(f) { return f.environment !== undefined ? [f.environment] : f.values ? Object.keys(f.values) : []; }
function index(map, list) {
  list.forEach(function (f, i) {
    if (f.key === undefined) return;
    envsOf(f).forEach(function (e) {
      var k = slot(e, f.key);
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(i);
    });
  });
}
index(open, D.findings);
index(excused, D.suppressed);

function statusOf(r, c) {
  var k = slot(envs[c], D.keys[r]);
  var o = open.get(k);
  if (o) return D.findings[o[0]].kind;
  if (excused.has(k)) return 'suppressed';
  return D.cells[r][c] ? 'ok' : 'absent';
}

// Header: the estate, when, and the counts.
byId('estate').textContent = 'drift audit · ' + D.estate;
byId('meta').textContent = D.generatedAt + ' · ' + envs.join(', ') + ' · ' + D.keys.length + ' keys · ' +
  D.findings.length + ' findings · ' + D.suppressed.length + ' suppressed · ' + D.resolved.length + ' resolved';

// Filters: their choices come from the data.
function fill(id, values) {
  var s = byId(id);
  values.forEach(function (v) { var o = el('option', '', v); o.value = v; s.appendChild(o); });
  s.addEventListener('change', function () { state[s.dataset.field] = s.value; state.limit = PAGE; refresh(); });
}
function distinct(get) {
  var seen = new Set();
  D.findings.concat(D.suppressed).forEach(function (f) { var v = get(f); if (v) seen.add(v); });
  return Array.from(seen).sort();
}
fill('f-env', envs.concat(distinct(function (f) { return f.environment === undefined ? f.scope : ''; })));
fill('f-kind', distinct(function (f) { return f.kind; }));
fill('f-severity', D.severities);
fill('f-owner', distinct(function (f) { return f.owner; }));
fill('f-status', ['new', 'open']);
var timer = 0;
byId('search').addEventListener('input', function (e) {
  clearTimeout(timer);
  timer = setTimeout(function () { state.q = e.target.value.trim().toLowerCase(); state.limit = PAGE; refresh(); }, 120);
});

function matches(f) {
  if (state.env && f.environment !== state.env && f.scope !== state.env && !(f.values && state.env in f.values)) return false;
  if (state.kind && f.kind !== state.kind) return false;
  if (state.severity && f.severity !== state.severity) return false;
  if (state.owner && f.owner !== state.owner) return false;
  if (state.status && f.status !== state.status) return false;
  if (state.q) {
    var hay = (f.subject + ' ' + f.message + ' ' + f.scope + ' ' + f.kind + ' ' + f.owner).toLowerCase();
    if (hay.indexOf(state.q) < 0) return false;
  }
  return true;
}

// The matrix: a header, and a tall box in which only the rows in view exist.
var box = byId('matrix'), head = el('div', 'head'), rows = el('div', 'rows');
box.appendChild(head);
box.appendChild(rows);
var visibleRows = [], columns = [];
function layoutColumns() {
  columns = [];
  var one = envs.indexOf(state.env) >= 0;
  envs.forEach(function (e, i) { if (!one || state.env === e) columns.push(i); });
  var tpl = 'var(--key) repeat(' + Math.max(columns.length, 1) + ', var(--col))';
  head.style.gridTemplateColumns = tpl;
  head.textContent = '';
  head.appendChild(el('div', 'key', 'key'));
  columns.forEach(function (c) { head.appendChild(el('div', '', envs[c])); });
  return tpl;
}
function rowMatches(r) {
  if (!state.q) return true;
  if (D.keys[r].toLowerCase().indexOf(state.q) >= 0) return true;
  var cells = D.cells[r];
  for (var i = 0; i < columns.length; i++) {
    var cell = cells[columns[i]];
    if (cell && cell[0].toLowerCase().indexOf(state.q) >= 0) return true;
  }
  return false;
}
var template = '';
function filterRows() {
  template = layoutColumns();
  visibleRows = [];
  for (var r = 0; r < D.keys.length; r++) if (rowMatches(r)) visibleRows.push(r);
  rows.style.height = visibleRows.length * ROW + 'px';
  rows.style.width = 'calc(var(--key) + ' + columns.length + ' * var(--col))';
  byId('matrix-count').textContent = visibleRows.length + ' of ' + D.keys.length + ' keys';
  drawn = '';
  draw();
}
var drawn = '';
function draw() {
  var first = Math.max(0, Math.floor(box.scrollTop / ROW) - OVERSCAN);
  var last = Math.min(visibleRows.length, Math.ceil((box.scrollTop + box.clientHeight) / ROW) + OVERSCAN);
  var id = first + ':' + last;
  if (id === drawn) return;
  drawn = id;
  rows.textContent = '';
  for (var i = first; i < last; i++) {
    var r = visibleRows[i], line = el('div', 'row');
    line.style.top = i * ROW + 'px';
    line.style.gridTemplateColumns = template;
    line.dataset.key = D.keys[r];
    var keyCell = el('div', 'key', D.keys[r]);
    if (D.code) {
      keyCell.className += D.code[r] ? ' read' : ' unread';
      keyCell.title = D.code[r] ? 'read by code: ' + D.code[r] : 'no code reads it';
    }
    line.appendChild(keyCell);
    for (var j = 0; j < columns.length; j++) {
      var c = columns[j], cell = D.cells[r][c], st = statusOf(r, c);
      var d = el('div', 'cell st-' + st, cell ? cell[0] : '');
      d.dataset.r = r;
      d.dataset.c = c;
      d.dataset.status = st;
      d.title = cell ? st + ' · ' + D.sources[cell[1]] + ' · ' + cell[2] : st;
      d.tabIndex = 0;
      if (state.sel && state.sel.r === r && state.sel.c === c) d.className += ' selected';
      line.appendChild(d);
    }
    rows.appendChild(line);
  }
}
box.addEventListener('scroll', draw);
window.addEventListener('resize', draw);
function pick(e) {
  var t = e.target.closest ? e.target.closest('.cell') : null;
  if (!t) return;
  state.sel = { r: Number(t.dataset.r), c: Number(t.dataset.c) };
  var prev = rows.querySelector('.cell.selected');
  if (prev) prev.classList.remove('selected');
  t.classList.add('selected');
  showCell(state.sel.r, state.sel.c);
}
box.addEventListener('click', pick);
box.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(e); } });

// Details: a cell's value, provenance, findings and the commands that settle it.
function dl(pairs) {
  var list = el('dl');
  pairs.forEach(function (p) {
    if (p[1] === undefined || p[1] === null || p[1] === '') return;
    list.appendChild(el('dt', '', p[0]));
    list.appendChild(el('dd', '', p[1]));
  });
  return list;
}
function findingBlock(f) {
  var box = el('div', 'panel');
  var line = el('div');
  line.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
  line.appendChild(el('span', 'kind', f.kind));
  if (f.status === 'new') line.appendChild(el('span', 'badge', 'new'));
  box.appendChild(line);
  box.appendChild(el('div', '', f.message));
  var values = f.values ? Object.keys(f.values).map(function (e) { return e + ' = ' + (f.values[e] === null ? '(not set)' : f.values[e]); }).join('; ') : '';
  box.appendChild(dl([['scope', f.scope], ['expected', f.expected], ['actual', f.actual], ['values', values], ['source', f.source],
    ['hides', f.hidden ? f.hidden.join('; ') : ''], ['owner', f.owner], ['since', f.firstSeen], ['excused', f.exception], ['why', f.reason]]));
  return box;
}
function commands(env, key) {
  var wrap = el('div');
  wrap.appendChild(el('div', 'muted', 'Make the declaration match what runs, or print the commands that restore the declared value:'));
  wrap.appendChild(el('pre', 'cmd', 'drift adopt ' + quote(env) + ' ' + quote(key)));
  wrap.appendChild(el('pre', 'cmd', 'drift revert ' + quote(env) + ' ' + quote(key)));
  return wrap;
}
function showCell(r, c) {
  var panel = byId('details'), key = D.keys[r], env = envs[c], cell = D.cells[r][c];
  panel.textContent = '';
  panel.appendChild(el('h2', '', key + ' in ' + env));
  panel.appendChild(dl([['value', cell ? cell[0] : '(not set)'], ['status', statusOf(r, c)], ['source', cell ? D.sources[cell[1]] : ''],
    ['location', cell ? cell[2] : ''], ['version', cell ? cell[3] : ''], ['modified', cell ? cell[4] : ''], ['by', cell ? cell[5] : ''],
    ['code', D.code ? D.code[r] || 'no code reads it' : '']]));
  (open.get(slot(env, key)) || []).forEach(function (i) { panel.appendChild(findingBlock(D.findings[i])); });
  (excused.get(slot(env, key)) || []).forEach(function (i) { panel.appendChild(findingBlock(D.suppressed[i])); });
  panel.appendChild(commands(env, key));
}
function showFinding(f) {
  // A finding on one cell: the cell, with its value, provenance and every finding on it.
  var r = f.environment === undefined ? -1 : D.keys.indexOf(f.key), c = envs.indexOf(f.environment);
  if (r >= 0 && c >= 0) return showCell(r, c);
  var panel = byId('details');
  panel.textContent = '';
  panel.appendChild(el('h2', '', f.subject + ' · ' + f.scope));
  panel.appendChild(findingBlock(f));
  if (f.key !== undefined) envsOf(f).forEach(function (e) { panel.appendChild(commands(e, f.key)); });
}

// Findings, grouped by root cause, a page at a time.
function findingLine(f, related) {
  var line = el('div', 'finding' + (related ? ' related' : ''));
  line.dataset.kind = f.kind;
  line.dataset.severity = f.severity;
  if (related) line.appendChild(el('span', 'muted', '↳ '));
  line.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
  line.appendChild(el('span', 'kind', f.kind));
  line.appendChild(el('span', 'subject', f.subject));
  line.appendChild(el('span', 'muted', f.scope));
  if (f.status === 'new') line.appendChild(el('span', 'badge', 'new'));
  line.appendChild(el('div', '', f.message));
  line.addEventListener('click', function () { showFinding(f); });
  return line;
}
function renderFindings() {
  var list = byId('findings'), shown = 0, total = 0;
  list.textContent = '';
  D.groups.forEach(function (g) {
    var members = g.filter(function (i) { return matches(D.findings[i]); });
    total += members.length;
    if (!members.length || shown >= state.limit) return;
    members.forEach(function (i, n) { list.appendChild(findingLine(D.findings[i], n > 0)); });
    shown += members.length;
  });
  byId('findings-count').textContent = shown + ' of ' + total + ' matching findings shown (' + D.findings.length + ' in all)';
  var more = byId('more');
  more.hidden = shown >= total;
}
byId('more').addEventListener('click', function () { state.limit += PAGE; renderFindings(); });

function renderList(id, list, line) {
  var ul = byId(id);
  ul.textContent = '';
  list.filter(matches).slice(0, state.limit).forEach(function (f) {
    var li = el('li');
    li.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
    li.appendChild(el('span', 'kind', f.kind + ' '));
    li.appendChild(el('span', 'subject', f.subject + ' '));
    li.appendChild(el('span', 'muted', f.scope + ' · ' + line(f)));
    li.addEventListener('click', function () { showFinding(f); });
    ul.appendChild(li);
  });
  if (!ul.firstChild) ul.appendChild(el('li', 'muted', 'none'));
}
function refresh() {
  filterRows();
  renderFindings();
  renderList('suppressed', D.suppressed, function (f) { return (f.actual || '') + ' · ' + (f.exception || ''); });
  renderList('changed', D.changed, function (f) { return f.message; });
  renderList('resolved', D.resolved, function (f) { return f.reason || ''; });
}
refresh();
})();
`;
