// The rows of the reading view, as a virtual list: one row per anchor (passages face to
// face) or gap, but only the rows near the screen exist in the page. A pool of row elements
// is reused as the sheet scrolls; two spacers stand for the rows above and below, with the
// rows' measured heights (estimated until a row has been drawn; vlist.js does the sums).
// Each passage is an element with the segment DOM contract (`data-doc`, `data-seg`,
// `data-links`, `data-side`). Document text is only ever put in the page as text nodes.

import { t, formatPercent } from './i18n.js';
import { appendRuns, appendMarks, strongest } from './words.js';
import { offsetsOf, windowOf, estimateHeights, blendHeights, rowAt } from './vlist.js';

const SIDE_LETTER = ['A', 'B'];

/** Up to this many passages every row is built (and the browser's own Find reaches all). */
export const EAGER_LIMIT = 600;
/** Pixels built above and below the screen, and the most rows ever built at once. */
const OVERSCAN = 600;
const MAX_ROWS = 200;
/** Pixels built around the screen on a first draw or after a jump. */
const JUMP_OVERSCAN = 150;
/**
 * Milliseconds after a jump during which only the screen and JUMP_OVERSCAN are built: a
 * reader dragging the scrollbar or flicking the wheel far jumps again before the margin
 * would be seen, and building it doubled each frame's work (issue 13: frames of 20–30 ms
 * of main-thread time, 60–100 ms on a loaded 2-core machine). The margin is built once the
 * jumps stop.
 */
const SETTLE = 120;

/**
 * The rows of `content` (inside the scrolling `sheet`). `onChange()` is called when rows were
 * built, recycled or changed height (the ribbons and minimaps follow); `focused()` gives the
 * passage with the roving tabindex, {side, seg} or null; `decorate(el, side, seg)` is called
 * for every passage element built (the view puts back hover, focus and search marks).
 */
