// Draws "who reports what" (www/matrix.js arranges the rows): the conflicts first, then a
// table whose rows are the groups and whose columns are the accounts. A function of what it
// is given: it never changes state itself, it calls `on.*` and the page updates the state
// and draws again. Document text goes in as text nodes only. Keyboard: the table is a grid
// (arrows move between cells, Home/End, Enter opens a row, Esc closes it).

import { t } from './i18n.js';
import { matrixRows, filterRows, sortRows, filterCounts, FILTERS, valuePieces, valuesBySegment } from './matrix.js';
import { buildIndex, searchIndex, foldQuery } from './search.js';

const SYMBOL = { same: '●', only: '●', part: '◐', differently: '≠' };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'className') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** The rows of which some passage, in any account, holds `query` (case and accents ignored). */
function rowsHolding(rows, query, segText) {
  const passages = [];
  rows.forEach((row, k) => {
    for (const cell of row.cells) if (cell) for (const s of cell.segments) passages.push({ side: k, seg: s, text: segText(cell.doc, s) });
  });
  const hit = new Set(searchIndex(buildIndex(passages), query, Infinity).map((m) => m.side));
  return rows.filter((_, k) => hit.has(k));
}

/** What the account's column header says under its name: its source and date when known. */
function sourceLine(source) {
  if (!source) return '';
  return [source.outlet, source.date].filter(Boolean).join(' · ');
}

/** A passage with the values the core found in it marked (conflicting ones by their id). */
function passage(text, values) {
  const p = el('span', { className: 'mx-text' });
  for (const piece of valuePieces(text, values || [])) {
    if (!piece.fact) { p.appendChild(document.createTextNode(piece.text)); continue; }
    const f = piece.fact;
    const m = el('mark', {
      className: `mx-value mx-${f.status}`,
      'data-conflict': f.conflict ?? null,
      title: t(`matrix.value.${f.status}`),
    });
    m.textContent = piece.text;
    p.appendChild(m);
  }
  return p;
}

/**
 * Draws the matrix into `root`. `view`: {report, names: [string], sources: [source|null],
 * filter, sort, open (row key or null)}. `on`: {filter(f), sort(s), open(key|null),
 * show(doc, seg)}. Keeps the focused cell across redraws.
 */
