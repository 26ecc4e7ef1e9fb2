// The side-by-side reading view: puts together the rows (rows.js), ribbons in the gutter
// (ribbons.js), minimaps (minimap.js), the inspector (inspector.js), word diffs on hover and
// focus (words.js) and in-view navigation (navigation.js). It draws one comparison
// (`render(report, li, ri, names)`), keeps focus and scroll across redraws, and owns only
// what is on screen: hover, focus and the ribbons' geometry.

import { buildLayout } from './layout.js';
import { drawRibbons, markRibbons } from './ribbons.js';
import { drawMinimap, updateMinimapView } from './minimap.js';
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
  let rowGeom = [], total = 0;

  const docSegs = (side) => report.documents[side === 0 ? layout.li : layout.ri].segments;
  const segText = (side, seg) => docSegs(side)[seg]?.text ?? '';
  const rows = createRows({ content, sheet, onFilled: () => schedule(false), focused: () => focused });
  const nav = createNavigation({
    layout: () => layout, focused: () => focused, filter: () => filter,
    rowEl: (r) => rows.rowEls[r], focusSeg,
  });

  function render(newReport, li, ri, docNames) {
    const t0 = performance.now();
    const keep = focused && layout
      ? { doc: focused.side === 0 ? layout.li : layout.ri, seg: focused.seg }
      : null;
    const scrollFrac = sheet.scrollHeight ? sheet.scrollTop / sheet.scrollHeight : 0;
    report = newReport;
    names = docNames;
    layout = buildLayout(report, li, ri);
    layout.rowLinks = layout.rows.map(() => []);
    for (const l of layout.links) {
      const rs = new Set([...l.L.map((s) => layout.segs[0][s].row), ...l.R.map((s) => layout.segs[1][s].row)]);
      for (const r of rs) layout.rowLinks[r].push(l);
    }
    shownActive = null; hovered = null;
    focused = null;
    rows.build({ layout, report, segText, docSegs });
    observeRows();
    renderHeads();
    content.hidden = false;
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
      setRoving(layout.segs[0].length ? 0 : 1, 0);
      sheet.scrollTop = scrollFrac * sheet.scrollHeight;
    }
    applyFilter();
    updateInspector();
    performance.measure('recoupe:render', { start: t0 });
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

  function showActive(target) {
    const key = target ? `${target.side}:${target.seg}` : '';
    if (shownActive === key) return;
    // Clear.
    for (const el of content.querySelectorAll('.seg.active, .seg.partner')) {
      el.classList.remove('active', 'partner');
      el.querySelector('.pn')?.remove();
    }
    for (const el of content.querySelectorAll('.seg.diffed')) {
      rows.plain(el, Number(el.dataset.side), Number(el.dataset.seg));
    }
    shownActive = key;
    const ids = new Set();
    if (target) {
      const el = rows.segEl(target.side, target.seg);
      if (el) el.classList.add('active');
      const links = linksOf(target.side, target.seg);
      links.forEach((l, k) => {
        ids.add(l.id);
        for (const [side, list] of [[0, l.L], [1, l.R]]) {
          for (const s of list) {
            const self = side === target.side && s === target.seg;
            // With several partners, the passage itself shows what it shares with any of them.
            if (self && links.length > 1) continue;
            const e = rows.segEl(side, s);
            if (!e) continue;
            const w = wordsIn(l, side, s, segText);
            if (w) rows.diff(e, side, s, w[1], l.flags, w[0]);
            if (!self) {
              e.classList.add('partner');
              if (links.length > 1 && side !== target.side && s === list[0]) {
                // The partner's number, as in the inspector's list (decoration only).
                const b = document.createElement('span');
                b.className = 'pn';
                b.setAttribute('aria-hidden', 'true');
                b.textContent = String(k + 1);
                e.appendChild(b);
              }
            }
          }
        }
      });
      if (el && links.length > 1) {
        rows.diff(el, target.side, target.seg, sharedWithAll(links, target.side, target.seg, segText), [], 'marks');
      }
    }
    markRibbons(ribbons, ids);
    activeIds = ids;
    updateInspector(target);
  }

  function updateInspector(target) {
    const focusIn = document.activeElement && document.activeElement.classList && document.activeElement.classList.contains('seg');
    drawInspector(inspector, { layout, names, segText }, target || hovered || (focusIn ? focused : null));
  }

  // ---- focus (roving tabindex) ----

  function setRoving(side, seg) {
    const el = rows.segEl(side, seg);
    if (!el) return false;
    if (focused) {
      const old = rows.existing(focused.side, focused.seg);
      if (old) old.tabIndex = -1;
    }
    el.tabIndex = 0;
    focused = { side, seg };
    return true;
  }

  function focusSeg(side, seg, opts) {
    if (!setRoving(side, seg)) return false;
    const el = rows.segEl(side, seg);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: opts?.block || 'center', behavior: 'auto' });
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

  function paint(all) {
    if (!layout) return;
    const rowEls = rows.rowEls;
    const rowsShown = rowEls.filter((r) => r.style.display !== 'none');
    drawRibbons(ribbons, sheet, content, layout, rows.segEl, rowsShown, activeIds, all);
    if (needGeom) {
      needGeom = false;
      const base = content.getBoundingClientRect();
      rowGeom = rowEls.map((r) => {
        const b = r.getBoundingClientRect();
        return { top: b.top - base.top, height: b.height };
      });
      total = content.scrollHeight;
      minimaps.forEach((svg, side) => drawMinimap(svg, layout, side, rowGeom, total, docSegs(side)));
    }
    minimaps.forEach((svg) => updateMinimapView(svg, sheet.scrollTop, sheet.clientHeight, total));
  }

  function applyFilter() {
    sheet.dataset.filter = filter;
    let any = false;
    for (const r of rows.rowEls) {
      const row = layout.rows[Number(r.dataset.row)];
      const show = filter === 'all' ? true
        : filter === 'diff' ? row.hasDiff
          : filter === 'left' ? row.hasUniqueLeft : row.hasUniqueRight;
      r.style.display = show ? '' : 'none';
      if (show) any = true;
    }
    empty.hidden = any || !layout;
    schedule(true);
  }

  // ---- events ----

  sheet.addEventListener('scroll', () => schedule(false), { passive: true });
  window.addEventListener('resize', () => schedule(true));
  window.addEventListener('beforeprint', () => { needGeom = true; paint(true); });
  window.addEventListener('afterprint', () => schedule(true));
  // Rows change height after they are drawn (a first layout of new rows uses their guessed
  // height, text wraps again when the panel opens): the ribbons follow every row, not only
  // the content's total height, which the guesses can leave unchanged.
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => schedule(true)) : null;
  if (resized) resized.observe(content);
  function observeRows() {
    if (!resized) return;
    resized.disconnect();
    resized.observe(content);
    for (const r of rows.rowEls) resized.observe(r);
  }

  content.addEventListener('mouseover', (e) => {
    const el = e.target.closest('.seg');
    if (!el) return;
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
    clear() {
      report = null; layout = null;
      rows.clear();
      observeRows();
      focused = null;
      while (ribbons.firstChild) ribbons.firstChild.remove();
      minimaps.forEach((m) => { m._base = null; updateMinimapView(m, 0, 0, 0); });
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
      for (const side of [0, 1]) rows.segEls[side].forEach((el, s) => { if (el && !el.classList.contains('diffed')) rows.plain(el, side, s); });
      const cur = shownActive;
      shownActive = null;
      if (cur) { const [a, b] = cur.split(':').map(Number); showActive({ side: a, seg: b }); } else updateInspector();
    },
    repaint() { schedule(true); },
  };
}