export function createRows({ content, sheet, onChange, focused, decorate }) {
  let ctx = null; // {layout, report, segText, docSegs}
  let segEls = [new Map(), new Map()];
  const live = new Map(); // row index -> element, a run of consecutive shown rows in order
  const pool = [];
  let estimates = null, measured = null, heights = null, offsets = null, shown = null;
  let win = [0, 0];
  let all = false; // every row built (small comparisons, printing)
  let width = 0;
  let filterChanged = false;
  let overscan = OVERSCAN;
  let calmAt = 0; // performance.now() after which the full margin is built again
  let growTimer = 0;
  let anchor = null; // {r, y} (a row on screen, its top below the sheet's) or {bottom: true}: what to keep still
  const top = spacer('top'), bottom = spacer('bottom');
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : null;

  function spacer(which) {
    const el = document.createElement('div');
    el.className = `vspace ${which}`;
    el.setAttribute('aria-hidden', 'true');
    return el;
  }

  function build(context) {
    clear();
    ctx = context;
    const { layout, docSegs } = ctx;
    const n = layout.rows.length;
    const lengths = (r) => {
      const row = layout.rows[r];
      return [row.left.map((s) => (docSegs(0)[s]?.text || '').length), row.right.map((s) => (docSegs(1)[s]?.text || '').length)];
    };
    estimates = estimateHeights(n, lengths, { charsPerLine: charsPerLine() });
    measured = new Float64Array(n);
    shown = new Uint8Array(n).fill(1);
    all = layout.segs[0].length + layout.segs[1].length <= EAGER_LIMIT;
    relayout();
    content.append(top, bottom);
    if (resized) resized.observe(sheet);
    width = sheet.clientWidth;
    // First only the screen and a little around it (a quick first draw); the view's next
    // frame builds the rest of the margin.
    overscan = JUMP_OVERSCAN;
    update(true);
    overscan = OVERSCAN;
  }

  /** Characters to a line of one column, from the sheet's width (for the first estimates). */
  function charsPerLine() {
    const w = sheet.clientWidth || 1000;
    return Math.max(20, Math.round(((w - 72) / 2 - 40) / 7.6));
  }

  function relayout() {
    heights = blendHeights(estimates, measured);
    offsets = offsetsOf(heights, shown);
  }

  /** The top of the rows in the sheet's scrolled coordinates. */
  function base() {
    return content.offsetTop + top.offsetTop;
  }

  /** Builds the rows the scroll position needs and recycles the others; true if anything changed. */
  function update(force) {
    if (!ctx) return false;
    const n = ctx.layout.rows.length;
    const b = base();
    const now = performance.now();
    const margin = now < calmAt ? JUMP_OVERSCAN : overscan;
    let want = all ? [0, n] : windowOf(offsets, sheet.scrollTop - b, sheet.clientHeight || 800, margin, MAX_ROWS);
    if (!force && want[0] === win[0] && want[1] === win[1]) { keepAnchor(); return false; }
    if (!all && win[1] > win[0] && (want[0] >= win[1] || want[1] <= win[0])) {
      // A jump (scrollbar, minimap, a long wheel step): the screen first, the margin once
      // the jumps stop, so that no frame builds a whole window at once.
      if (margin > JUMP_OVERSCAN) want = windowOf(offsets, sheet.scrollTop - b, sheet.clientHeight || 800, JUMP_OVERSCAN, MAX_ROWS);
      calmAt = now + SETTLE;
      clearTimeout(growTimer);
      growTimer = setTimeout(() => requestAnimationFrame(() => { if (ctx) { update(false); onChange(); } }), SETTLE + 10);
    }
    const before = anchorBefore(want);
    win = want;
    for (const [r, el] of live) if (r < win[0] || r >= win[1] || !shown[r]) recycle(r, el);
    let next = bottom;
    for (let r = win[1] - 1; r >= win[0]; r--) {
      if (!shown[r]) continue;
      let el = live.get(r);
      if (!el) {
        el = pool.pop() || document.createElement('div');
        fillRow(el, r);
        live.set(r, el);
        content.insertBefore(el, next);
        if (resized) resized.observe(el);
      }
      next = el;
    }
    measure();
    placeSpacers();
    holdStill(before);
    keepAnchor();
    return true;
  }

  /**
   * What must stay still on screen while rows are built and measured (measures replace
   * estimates, and the estimates of every row not yet drawn are rescaled, so the rows above
   * the screen change height): at the very bottom, the bottom (the last row stays in view
   * however the heights settle); else a built row that stays built, at its place on screen;
   * else (a jump: every built row goes) the row that the offsets put at the top of the
   * screen, at its place. Read before the rows change; `holdStill` puts it back.
   */
  function anchorBefore(want) {
    if (atBottom()) return { bottom: true };
    const kept = findAnchor(want);
    if (kept) return { r: kept.r, y: kept.y - sheet.getBoundingClientRect().top };
    const y0 = sheet.scrollTop - base();
    const r = rowAt(offsets, Math.max(0, y0));
    return { r, y: offsets[r] - y0 };
  }

  /** Scrolls so that what `anchorBefore` read is where it was. */
  function holdStill(before) {
    if (before.bottom) {
      const end = sheet.scrollHeight - sheet.clientHeight;
      if (Math.abs(sheet.scrollTop - end) >= 1) sheet.scrollTop = end;
      return;
    }
    const el = live.get(before.r);
    if (!el) return;
    const y = el.getBoundingClientRect().top - sheet.getBoundingClientRect().top;
    const d = y - before.y;
    if (Math.abs(d) >= 1) sheet.scrollTop += d;
  }

  /** The sheet is scrolled to its end (a reader who went to the end stays there). */
  function atBottom() {
    return sheet.scrollTop > 0 && sheet.scrollTop >= sheet.scrollHeight - sheet.clientHeight - 1;
  }

  function placeSpacers() {
    const n = ctx.layout.rows.length;
    top.style.height = `${offsets[win[0]]}px`;
    bottom.style.height = `${Math.max(0, offsets[n] - offsets[win[1]])}px`;
  }

  /** The first built row (in `within`, [first, last), if given) whose bottom is below the top of the sheet. */
  function findAnchor(within) {
    const limit = sheet.getBoundingClientRect().top;
    for (const [r, el] of live) {
      if (within && (r < within[0] || r >= within[1])) continue;
      const box = el.getBoundingClientRect();
      if (box.bottom > limit) return { r, y: box.top };
    }
    return null;
  }

  /** Remembers what to hold still when built rows change height (onResize). */
  function keepAnchor() {
    if (atBottom()) { anchor = { bottom: true }; return; }
    const a = findAnchor();
    anchor = a && { r: a.r, y: a.y - sheet.getBoundingClientRect().top };
  }

  /** Reads the heights of the built rows; true if one changed. */
  function measure() {
    let changed = false;
    for (const [r, el] of live) {
      const h = el.getBoundingClientRect().height;
      if (h > 0 && Math.abs(h - measured[r]) >= 0.5) { measured[r] = h; changed = true; }
    }
    if (changed) relayout();
    return changed;
  }

  function onResize() {
    if (!ctx) return;
    if (sheet.clientWidth !== width) {
      // Text wraps again at another width: every measure is stale.
      width = sheet.clientWidth;
      measured.fill(0);
      estimates = estimateHeights(estimates.length, (r) => {
        const row = ctx.layout.rows[r];
        return [row.left.map((s) => ctx.segText(0, s).length), row.right.map((s) => ctx.segText(1, s).length)];
      }, { charsPerLine: charsPerLine() });
    }
    // The anchor was read after the last update, before these heights changed.
    const was = anchor;
    const changed = measure();
    if (changed) {
      placeSpacers();
      if (was) holdStill(was);
    }
    // A row just built is reported once with the height update() measured already: nothing
    // to redraw then (the ribbons were drawn in this frame).
    if (update(false) || changed) onChange();
  }

  function recycle(r, el) {
    if (el.contains(document.activeElement)) sheet.focus({ preventScroll: true });
    live.delete(r);
    if (resized) resized.unobserve(el);
    el.remove();
    const row = ctx && ctx.layout.rows[r];
    if (row) {
      for (const s of row.left) segEls[0].delete(s);
      for (const s of row.right) segEls[1].delete(s);
    }
    if (pool.length < MAX_ROWS) pool.push(el);
  }

  /** Makes `rowEl` row `r`: its classes and its passages. */
  function fillRow(rowEl, r) {
    const { layout } = ctx;
    const row = layout.rows[r];
    rowEl.textContent = '';
    rowEl.removeAttribute('style');
    rowEl.className = `row ${row.type}`;
    if (row.hasUniqueLeft) rowEl.classList.add('u-left');
    if (row.hasUniqueRight) rowEl.classList.add('u-right');
    if (row.hasDiff) rowEl.classList.add('has-diff');
    rowEl.dataset.row = String(row.index);
    const f = focused();
    for (const side of [0, 1]) {
      const cell = document.createElement('div');
      cell.className = `cell ${side === 0 ? 'left' : 'right'}`;
      const list = side === 0 ? row.left : row.right;
      for (const s of list) {
        const el = segNode(side, s);
        segEls[side].set(s, el);
        if (f && f.side === side && f.seg === s) el.tabIndex = 0;
        cell.appendChild(el);
        if (decorate) decorate(el, side, s);
      }
      rowEl.appendChild(cell);
      if (side === 0) {
        const g = document.createElement('div');
        g.className = 'cell gutter';
        g.setAttribute('aria-hidden', 'true');
        if (row.type === 'pair' && (row.left.length > 1 || row.right.length > 1)) {
          const b = document.createElement('span');
          b.className = 'split-badge';
          b.textContent = `${row.left.length}:${row.right.length}`;
          g.appendChild(b);
        }
        rowEl.appendChild(g);
      }
    }
  }

  function segNode(side, s) {
    const { layout, docSegs } = ctx;
    const info = layout.segs[side][s];
    const segs = docSegs(side);
    const segData = segs[s];
    const el = document.createElement('div');
    el.className = `seg s-${info.status}`;
    if (info.moved) el.classList.add('moved');
    if (segData && segData.kind === 'heading') el.classList.add('heading');
    if (s > 0 && segData && segs[s - 1] && segData.para !== segs[s - 1].para) el.classList.add('para-start');
    el.tabIndex = -1;
    el.dataset.doc = String(info.doc);
    el.dataset.seg = String(s);
    const partners = [];
    for (const l of info.links) {
      const other = side === 0 ? l.R : l.L;
      const od = side === 0 ? layout.ri : layout.li;
      for (const o of other) partners.push(`${od}:${o}`);
    }
    el.dataset.links = [...new Set(partners)].join(' ');
    el.dataset.side = String(side);
    fillPlain(el, side, s);
    return el;
  }

  function srPrefix(side, s) {
    const { layout } = ctx;
    const info = layout.segs[side][s];
    if (info.status === 'unique') return t('seg.unique', { side: SIDE_LETTER[side] }) + '. ';
    const l = strongest(info.links);
    let p = t('seg.linked', { kind: t(`kind.${l.kind}`), score: formatPercent(l.score) });
    if (info.links.length > 1) p += `, ${t('inspector.partners', { n: info.links.length })}`;
    if (info.moved) p += `, ${t('seg.moved')}`;
    return p + '. ';
  }

  function fillPlain(el, side, s) {
    el.textContent = '';
    const sr = document.createElement('span');
    sr.className = 'sr-only';
    sr.textContent = srPrefix(side, s);
    el.appendChild(sr);
    el.appendChild(document.createTextNode(ctx.segText(side, s)));
    el.classList.remove('diffed');
  }

  function fillDiff(el, side, s, runs, flags, mode) {
    el.textContent = '';
    const sr = document.createElement('span');
    sr.className = 'sr-only';
    sr.textContent = srPrefix(side, s);
    el.appendChild(sr);
    if (mode === 'marks') appendMarks(el, runs);
    else appendRuns(el, runs, flags, mode);
    el.classList.add('diffed');
  }

  /**
   * Scrolls row `r` into the middle of the sheet and builds the rows around it. Returns
   * false if the row is not shown (filtered out).
   */
  function reveal(r) {
    if (!ctx || !shown[r]) return false;
    if (!live.has(r)) {
      sheet.scrollTop = base() + offsets[r] - Math.max(0, (sheet.clientHeight - heights[r]) / 2);
      anchor = null;
      update(true);
    }
    return live.has(r);
  }

  function clear() {
    clearTimeout(growTimer);
    for (const [r, el] of live) recycle(r, el);
    live.clear();
    ctx = null;
    win = [0, 0];
    anchor = null;
    top.remove(); bottom.remove();
    content.querySelectorAll('.row').forEach((r) => r.remove());
    if (resized) resized.disconnect();
    segEls = [new Map(), new Map()];
  }

  return {
    build,
    update,
    reveal,
    clear,
    /** The element of passage `seg` of column `side`, built (and scrolled to) if it was not. */
    segEl(side, seg) {
      const info = ctx && ctx.layout.segs[side][seg];
      if (!info) return null;
      if (!segEls[side].has(seg)) reveal(info.row);
      return segEls[side].get(seg) || null;
    },
    /** The element if it is built, without building or scrolling. */
    existing(side, seg) { return segEls[side].get(seg) || null; },
    /** Whether row `r` is shown under the filter. */
    isShown(r) { return !!(shown && shown[r]); },
    /** The filter's look changed (passages hidden by style): measures start again. */
    restyled() { filterChanged = true; },
    /** Shows only the rows for which `keep(row)` is true; measures start again. */
    setShown(keep) {
      if (!ctx) return 0;
      let count = 0, same = true;
      ctx.layout.rows.forEach((row, r) => {
        const v = keep(row) ? 1 : 0;
        if (v !== shown[r]) { shown[r] = v; same = false; }
        count += v;
      });
      if (same && !filterChanged) return count;
      filterChanged = false;
      measured.fill(0);
      relayout();
      update(true);
      return count;
    },
    /** Builds every row (printing) or goes back to the rows near the screen. */
    setAll(on) {
      if (!ctx) return;
      all = on || ctx.layout.segs[0].length + ctx.layout.segs[1].length <= EAGER_LIMIT;
      update(true);
    },
    /** The built rows: [[row index, element]] in reading order. */
    get built() { return [...live]; },
    /** The built passages of each column: [Map seg -> element, Map seg -> element]. */
    get segEls() { return segEls; },
    /** Where each row sits (content pixels, from the top of the rows) and the total height. */
    geometry() {
      if (!ctx) return null;
      const pad = top.offsetTop;
      return { pad, offsets, heights, shown, total: offsets[offsets.length - 1] };
    },
    /** The row at content height `y` (for ribbons far away). */
    rowAt(y) { return offsets ? rowAt(offsets, y - top.offsetTop) : 0; },
    get window() { return win; },
    /** Jumping (SETTLE ms after the last jump): the view may leave out what can wait (the ribbons). */
    get jumping() { return performance.now() < calmAt; },
    plain: fillPlain,
    diff: fillDiff,
  };
}
