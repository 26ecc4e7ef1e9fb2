// The side-by-side reading view: puts together the rows (rows.js), ribbons in the gutter
// (ribbons.js), minimaps (minimap.js), the inspector (inspector.js), word diffs on hover and
// focus (words.js) and in-view navigation (navigation.js). It draws one comparison
// (`render(report, li, ri, names)`), keeps focus and scroll across redraws, and owns only
// what is on screen: hover, focus and the ribbons' geometry. Rows are a virtual list
// (rows.js): only those near the screen exist, so everything drawn on a passage (hover,
// partners, word diffs, search marks) is kept as data and put back when its row is built.

import { buildLayout } from './layout.js';
import { drawRibbons, markRibbons } from './ribbons.js';
import { drawMinimap, updateMinimapView, clearMinimap } from './minimap.js';
import { t, formatPercent } from './i18n.js';
import { createRows } from './rows.js';
import { drawInspector } from './inspector.js';
import { wordsIn, sharedWithAll } from './words.js';
import { createNavigation } from './navigation.js';

/** Creates the view over the static skeleton in index.html. */
export function createView(els) {
  const { sheet, content, ribbons, minimaps, heads, inspector, empty } = els;
  let report = null, layout = null, names = ['', ''];
  let focused = null; // {side, seg}
  let hovered = null;
  let shownActive = null;
  let activeIds = new Set();
  let filter = 'all';
  let frame = 0;
  let total = 0;
  let marks = new Map(); // 'side:seg' -> {cls, words: [runs, flags, mode], pn}: what showActive drew
  let findMarks = null; // (el, side, seg) -> void: the search's highlights (search-view.js)

  const docSegs = (side) => report.documents[side === 0 ? layout.li : layout.ri].segments;
  const segText = (side, seg) => docSegs(side)[seg]?.text ?? '';
  const rows = createRows({ content, sheet, onChange: () => schedule(true), focused: () => focused, decorate });
  const nav = createNavigation({
    layout: () => layout, focused: () => focused, filter: () => filter,
    rowShown: (r) => rows.isShown(r), focusSeg,
  });

  function render(newReport, li, ri, docNames) {
    const t0 = performance.now();
    const keep = focused && layout
      ? { doc: focused.side === 0 ? layout.li : layout.ri, seg: focused.seg }
      : null;
    // (Read only over a comparison drawn before: on the first, it would lay out the page
    // once more for nothing.)
    const scrollFrac = layout && sheet.scrollHeight ? sheet.scrollTop / sheet.scrollHeight : 0;
    report = newReport;
    names = docNames;
    layout = prepare(report, li, ri);
    shownActive = null; hovered = null;
    focused = null;
    marks = new Map();
    activeIds = new Set();
    // Shown before the rows are built, so that they are measured as they are drawn (hidden,
    // they measured nothing and were built and measured again below).
    content.hidden = false;
    rows.build({ layout, report, segText, docSegs });
    renderHeads();
    // Restore the passage in focus if it survives (same document), else the scroll position.
    let restored = false;
    if (keep) {
      const side = keep.doc === li ? 0 : keep.doc === ri ? 1 : -1;
      if (side >= 0 && layout.segs[side][keep.seg]) {
        setRoving(side, keep.seg);
        restored = true;
      }
    }
    if (!restored) {
      // At the top (a first comparison): the rows built are the ones needed; the margin
      // around them comes in the next frame.
      if (scrollFrac) {
        sheet.scrollTop = scrollFrac * sheet.scrollHeight;
        rows.update(true);
      }
      const first = rows.built.length ? layout.rows[rows.built[0][0]] : null;
      const side = first && first.left.length ? 0 : 1;
      if (first) setRoving(side, (side === 0 ? first.left : first.right)[0]);
    }
    applyFilter();
    updateInspector();
    performance.measure('recoupe:render', { start: t0 });
  }

  let prepared = null; // {report, li, ri, layout}: the last layout computed
  /**
   * The layout of a pair of the report; `given` is that layout computed beforehand (app.js
   * builds a large one in slices, a few tasks before drawing it).
   */
  function prepare(rep, li, ri, given) {
    if (given) prepared = { report: rep, li, ri, layout: given };
    if (prepared && prepared.report === rep && prepared.li === li && prepared.ri === ri) return prepared.layout;
    prepared = { report: rep, li, ri, layout: buildLayout(rep, li, ri) };
    return prepared.layout;
  }

  function renderHeads() {
    heads.forEach((h, side) => {
      const doc = side === 0 ? layout.li : layout.ri;
      const n = report.documents[doc].segments.length;
      const cover = side === 0 ? layout.counts.coverLeft : layout.counts.coverRight;
      h.querySelector('select').title = names[side];
      h.querySelector('.col-meta').textContent =
        `${t('col.sentences', { n })} · ${t('col.coverage', { p: formatPercent(cover) })}`;
      h.querySelector('.col-bar > span').style.width = `${Math.round(cover * 100)}%`;
    });
  }

  // ---- activation: hover and focus show partners and the word diff ----

  function linksOf(side, seg) {
    return layout ? layout.segs[side][seg]?.links || [] : [];
  }

  /** What hovering or focusing `target` draws: the passage, its partners, their words. */
  function activeMarks(target) {
    const out = new Map();
    if (!target) return out;
    const at = (side, s) => {
      const k = `${side}:${s}`;
      if (!out.has(k)) out.set(k, { cls: '', words: null, pn: 0 });
      return out.get(k);
    };
    at(target.side, target.seg).cls = 'active';
    const links = linksOf(target.side, target.seg);
    links.forEach((l, k) => {
      for (const [side, list] of [[0, l.L], [1, l.R]]) {
        for (const s of list) {
          const self = side === target.side && s === target.seg;
          // With several partners, the passage itself shows what it shares with any of them.
          if (self && links.length > 1) continue;
          const m = at(side, s);
          const w = wordsIn(l, side, s, segText);
          if (w) m.words = [w[1], l.flags, w[0]];
          if (!self) {
            m.cls = 'partner';
            // The partner's number, as in the inspector's list (decoration only).
            if (links.length > 1 && side !== target.side && s === list[0]) m.pn = k + 1;
          }
        }
      }
    });
    if (links.length > 1) at(target.side, target.seg).words = [sharedWithAll(links, target.side, target.seg, segText), [], 'marks'];
    return out;
  }

  /** Draws on a passage element what is known about it: hover, partners, words, search marks. */
  function decorate(el, side, seg) {
    const m = marks.get(`${side}:${seg}`);
    if (m) {
      if (m.words) rows.diff(el, side, seg, ...m.words);
      if (m.cls) el.classList.add(m.cls);
      if (m.pn) {
        const b = document.createElement('span');
        b.className = 'pn';
        b.setAttribute('aria-hidden', 'true');
        b.textContent = String(m.pn);
        el.appendChild(b);
      }
    }
    if (findMarks) findMarks(el, side, seg);
  }

  function showActive(target) {
    const key = target ? `${target.side}:${target.seg}` : '';
    if (shownActive === key) return;
    shownActive = key;
    const old = marks;
    marks = activeMarks(target);
    for (const k of new Set([...old.keys(), ...marks.keys()])) {
      const [side, seg] = k.split(':').map(Number);
      const el = rows.existing(side, seg);
      if (!el) continue;
      el.classList.remove('active', 'partner');
      el.querySelector('.pn')?.remove();
      if (el.classList.contains('diffed')) rows.plain(el, side, seg);
      decorate(el, side, seg);
    }
    const ids = new Set();
    if (target) for (const l of linksOf(target.side, target.seg)) ids.add(l.id);
    markRibbons(ribbons, ids);
    activeIds = ids;
    updateInspector(target);
  }

  function updateInspector(target) {
    const focusIn = document.activeElement && document.activeElement.classList && document.activeElement.classList.contains('seg');
    drawInspector(inspector, { layout, names, segText }, target || hovered || (focusIn ? focused : null));
  }

  // ---- focus (roving tabindex) ----

  /** Gives passage (side, seg) the roving tabindex; its row need not be built (it takes it when it is). */
  function setRoving(side, seg) {
    if (!layout || !layout.segs[side][seg]) return false;
    if (focused) {
      const old = rows.existing(focused.side, focused.seg);
      if (old) old.tabIndex = -1;
    }
    const el = rows.existing(side, seg);
    if (el) el.tabIndex = 0;
    focused = { side, seg };
    return true;
  }

  function focusSeg(side, seg, opts) {
    const el = rows.segEl(side, seg);
    if (!el || !setRoving(side, seg)) return false;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: opts?.block || 'center', behavior: 'auto' });
    rows.update(false);
    showActive({ side, seg });
    return true;
  }

  // ---- drawing the ribbons and minimaps ----

  function schedule(full) {
    if (full) needGeom = true;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      paint();
    });
  }
  let needGeom = true;
  let minimapAt = 0, minimapTimer = 0;

  /** Where the passages `segs` of column `side` are, in content pixels: drawn, or from the row heights. */
  function endBox(side, segs, geo, base) {
    const els = segs.map((s) => rows.existing(side, s));
    if (els.every((e) => e && e.isConnected)) return box(els, base);
    const r0 = layout.segs[side][segs[0]]?.row, r1 = layout.segs[side][segs[segs.length - 1]]?.row;
    if (r0 === undefined || !geo.shown[r0]) return null;
    const topY = geo.pad + geo.offsets[r0], bottomY = geo.pad + geo.offsets[r1] + geo.heights[r1];
    return { top: topY + 2, bottom: Math.max(topY + 4, bottomY - 2) };
  }

  function paint(all) {
    if (!layout) return;
    rows.update(false);
    total = content.scrollHeight;
    if (!all && rows.jumping) {
      // While the reader jumps (scrollbar, far wheel steps) the ribbons wait: they were a
      // quarter of each such frame's work; the rows call again once the jumps stop.
      while (ribbons.firstChild) ribbons.firstChild.remove();
    } else {
      const geo = rows.geometry();
      const base = content.getBoundingClientRect();
      const [w0, w1] = rows.window;
      const want = new Set();
      for (let r = w0; r < w1; r++) if (geo.shown[r]) for (const l of layout.rowLinks[r]) want.add(l);
      drawRibbons(ribbons, {
        layout, links: want, viewHeight: sheet.clientHeight, activeIds, all,
        endBox: (side, segs) => endBox(side, segs, geo, base),
      });
    }
    if (needGeom && !minimapTimer) {
      // The bands follow the rows' heights, which settle as rows are drawn: redrawn in a task
      // of their own, at most four times a second while scrolling.
      needGeom = false;
      const wait = all ? 0 : Math.max(0, 250 - (performance.now() - minimapAt));
      minimapTimer = setTimeout(drawMinimaps, wait);
    }
    minimaps.forEach((svg) => updateMinimapView(svg, sheet.scrollTop, sheet.clientHeight, total));
  }

  function drawMinimaps() {
    minimapTimer = 0;
    minimapAt = performance.now();
    if (!layout) return;
    const geo = rows.geometry();
    const rowGeom = (r) => ({ top: geo.pad + geo.offsets[r], height: geo.shown[r] ? geo.heights[r] : 0 });
    minimaps.forEach((canvas, side) => drawMinimap(canvas, layout, side, rowGeom, total, docSegs(side)));
  }

  function box(els, base) {
    let top = Infinity, bottom = -Infinity;
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (!r.height) continue; // hidden by a filter
      top = Math.min(top, r.top - base.top);
      bottom = Math.max(bottom, r.bottom - base.top);
    }
    if (top === Infinity) return null;
    return { top: top + 2, bottom: Math.max(top + 4, bottom - 2) };
  }

  function rowShownBy(row) {
    return filter === 'all' ? true
      : filter === 'diff' ? row.hasDiff
        : filter === 'left' ? row.hasUniqueLeft : row.hasUniqueRight;
  }

  function applyFilter() {
    if (sheet.dataset.filter !== filter) rows.restyled();
    sheet.dataset.filter = filter;
    const count = rows.setShown(rowShownBy);
    empty.hidden = count > 0 || !layout;
    schedule(true);
  }

  // ---- events ----

  // While the sheet scrolls, passages slide under a still pointer: they are not "hovered"
  // (no word diffs drawn for each one going by).
  let scrolledAt = 0;
  sheet.addEventListener('scroll', () => { scrolledAt = performance.now(); schedule(false); }, { passive: true });
  window.addEventListener('resize', () => schedule(true));
  // Printing: every row is built for the paper, and only the rows near the screen again after.
  window.addEventListener('beforeprint', () => { rows.setAll(true); needGeom = true; paint(true); });
  window.addEventListener('afterprint', () => { rows.setAll(false); schedule(true); });

  content.addEventListener('mouseover', (e) => {
    const el = e.target.closest('.seg');
    if (!el || performance.now() - scrolledAt < 150) return;
    hovered = { side: Number(el.dataset.side), seg: Number(el.dataset.seg) };
    showActive(hovered);
  });
  content.addEventListener('mouseleave', () => {
    hovered = null;
    showActive(document.activeElement?.classList.contains('seg') ? focused : null);
  });
  content.addEventListener('focusin', (e) => {
    const el = e.target.closest('.seg');
    if (!el) return;
    const side = Number(el.dataset.side), seg = Number(el.dataset.seg);
    setRoving(side, seg);
    showActive({ side, seg });
  });
  content.addEventListener('click', (e) => {
    const el = e.target.closest('.seg');
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  });
  content.addEventListener('keydown', (e) => {
    if (!e.target.classList.contains('seg') || e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'ArrowDown') nav.moveInColumn(1);
    else if (k === 'ArrowUp') nav.moveInColumn(-1);
    else if (k === 'ArrowRight' || k === 'ArrowLeft') {
      const want = k === 'ArrowRight' ? 1 : 0;
      if (focused && focused.side !== want) nav.toPartner();
    } else if (k === 'Enter') nav.toPartner();
    else if (k === 'Home') nav.edge(-1);
    else if (k === 'End') nav.edge(1);
    else return;
    e.preventDefault();
  });
  minimaps.forEach((svg) => {
    svg.parentElement.addEventListener('click', (e) => {
      const r = svg.getBoundingClientRect();
      if (!r.height) return;
      const f = (e.clientY - r.top) / r.height;
      sheet.scrollTop = f * sheet.scrollHeight - sheet.clientHeight / 2;
    });
  });

  return {
    render,
    prepare,
    clear() {
      report = null; layout = null;
      rows.clear();
      focused = null;
      marks = new Map();
      while (ribbons.firstChild) ribbons.firstChild.remove();
      minimaps.forEach((m) => clearMinimap(m));
      heads.forEach((h) => {
        h.querySelector('.col-meta').textContent = '';
        h.querySelector('.col-bar > span').style.width = '0';
      });
      updateInspector();
    },
    setFilter(f) {
      filter = f;
      if (layout) applyFilter();
    },
    /** Focuses segment `seg` of report document `doc` if it is one of the pair on screen. */
    focusDoc(doc, seg) {
      if (!layout) return false;
      const side = doc === layout.li ? 0 : doc === layout.ri ? 1 : -1;
      return side >= 0 && focusSeg(side, seg);
    },
    get layout() { return layout; },
    get report() { return report; },
    jump: nav.jump,
    cyclePartner: nav.cyclePartner,
    relabel() {
      if (!layout) { updateInspector(); return; }
      renderHeads();
      for (const side of [0, 1]) rows.segEls[side].forEach((el, s) => { if (!el.classList.contains('diffed')) { rows.plain(el, side, s); decorate(el, side, s); } });
      const cur = shownActive;
      shownActive = null;
      if (cur) { const [a, b] = cur.split(':').map(Number); showActive({ side: a, seg: b }); } else updateInspector();
    },
    repaint() { schedule(true); },
    /** Row `r` built and in the middle of the sheet (the search scrolls to its matches). */
    reveal(r) { return layout ? rows.reveal(r) : false; },
    /** The built passage element, or null. */
    existing: (side, seg) => rows.existing(side, seg),
    /** Installs the search's highlighter and redraws the built passages with it. */
    setFindMarks(fn) {
      findMarks = fn;
      for (const side of [0, 1]) rows.segEls[side].forEach((el, s) => { if (fn) fn(el, side, s); });
    },
    /** Whether row `r` is shown under the filter. */
    rowShown: (r) => rows.isShown(r),
    get filter() { return filter; },
    /** The text of passage `seg` of column `side` of the pair on screen. */
    segText: (side, seg) => (layout ? segText(side, seg) : ''),
  };
}
