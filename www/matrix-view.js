// Draws "who reports what" (www/matrix.js arranges the rows): the conflicts first, then a
// table whose rows are the groups and whose columns are the accounts. A function of what it
// is given: it never changes state itself, it calls `on.*` and the page updates the state
// and draws again. Document text goes in as text nodes only. Keyboard: the table is a grid
// (arrows move between cells, Home/End, Enter opens a row, Esc closes it).

import { t } from './i18n.js';
import { matrixRows, filterRows, sortRows, filterCounts, FILTERS, valuePieces, valuesBySegment } from './matrix.js';
import { buildIndex, buildIndexSliced, searchIndex, foldQuery } from './search.js';
import { createMatrixList } from './matrix-list.js';

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

/**
 * What the matrix derives from a report, once per report (a large pair has thousands of
 * rows; sorting, filtering and a Find redraw often): the rows, the values by segment, and
 * the Find's index of every passage (built on the first search).
 */
const derived = new WeakMap();
function derive(report) {
  let d = derived.get(report);
  if (!d) {
    // The values by segment are wanted only by an opened row: made then (on a 100k-word
    // pair they were a third of the first draw's 52 ms of CPU).
    let values = null;
    d = {
      all: matrixRows(report), index: null, indexing: false, shown: new Map(), counts: null,
      get values() { return (values ??= valuesBySegment(report)); },
    };
    derived.set(report, d);
  }
  return d;
}

/** The rows under a filter and a sort, once per report: re-sorting thousands of rows was a
 * third of a redraw of the 100k-word pair's matrix. `index`: row key -> place. */
function shownRows(d, filter, sort, n) {
  const key = `${filter} ${sort}`;
  let got = d.shown.get(key);
  if (!got) {
    const filtered = filterRows(d.all, filter, n);
    const rows = sortRows(filtered, sort);
    got = { filtered, rows, index: new Map(rows.map((r, i) => [r.key, i])) };
    d.shown.set(key, got);
  }
  return got;
}

/** Passages from which a report's first matrix is made in a task before the one that draws
 * it (on the 100k-word pair, with the drawing, 52 ms of CPU in one task). */
const DERIVE_APART = 2000;

/** Passages up to which the Find's index is built at once; more are built in slices. */
const INDEX_AT_ONCE = 800;

/**
 * The rows of which some passage, in any account, holds `query` (case and accents ignored),
 * or null while the index of a large report is being built in slices (a 100k-word pair's
 * index at once held the main thread 50 ms); `ready()` is called once it is built.
 */
function rowsHolding(d, rows, query, segText, ready) {
  if (!d.index) {
    if (d.indexing) return null;
    const passages = [];
    d.all.forEach((row, k) => {
      for (const cell of row.cells) if (cell) for (const s of cell.segments) passages.push({ side: k, seg: s, text: segText(cell.doc, s) });
    });
    if (passages.length > INDEX_AT_ONCE) {
      d.indexing = true;
      buildIndexSliced(passages, pause).then((index) => { d.index = index; ready(); });
      return null;
    }
    d.index = buildIndex(passages);
  }
  const hit = new Set(searchIndex(d.index, query, Infinity).map((m) => d.all[m.side].key));
  return rows.filter((r) => hit.has(r.key));
}

/** Lets the page breathe between slices of work. */
function pause() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Per matrix element, across redraws: its virtual list and the grid's focus position
 * ({key: row key or null for the header, cell}). The position is the DOM's own business
 * (which cell has the roving tabindex), not the page's state; it lives here because the row
 * that holds it may not be built.
 */
const lists = new WeakMap();
function listOf(root) {
  let l = lists.get(root);
  if (!l) {
    l = { list: createMatrixList(root), pos: null };
    lists.set(root, l);
  }
  return l;
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
 * filter, sort, open (row key or null), query}. `on`: {filter(f), sort(s), open(key|null),
 * show(doc, seg)}. Keeps the scroll position and the focused cell across redraws. Only the
 * rows near the screen are built (matrix-list.js); the grid's keys reach the others.
 */
