// The rows of the reading view: one row per anchor (passages face to face) or gap, each
// passage an element with the segment DOM contract (`data-doc`, `data-seg`, `data-links`,
// `data-side`). Rows of long texts are filled only when they come near the screen.
// Document text is only ever put in the page as text nodes.

import { t, formatPercent } from './i18n.js';
import { appendRuns, appendMarks, strongest } from './words.js';

const SIDE_LETTER = ['A', 'B'];

/**
 * The rows of `content` (inside the scrolling `sheet`). `onFilled()` is called when lazy
 * rows were filled (the ribbons follow); `focused()` gives the passage with the roving
 * tabindex, {side, seg} or null.
 */
export function createRows({ content, sheet, onFilled, focused }) {
  let ctx = null; // {layout, report, segText, docSegs}
  let segEls = [[], []], rowEls = [];

  /** Above this many passages, rows are filled only when they come near the screen. */
  const EAGER_LIMIT = 600;
  let observer = null;

  function build(context) {
    ctx = context;
    const { layout, docSegs } = ctx;
    content.querySelectorAll('.row').forEach((r) => r.remove());
    if (observer) { observer.disconnect(); observer = null; }
    segEls = [[], []];
    rowEls = [];
    const frag = document.createDocumentFragment();
    const lazy = layout.segs[0].length + layout.segs[1].length > EAGER_LIMIT && typeof IntersectionObserver === 'function';
    for (const row of layout.rows) {
      const rowEl = document.createElement('div');
      rowEl.className = `row ${row.type}`;
      if (row.hasUniqueLeft) rowEl.classList.add('u-left');
      if (row.hasUniqueRight) rowEl.classList.add('u-right');
      if (row.hasDiff) rowEl.classList.add('has-diff');
      rowEl.dataset.row = String(row.index);
      let chars = 0;
      for (const [side, list] of [[0, row.left], [1, row.right]]) {
        let c = 0;
        for (const s of list) c += (docSegs(side)[s]?.text || '').length + 60;
        chars = Math.max(chars, c);
      }
      // A guess of the row's height until the browser has laid it out.
      const guess = Math.round(14 + (chars / 60) * 24);
      rowEl.style.containIntrinsicSize = `auto ${guess}px`;
      if (lazy) rowEl.style.minHeight = `${guess}px`;
      rowEls.push(rowEl);
      frag.appendChild(rowEl);
      if (!lazy) fillRow(row.index);
    }
    content.appendChild(frag);
    if (lazy) {
      observer = new IntersectionObserver((entries) => {
        let any = false;
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const r = Number(e.target.dataset.row);
          if (!e.target._filled) { fillRow(r); any = true; }
          observer.unobserve(e.target);
        }
        if (any) onFilled();
      }, { root: sheet, rootMargin: '1500px 0px' });
      for (const r of rowEls) observer.observe(r);
    }
  }

  /** Creates the passages of row `r` (once). */
  function fillRow(r) {
    const rowEl = rowEls[r];
    if (!rowEl || rowEl._filled) return;
    rowEl._filled = true;
    rowEl.style.minHeight = '';
    const { layout } = ctx;
    const row = layout.rows[r];
    for (const side of [0, 1]) {
      const cell = document.createElement('div');
      cell.className = `cell ${side === 0 ? 'left' : 'right'}`;
      const list = side === 0 ? row.left : row.right;
      for (const s of list) {
        const el = segNode(side, s);
        segEls[side][s] = el;
        cell.appendChild(el);
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
    const f = focused();
    if (f && segEls[f.side][f.seg] && layout.segs[f.side][f.seg].row === r) {
      segEls[f.side][f.seg].tabIndex = 0;
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


  return {
    build,
    /** The element of passage `seg` of column `side` (its row is filled if it was not). */
    segEl(side, seg) {
      if (!segEls[side][seg] && ctx && ctx.layout.segs[side][seg]) fillRow(ctx.layout.segs[side][seg].row);
      return segEls[side][seg];
    },
    /** The element if it exists, without filling its row. */
    existing(side, seg) { return segEls[side][seg]; },
    get rowEls() { return rowEls; },
    get segEls() { return segEls; },
    plain: fillPlain,
    diff: fillDiff,
    clear() {
      ctx = null;
      content.querySelectorAll('.row').forEach((r) => r.remove());
      if (observer) { observer.disconnect(); observer = null; }
      rowEls = []; segEls = [[], []];
    },
  };
}
