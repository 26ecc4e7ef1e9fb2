// The page's own Find (Ctrl+F, /): a bar over the comparison that finds text in every
// account (case- and accent-insensitive, www/search.js), says "3 of 17", scrolls the
// virtual list to the match and highlights it (CSS Custom Highlight API: no change to the
// passages' DOM). In "who reports what" the matrix shows only the rows holding the text
// (matrix-view.js). Its state is `state.find` ({open, query, index}), changed through
// `store.update` only; `draw(state, shown)` is a view of it.

import { t, formatNumber } from './i18n.js';
import { buildIndexSliced, searchIndex, stepIndex, foldQuery } from './search.js';

const LIMIT = 10000;

/** Lets the page breathe between slices of work. */
function pause() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `els`: {bar, input, count, prev, next, close, sheet}; `view`: the reading view
 * (view.js); `store`: the page's store; `mode()`: 'pair' or 'matrix'.
 */
export function createFind(els, view, store, mode) {
  const { bar, input, count, prev, next, close, sheet } = els;
  let index = null, indexOf = null; // the search index and the layout it is of
  let matches = [], matchKey = '';
  let gone = ''; // the match last scrolled to: 'layout-id|query|index'
  let opener = null;
  let refreshQueued = false;
  const canHighlight = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
  let layoutId = 0, lastLayout = null;

  const update = (find) => store.update({ find }, { save: false });

  input.addEventListener('input', () => update({ query: input.value, index: 0 }));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); step(e.shiftKey ? -1 : 1); } else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); hide(); }
  });
  prev.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => step(1));
  close.addEventListener('click', () => hide());

  function open() {
    const el = document.activeElement;
    if (!bar.contains(el)) opener = el && el !== document.body ? el : null;
    update({ open: true });
    input.focus();
    input.select();
  }

  function hide() {
    update({ open: false });
    const back = opener && opener.isConnected ? opener : sheet;
    back.focus({ preventScroll: true });
  }

  function step(dir) {
    const s = store.state.find;
    if (!matches.length) return;
    update({ index: stepIndex(s.index, dir, matches.length) });
    gone = ''; // the same match again (one match): scroll to it again
  }

  let building = null; // the layout whose index is being built

  /**
   * The matches of the query in the pair on screen (cached by layout and query). The index
   * of a pair is built in slices, a few tasks, on the first search; until then: null.
   */
  function compute(query) {
    const layout = view.layout;
    if (!layout || !foldQuery(query)) { matches = []; matchKey = ''; return true; }
    if (layout !== lastLayout) { lastLayout = layout; layoutId += 1; }
    const key = `${layoutId}|${foldQuery(query)}`;
    if (key === matchKey && indexOf === layout) return true;
    if (indexOf !== layout) {
      if (building !== layout) {
        building = layout;
        const passages = [];
        for (const row of layout.rows) {
          for (const s of row.left) passages.push({ side: 0, seg: s, text: view.segText(0, s) });
          for (const s of row.right) passages.push({ side: 1, seg: s, text: view.segText(1, s) });
        }
        buildIndexSliced(passages, pause).then((idx) => {
          if (building !== layout) return;
          building = null;
          index = idx;
          indexOf = layout;
          update({ indexed: layoutId }); // draws again, now with matches
        });
      }
      matches = [];
      matchKey = '';
      return false;
    }
    matches = searchIndex(index, query, LIMIT);
    matchKey = key;
    return true;
  }

  /** Draws the bar, the count and the highlights; scrolls to the current match when it changed. */
  function draw(state) {
    const f = state.find;
    bar.hidden = !f.open;
    document.body.classList.toggle('finding', !!f.open);
    if (!f.open) { matches = []; matchKey = ''; gone = ''; clearHighlights(); view.setFindMarks(null); return; }
    if (input.value !== f.query) input.value = f.query;
    if (mode() === 'matrix') {
      // The matrix filters its rows by the query itself and says how many hold it.
      count.textContent = '';
      clearHighlights();
      return;
    }
    const ready = compute(f.query);
    const n = matches.length;
    const i = Math.min(f.index, Math.max(0, n - 1));
    if (!foldQuery(f.query)) count.textContent = '';
    else if (!ready) count.textContent = '…';
    else if (!n) count.textContent = t('find.none');
    else count.textContent = t('find.count', { i: formatNumber(i + 1), n: n >= LIMIT ? t('find.many', { n: formatNumber(LIMIT) }) : formatNumber(n) });
    bar.classList.toggle('no-match', !!foldQuery(f.query) && !n);
    view.setFindMarks(n ? queueRefresh : null);
    const key = `${matchKey}|${i}`;
    if (n && key !== gone) {
      gone = key;
      goTo(matches[i]);
    }
    refresh();
  }

  /** Scrolls the virtual list to match `m` (showing everything if the filter hid it). */
  function goTo(m) {
    const layout = view.layout;
    const row = layout.segs[m.side][m.seg]?.row;
    if (row === undefined) return;
    if (!view.rowShown(row)) store.update({ prefs: { filter: 'all' } });
    view.reveal(row);
    const el = view.existing(m.side, m.seg);
    if (!el) return;
    const range = rangeIn(el, m.start, m.end);
    const box = (range || el).getBoundingClientRect();
    const sb = sheet.getBoundingClientRect();
    if (box.top < sb.top + 40 || box.bottom > sb.bottom - 40) {
      sheet.scrollTop += box.top - sb.top - sheet.clientHeight / 2;
      view.repaint();
    }
  }

  function queueRefresh() {
    if (refreshQueued) return;
    refreshQueued = true;
    queueMicrotask(() => { refreshQueued = false; refresh(); });
  }

  /** Highlights the matches in the passages built (all of them, and the current one). */
  function refresh() {
    if (!store.state.find.open || !matches.length) { clearHighlights(); return; }
    const cur = matches[Math.min(store.state.find.index, matches.length - 1)];
    const ranges = [], current = [];
    for (const m of matches) {
      const el = view.existing(m.side, m.seg);
      if (!el) continue;
      const r = rangeIn(el, m.start, m.end);
      if (!r) continue;
      (m === cur ? current : ranges).push(r);
    }
    if (canHighlight) {
      CSS.highlights.set('recoupe-find', new Highlight(...ranges));
      CSS.highlights.set('recoupe-find-current', new Highlight(...current));
    }
    for (const el of sheet.querySelectorAll('.seg.find-current')) el.classList.remove('find-current');
    const curEl = cur && view.existing(cur.side, cur.seg);
    if (curEl) curEl.classList.add('find-current');
  }

  function clearHighlights() {
    if (canHighlight) { CSS.highlights.delete('recoupe-find'); CSS.highlights.delete('recoupe-find-current'); }
    for (const el of sheet.querySelectorAll('.seg.find-current')) el.classList.remove('find-current');
  }

  return { open, hide, draw, step, get matches() { return matches; } };
}

/** A Range over characters [start, end) of a passage's own text in `el` (its screen-reader prefix and badges skipped). */
export function rangeIn(el, start, end) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('.sr-only, .pn') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let pos = 0, range = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = n.data.length;
    if (!range && start < pos + len) { range = document.createRange(); range.setStart(n, start - pos); }
    if (range && end <= pos + len) { range.setEnd(n, end - pos); return range; }
    pos += len;
  }
  return null;
}