export function renderMatrix(root, view, on) {
  const { report, names, sources = [] } = view;
  const n = report.documents.length;
  const mine = listOf(root);
  const hadFocus = !!document.activeElement && root.contains(document.activeElement) && !!document.activeElement.closest('[role="grid"]');
  const scrollTop = root.scrollTop;
  mine.last = view;
  mine.on = on;
  if (!derived.has(report) && report.documents.reduce((k, doc) => k + (doc.segments?.length || 0), 0) > DERIVE_APART) {
    // Made in a task of its own, then drawn (the last view given) in the next.
    if (mine.deriving === report) return;
    mine.deriving = report;
    root.replaceChildren(el('p', { className: 'mx-found', role: 'status', text: '…' }));
    setTimeout(() => {
      derive(report);
      setTimeout(() => {
        mine.deriving = null;
        if (mine.last.report === report && root.isConnected) renderMatrix(root, mine.last, mine.on);
      }, 0);
    }, 0);
    return;
  }
  const d = derive(report);
  d.counts ??= filterCounts(d.all, n);
  const counts = d.counts;
  const filter = FILTERS.includes(view.filter) ? view.filter : 'all';
  const segText = (doc, s) => report.documents[doc]?.segments?.[s]?.text ?? '';
  const shown = shownRows(d, filter, view.sort || 'most', n);
  const filtered = shown.filtered;
  // The page's Find: only the rows where some account's passage holds the text. Until a
  // large report's index is built, every row and "…"; then the last view given is drawn
  // again (the index is a memo of the report, not state of the page).
  const searching = !!(view.query && foldQuery(view.query));
  const found = searching ? rowsHolding(d, filtered, view.query, segText, () => {
    if (mine.last.report === report && root.isConnected && root.firstChild) renderMatrix(root, mine.last, mine.on);
  }) : null;
  const rows = found ? sortRows(found, view.sort || 'most') : shown.rows;

  root.replaceChildren();
  root.appendChild(conflictList(report, names, segText, on));

  const tools = el('div', { className: 'mx-tools', role: 'toolbar', 'aria-label': t('matrix.filters') });
  for (const f of FILTERS) {
    const b = el('button', { type: 'button', className: 'mx-filter', 'aria-pressed': String(f === filter), 'data-filter': f },
      t(`matrix.filter.${f}`), el('span', { className: 'mx-count', text: String(counts[f]) }));
    b.addEventListener('click', () => on.filter(f));
    tools.appendChild(b);
  }
  root.appendChild(tools);
  if (searching) {
    root.appendChild(el('p', { className: 'mx-found', role: 'status' },
      found ? t('find.rows', { n: found.length, all: filtered.length, q: view.query.trim() }) : '…'));
  }

  // The table says how many rows it has and each built row its place: screen readers
  // count the rows that are not built.
  const table = el('table', { className: 'mx-table', role: 'grid', 'aria-label': t('matrix.title'), 'aria-rowcount': rows.length + 1, tabindex: '-1' });
  const head = el('tr', { 'aria-rowindex': 1 });
  head.appendChild(el('th', { scope: 'col', className: 'mx-label-head', text: t('matrix.passage') }));
  const sortNow = view.sort || 'most';
  const countHead = el('th', { scope: 'col', className: 'mx-count-head', 'aria-sort': sortNow === 'fewest' ? 'ascending' : sortNow === 'most' ? 'descending' : 'none' });
  const countBtn = el('button', { type: 'button', className: 'mx-sort', 'data-cell': '1', tabindex: '-1' }, t('matrix.accounts'));
  countBtn.addEventListener('click', () => on.sort(sortNow === 'most' ? 'fewest' : 'most'));
  countHead.appendChild(countBtn);
  head.appendChild(countHead);
  for (let k = 0; k < n; k++) {
    const th = el('th', { scope: 'col', className: 'mx-account', 'aria-sort': sortNow === `doc:${k}` ? 'ascending' : 'none' });
    const b = el('button', { type: 'button', className: 'mx-sort', 'data-cell': String(k + 2), tabindex: '-1', title: t('matrix.sortBy', { name: names[k] || '' }) },
      el('span', { className: 'mx-name', text: names[k] || report.documents[k].name }));
    const src = sourceLine(sources[k]);
    if (src) b.appendChild(el('span', { className: 'mx-source', text: src }));
    b.addEventListener('click', () => on.sort(`doc:${k}`));
    th.appendChild(b);
    head.appendChild(th);
  }
  table.appendChild(el('thead', {}, head));

  const body = el('tbody');
  const spacer = () => {
    const td = el('td', { colspan: n + 2 });
    body.appendChild(el('tr', { className: 'mx-space', 'aria-hidden': 'true' }, td));
    return td;
  };
  const top = spacer(), bottom = spacer();
  if (!rows.length) {
    body.appendChild(el('tr', {}, el('td', { colspan: n + 2, className: 'mx-empty', text: t('matrix.empty') })));
  }
  table.appendChild(body);
  root.appendChild(table);

  // The grid's focus: the position kept, else the first row's label (the header's sort
  // button when no row is shown). One cell is in the tab order; the table itself when that
  // cell's row is not built, so that Tab still reaches the grid.
  const index = found ? new Map(rows.map((r, i) => [r.key, i])) : shown.index;
  let pos = mine.pos && (mine.pos.key === null || index.has(mine.pos.key)) ? mine.pos : null;
  if (!pos) pos = rows.length ? { key: rows[0].key, cell: 0 } : { key: null, cell: 1 };
  mine.pos = pos;
  let roving = null;
  const cellOf = (els, c) => els && els[0].querySelector(`[data-cell="${c}"]`);
  const setRoving = (cell) => {
    if (roving && roving !== cell) roving.tabIndex = -1;
    roving = cell;
    if (cell) cell.tabIndex = 0;
    table.tabIndex = cell ? -1 : 0;
  };
  const grid = {
    rows, index, list: mine.list, cells: n + 2,
    get pos() { return mine.pos; },
    /** Puts the grid's focus on row `i` (-1: the header), cell `c`, building the row if needed. */
    focus(i, c) {
      const cell = i < 0 ? head.querySelector(`[data-cell="${c}"]`) : cellOf(mine.list.reveal(i), c);
      if (!cell) return;
      mine.pos = { key: i < 0 ? null : rows[i].key, cell: c };
      setRoving(cell);
      cell.focus();
    },
  };
  table.addEventListener('focusin', (e) => {
    const cell = e.target.closest('[data-cell]');
    if (!cell || e.target.closest('.mx-detail')) return;
    const key = cell.closest('tr').dataset.row;
    mine.pos = { key: key ?? null, cell: Number(cell.dataset.cell) };
    setRoving(cell);
  });
  table.addEventListener('keydown', (e) => gridKeys(e, table, grid, view.open, on));

  mine.list.show({
    table, tbody: body, top, bottom,
    // An open row is measured apart: it is taller by its passages.
    keys: rows.map((r) => (r.key === view.open ? `${r.key} open` : r.key)),
    estimate: estimator(root, rows, n, view.open),
    build: (i) => {
      const r = rows[i];
      const open = view.open === r.key;
      const els = [matrixRow(r, i, n, names, open, on)];
      if (open) els.push(detailRow(r, report, names, d.values, segText, n, on));
      return els;
    },
    built: (i, els) => {
      if (rows[i].key !== mine.pos.key) return;
      const cell = cellOf(els, mine.pos.cell);
      const parked = document.activeElement === table;
      setRoving(cell);
      if (parked && cell) cell.focus({ preventScroll: true });
    },
    leaving: (els) => {
      // The focused row scrolls away: the focus waits on the table (its keys still work
      // from the position kept) and comes back to the cell when its row is built again.
      if (!els.some((e) => e.contains(roving))) return;
      if (els.some((e) => e.contains(document.activeElement))) table.focus({ preventScroll: true });
      setRoving(null);
    },
  });
  root.scrollTop = scrollTop;
  mine.list.update(true);
  if (pos.key === null) setRoving(head.querySelector(`[data-cell="${pos.cell}"]`) || countBtn);
  else if (!roving) setRoving(null);
  if (hadFocus) (roving || table).focus({ preventScroll: true });
}

