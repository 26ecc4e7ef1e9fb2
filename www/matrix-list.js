// The rows of "who reports what" as a virtual list (issue 13): a large pair has thousands
// of groups, and building every row at once was one main-thread task of half a second and
// a huge table. Only the rows near the screen are in the page; two spacer rows stand for
// the others, with the rows' measured heights (estimated until a row has been drawn;
// vlist.js does the sums). The scrolling element is the matrix section itself.
//
// One list per matrix element, kept across redraws: the measured heights are kept by row
// key, so a sort, a filter or a Find does not measure again the rows already seen.

import { offsetsOf, windowOf, blendHeights, rowAt } from './vlist.js';

/** Pixels built above and below the screen, and the most rows ever built at once. */
const OVERSCAN = 600;
const MAX_ROWS = 150;
/** Up to this many rows every row is built (a few ms; the browser's own Find reaches all). */
export const EAGER_ROWS = 300;

/**
 * `scroller`: the element that scrolls. `show(ctx)` gives it a new table body to fill:
 * `{table, tbody, top, bottom, keys, estimate(i), build(i) -> [tr, ...], built(i, els)}`
 * (`top`, `bottom`: the spacer cells, already in `tbody`; `keys[i]`: what the measure of
 * item `i` is kept under; `build(i)`: the elements of item `i`; `built(i, els)`: called
 * once they are in the page; `leaving(els)`: before they leave it).
 */
export function createMatrixList(scroller) {
  let cur = null;
  let heights = null, offsets = null;
  const measured = new Map();
  const live = new Map(); // item index -> its elements, a run of consecutive items in order
  let win = [0, 0];
  let printing = false; // every row built
  let width = scroller.clientWidth;
  let frame = 0;

  scroller.addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; update(false); });
  }, { passive: true });
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      if (!cur || !scroller.clientWidth || scroller.clientWidth === width) return;
      // Text wraps again at another width: every measure is stale.
      width = scroller.clientWidth;
      measured.clear();
      relayout();
      update(true);
    }).observe(scroller);
  }
  window.addEventListener('beforeprint', () => { printing = true; update(true); });
  window.addEventListener('afterprint', () => { printing = false; update(true); });

  function relayout() {
    const n = cur.keys.length;
    const est = new Float64Array(n), got = new Float64Array(n);
    for (let i = 0; i < n; i++) { est[i] = cur.estimate(i); got[i] = measured.get(cur.keys[i]) || 0; }
    heights = blendHeights(est, got);
    offsets = offsetsOf(heights);
  }

  /** The top of the rows in the scroller's scrolled coordinates. */
  function base() {
    return cur.top.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  }

  function placeSpacers() {
    const n = cur.keys.length;
    cur.top.style.height = `${offsets[win[0]]}px`;
    cur.bottom.style.height = `${Math.max(0, offsets[n] - offsets[win[1]])}px`;
  }

  /** Builds the rows the scroll position needs and removes the others. */
  function update(force) {
    if (!cur || !cur.table.isConnected) return;
    const n = cur.keys.length;
    const b = base();
    const y = scroller.scrollTop - b;
    const want = printing || n <= EAGER_ROWS ? [0, n] : windowOf(offsets, y, scroller.clientHeight || 800, OVERSCAN, MAX_ROWS);
    if (!force && want[0] === win[0] && want[1] === win[1]) return;
    // What stays still while measures replace estimates above the screen: the end once
    // there, else the row at the top of the screen, at its place.
    const atEnd = scroller.scrollTop > 0 && scroller.scrollTop >= scroller.scrollHeight - scroller.clientHeight - 1;
    const r = rowAt(offsets, Math.max(0, y));
    const dy = y - offsets[r];
    win = want;
    for (const [i, els] of live) if (i < win[0] || i >= win[1]) drop(i, els);
    let next = cur.bottom.parentElement;
    const added = [];
    for (let i = win[1] - 1; i >= win[0]; i--) {
      let els = live.get(i);
      if (!els) {
        els = cur.build(i);
        for (const e of els) cur.tbody.insertBefore(e, next);
        live.set(i, els);
        added.push(i);
      }
      next = els[0];
    }
    let changed = false;
    for (const [i, els] of live) {
      let h = 0;
      for (const e of els) h += e.getBoundingClientRect().height;
      const k = cur.keys[i];
      if (h > 0 && Math.abs(h - (measured.get(k) || 0)) >= 0.5) { measured.set(k, h); changed = true; }
    }
    if (changed) relayout();
    placeSpacers();
    if (atEnd) scroller.scrollTop = scroller.scrollHeight;
    else if (y > 0) {
      const to = b + offsets[r] + dy;
      if (Math.abs(scroller.scrollTop - to) >= 1) scroller.scrollTop = to;
    }
    for (const i of added) cur.built(i, live.get(i));
  }

  function drop(i, els) {
    cur.leaving(els);
    for (const e of els) e.remove();
    live.delete(i);
  }

  return {
    show(ctx) {
      live.clear(); // the old rows left with the old table
      cur = ctx;
      win = [0, 0];
      width = scroller.clientWidth || width;
      relayout();
      placeSpacers();
    },
    update,
    /** Scrolls item `i` into view if it is not built, builds it; its elements, or null. */
    reveal(i) {
      if (!cur || i < 0 || i >= cur.keys.length) return null;
      if (!live.has(i)) {
        scroller.scrollTop = base() + offsets[i] - Math.max(0, (scroller.clientHeight - heights[i]) / 2);
        update(true);
      }
      return live.get(i) || null;
    },
    /** The elements of item `i` if it is built. */
    built(i) { return live.get(i) || null; },
    /** About how many rows one screen holds (Page Up, Page Down). */
    perScreen() {
      const n = cur ? cur.keys.length : 0;
      return n ? Math.max(1, Math.floor((scroller.clientHeight || 800) / (offsets[n] / n))) : 1;
    },
    get size() { return live.size; },
  };
}