export function renderMatrix(root, view, on) {
  const { report, names, sources = [] } = view;
  const n = report.documents.length;
  const focus = root.querySelector('[data-cell]:focus');
  const focusAt = focus ? [focus.closest('tr')?.dataset.row, focus.dataset.cell] : null;
  const all = matrixRows(report);
  const counts = filterCounts(all, n);
  const filter = FILTERS.includes(view.filter) ? view.filter : 'all';
  const segText = (doc, s) => report.documents[doc]?.segments?.[s]?.text ?? '';
  const filtered = filterRows(all, filter, n);
  // The page's Find: only the rows where some account's passage holds the text.
  const found = view.query && foldQuery(view.query) ? rowsHolding(filtered, view.query, segText) : null;
  const rows = sortRows(found || filtered, view.sort || 'most');
  const values = valuesBySegment(report);

  root.replaceChildren();
  root.appendChild(conflictList(report, names, values, segText, on));

  const tools = el('div', { className: 'mx-tools', role: 'toolbar', 'aria-label': t('matrix.filters') });
  for (const f of FILTERS) {
    const b = el('button', { type: 'button', className: 'mx-filter', 'aria-pressed': String(f === filter), 'data-filter': f },
      t(`matrix.filter.${f}`), el('span', { className: 'mx-count', text: String(counts[f]) }));
    b.addEventListener('click', () => on.filter(f));
    tools.appendChild(b);
  }
  root.appendChild(tools);
  if (found) {
    root.appendChild(el('p', { className: 'mx-found', role: 'status' },
      t('find.rows', { n: found.length, all: filtered.length, q: view.query.trim() })));
  }

  const table = el('table', { className: 'mx-table', role: 'grid', 'aria-label': t('matrix.title'), 'aria-rowcount': rows.length + 1 });
  const head = el('tr');
  head.appendChild(el('th', { scope: 'col', className: 'mx-label-head', text: t('matrix.passage') }));
  const sortNow = view.sort || 'most';
  const countHead = el('th', { scope: 'col', className: 'mx-count-head', 'aria-sort': sortNow === 'fewest' ? 'ascending' : sortNow === 'most' ? 'descending' : 'none' });
  const countBtn = el('button', { type: 'button', className: 'mx-sort', 'data-cell': '1', tabindex: '-1' }, t('matrix.accounts'));
  countBtn.addEventListener('click', () => on.sort(sortNow === 'most' ? 'fewest' : 'most'));
  countHead.appendChild(countBtn);
  head.appendChild(countHead);
  for (let d = 0; d < n; d++) {
    const th = el('th', { scope: 'col', className: 'mx-account', 'aria-sort': sortNow === `doc:${d}` ? 'ascending' : 'none' });
    const b = el('button', { type: 'button', className: 'mx-sort', 'data-cell': String(d + 2), tabindex: '-1', title: t('matrix.sortBy', { name: names[d] || '' }) },
      el('span', { className: 'mx-name', text: names[d] || report.documents[d].name }));
    const src = sourceLine(sources[d]);
    if (src) b.appendChild(el('span', { className: 'mx-source', text: src }));
    b.addEventListener('click', () => on.sort(`doc:${d}`));
    th.appendChild(b);
    head.appendChild(th);
  }
  table.appendChild(el('thead', {}, head));

  const body = el('tbody');
  rows.forEach((r, i) => {
    const open = view.open === r.key;
    // aria-expanded belongs on the row header: a grid row may carry it only in a treegrid.
    const tr = el('tr', { 'data-row': r.key, 'aria-rowindex': i + 2, 'data-open': open ? 'true' : null, className: r.conflicts.length ? 'mx-row mx-has-conflict' : 'mx-row' });
    const label = el('th', { scope: 'row', className: 'mx-label', 'data-cell': '0', tabindex: '-1', 'aria-expanded': String(open) });
    if (r.conflicts.length) label.appendChild(el('span', { className: 'mx-flag', 'aria-label': t('matrix.rowConflict'), title: t('matrix.rowConflict'), text: '≠' }));
    label.appendChild(el('span', { className: 'mx-label-text', text: r.label.text }));
    tr.appendChild(label);
    tr.appendChild(el('td', { className: 'mx-n', 'data-cell': '1', tabindex: '-1', text: `${r.accounts}/${n}` }));
    r.cells.forEach((c, d) => {
      const how = c ? c.telling : 'absent';
      const td = el('td', { className: `mx-cell mx-${how}`, 'data-cell': String(d + 2), tabindex: '-1', 'data-doc': d,
        'aria-label': t(`matrix.telling.${how}`, { name: names[d] || '' }), title: t(`matrix.telling.${how}`, { name: names[d] || '' }) });
      td.appendChild(el('span', { 'aria-hidden': 'true', text: c ? SYMBOL[how] || '●' : '·' }));
      tr.appendChild(td);
    });
    tr.addEventListener('click', (e) => { if (!e.target.closest('.mx-detail')) on.open(open ? null : r.key); });
    body.appendChild(tr);
    if (open) body.appendChild(detailRow(r, report, names, values, segText, n, on));
  });
  if (!rows.length) {
    body.appendChild(el('tr', {}, el('td', { colspan: n + 2, className: 'mx-empty', text: t('matrix.empty') })));
  }
  table.appendChild(body);
  table.addEventListener('keydown', (e) => gridKeys(e, table, on));
  root.appendChild(table);

  // One cell of the grid is in the tab order: the one focused before, else the first.
  const restore = focusAt && table.querySelector(`tr[data-row="${CSS.escape(focusAt[0] || '')}"] [data-cell="${focusAt[1]}"]`);
  const first = restore || table.querySelector('tbody [data-cell="0"]') || countBtn;
  first.tabIndex = 0;
  if (restore) restore.focus({ preventScroll: true });
}