/**
 * A guess of each row's height before it is drawn: the label's lines (at most two, it is
 * clamped) at the label column's width; an open row more. Measures replace it.
 */
function estimator(root, rows, n, open) {
  const labelWidth = Math.max(120, (root.clientWidth || 1200) - 48 - 90 - 170 * n);
  const chars = Math.max(16, Math.floor((labelWidth - 20) / 7.4));
  return (i) => {
    const r = rows[i];
    const lines = r.label.text.length > chars ? 2 : 1;
    return 15 + lines * 20.5 + (r.key === open ? 160 : 0);
  };
}

/** The grid row of `r`, the `i`-th shown. */
function matrixRow(r, i, n, names, open, on) {
  // aria-expanded belongs on the row header: a grid row may carry it only in a treegrid.
  const tr = el('tr', { 'data-row': r.key, 'aria-rowindex': i + 2, 'data-open': open ? 'true' : null, className: r.conflicts.length ? 'mx-row mx-has-conflict' : 'mx-row' });
  const label = el('th', { scope: 'row', className: 'mx-label', 'data-cell': '0', tabindex: '-1', 'aria-expanded': String(open) });
  if (r.conflicts.length) label.appendChild(el('span', { className: 'mx-flag', 'aria-label': t('matrix.rowConflict'), title: t('matrix.rowConflict'), text: '≠' }));
  label.appendChild(el('span', { className: 'mx-label-text', text: r.label.text }));
  tr.appendChild(label);
  tr.appendChild(el('td', { className: 'mx-n', 'data-cell': '1', tabindex: '-1', text: `${r.accounts}/${n}` }));
  r.cells.forEach((c, k) => {
    const how = c ? c.telling : 'absent';
    const td = el('td', { className: `mx-cell mx-${how}`, 'data-cell': String(k + 2), tabindex: '-1', 'data-doc': k,
      'aria-label': t(`matrix.telling.${how}`, { name: names[k] || '' }), title: t(`matrix.telling.${how}`, { name: names[k] || '' }) });
    td.appendChild(el('span', { 'aria-hidden': 'true', text: c ? SYMBOL[how] || '●' : '·' }));
    tr.appendChild(td);
  });
  tr.addEventListener('click', (e) => { if (!e.target.closest('.mx-detail')) on.open(open ? null : r.key); });
  return tr;
}