function conflictList(report, names, values, segText, on) {
  const conflicts = report.conflicts || [];
  const box = el('section', { className: conflicts.length ? 'mx-conflicts' : 'mx-conflicts mx-no-conflict', 'aria-label': t('matrix.conflicts') });
  box.appendChild(el('h2', { text: t('matrix.conflictsN', { n: conflicts.length }) }));
  if (!conflicts.length) {
    box.appendChild(el('p', { className: 'mx-none', text: t('matrix.noConflict') }));
    return box;
  }
  const list = el('ol', { className: 'mx-conflict-list' });
  for (const c of conflicts) {
    const li = el('li', { 'data-conflict-item': c.id });
    // The kind only: the slot is the core's matching key (a stem), the sentences say the rest.
    li.appendChild(el('p', { className: 'mx-conflict-what', text: t(`matrix.kind.${c.kind}`) }));
    const seen = new Set();
    for (const st of c.statements) {
      const key = `${st.doc}:${st.segment}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const own = (values.get(key) || []).filter((v) => v.fact && v.fact.conflict === c.id);
      const q = el('blockquote', { className: 'mx-quote' });
      const who = el('button', { type: 'button', className: 'mx-who', text: names[st.doc] || report.documents[st.doc].name });
      who.addEventListener('click', () => on.show(st.doc, st.segment));
      q.appendChild(who);
      q.appendChild(passage(segText(st.doc, st.segment), own));
      li.appendChild(q);
    }
    list.appendChild(li);
  }
  box.appendChild(list);
  return box;
}

function detailRow(r, report, names, values, segText, n, on) {
  const tr = el('tr', { className: 'mx-detail' });
  const td = el('td', { colspan: n + 2 });
  const grid = el('div', { className: 'mx-detail-grid' });
  r.cells.forEach((c, d) => {
    if (!c) return;
    const col = el('div', { className: 'mx-detail-col' });
    col.appendChild(el('h3', { text: names[d] || report.documents[d].name }));
    for (const s of c.segments) {
      const p = el('p', { className: 'mx-passage', 'data-doc': d, 'data-seg': s });
      p.appendChild(passage(segText(d, s), values.get(`${d}:${s}`)));
      const show = el('button', { type: 'button', className: 'mx-show', text: t('matrix.showInText') });
      show.addEventListener('click', () => on.show(d, s));
      p.appendChild(show);
      col.appendChild(p);
    }
    grid.appendChild(col);
  });
  td.appendChild(grid);
  tr.appendChild(td);
  return tr;
}

function gridKeys(e, table, on) {
  if (e.key === 'Escape') {
    const openRow = table.querySelector('tr[data-open]');
    if (!openRow) return;
    // Back to the row that was opened, then close it (the redraw keeps that focus).
    e.preventDefault();
    e.stopPropagation();
    for (const c of table.querySelectorAll('[data-cell][tabindex="0"]')) c.tabIndex = -1;
    const label = openRow.querySelector('[data-cell="0"]');
    label.tabIndex = 0;
    label.focus();
    on.open(null);
    return;
  }
  const cell = e.target.closest('[data-cell]');
  if (!cell || e.target.closest('.mx-detail')) return;
  const tr = cell.closest('tr');
  const rowsEls = [...table.querySelectorAll('thead tr, tbody tr[data-row]')];
  const ri = rowsEls.indexOf(tr);
  const ci = Number(cell.dataset.cell);
  const at = (r, c) => rowsEls[r]?.querySelector(`[data-cell="${c}"]`);
  let next = null;
  switch (e.key) {
    case 'ArrowDown': next = at(ri + 1, ci); break;
    case 'ArrowUp': next = at(ri - 1, ci); break;
    case 'ArrowRight': next = at(ri, ci + 1); break;
    case 'ArrowLeft': next = at(ri, ci - 1); break;
    case 'Home': next = e.ctrlKey ? at(1, 0) : at(ri, 0); break;
    case 'End': next = e.ctrlKey ? at(rowsEls.length - 1, ci) : [...tr.querySelectorAll('[data-cell]')].pop(); break;
    case 'Enter':
    case ' ':
      if (tr.dataset.row) { e.preventDefault(); on.open(tr.dataset.open ? null : tr.dataset.row); }
      return;
    default: return;
  }
  e.preventDefault();
  if (!next) return;
  for (const c of table.querySelectorAll('[data-cell][tabindex="0"]')) c.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