function conflictList(report, names, segText, on) {
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
      // This conflict's own values in the passage (its statements there), marked by its id.
      const own = c.statements.filter((o) => o.doc === st.doc && o.segment === st.segment)
        .map((o) => ({ at: o.at, fact: { kind: c.kind, status: 'conflict', conflict: c.id } }));
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

/**
 * The grid's keys, by position in the shown rows rather than by the rows in the page: a
 * row not built yet is built (and scrolled to) when the focus goes to it.
 */
function gridKeys(e, table, grid, openKey, on) {
  if (e.key === 'Escape') {
    if (!openKey) return;
    // Back to the row that was opened, then close it (the redraw keeps that focus).
    e.preventDefault();
    e.stopPropagation();
    const i = grid.index.get(openKey);
    if (i !== undefined) grid.focus(i, 0);
    on.open(null);
    return;
  }
  if (e.target.closest('.mx-detail')) return;
  const cell = e.target.closest('[data-cell]');
  // On a cell, from it; on the table (its row scrolled away), from the position kept.
  const key = cell ? cell.closest('tr').dataset.row ?? null : grid.pos.key;
  const ci = cell ? Number(cell.dataset.cell) : grid.pos.cell;
  const ri = key === null ? -1 : grid.index.get(key);
  if (ri === undefined) return;
  const last = grid.rows.length - 1;
  // The header's first column is a plain heading, not a cell of the grid.
  const minCell = (r) => (r < 0 ? 1 : 0);
  let to = null;
  switch (e.key) {
    case 'ArrowDown': if (ri < last) to = [ri + 1, ci]; break;
    case 'ArrowUp': if (ri >= 0) to = [ri - 1, Math.max(ci, minCell(ri - 1))]; break;
    case 'ArrowRight': if (ci < grid.cells - 1) to = [ri, ci + 1]; break;
    case 'ArrowLeft': if (ci > minCell(ri)) to = [ri, ci - 1]; break;
    case 'PageDown': if (ri < last) to = [Math.min(last, ri + grid.list.perScreen()), ci]; break;
    case 'PageUp': if (ri > 0) to = [Math.max(0, ri - grid.list.perScreen()), ci]; break;
    case 'Home': to = e.ctrlKey ? (last >= 0 ? [0, 0] : null) : [ri, minCell(ri)]; break;
    case 'End': to = e.ctrlKey ? (last >= 0 ? [last, ci] : null) : [ri, grid.cells - 1]; break;
    case 'Enter':
    case ' ':
      if (key !== null && cell) { e.preventDefault(); on.open(openKey === key ? null : key); }
      return;
    default: return;
  }
  e.preventDefault();
  if (to) grid.focus(to[0], to[1]);
}
