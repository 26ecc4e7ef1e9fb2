// The side-by-side reading view: columns of passages in rows, ribbons in the gutter,
// minimaps, the inspector that shows a link's word diff, and in-view navigation.
// Document text is only ever put in the page as text nodes.

import { buildLayout, diffPerSegment, marksPerSegment, mergeRuns, partnersOf } from './layout.js';
import { drawRibbons, markRibbons } from './ribbons.js';
import { drawMinimap, updateMinimapView } from './minimap.js';
import { t, formatPercent, formatNumber } from './i18n.js';

const SIDE_LETTER = ['A', 'B'];

/** Creates the view over the static skeleton in index.html. */
export function createView(els) {
  const { sheet, content, ribbons, minimaps, heads, inspector, empty } = els;
  let report = null, layout = null, names = ['', ''];
  let segEls = [[], []], rowEls = [];
  let focused = null; // {side, seg}
  let hovered = null;
  let shownActive = null;
  let filter = 'all';
  let frame = 0;
  let rowGeom = [], total = 0;

  const segEl = (side, seg) => {
    if (!segEls[side][seg] && layout && layout.segs[side][seg]) fillRow(layout.segs[side][seg].row);
    return segEls[side][seg];
  };
  const docSegs = (side) => report.documents[side === 0 ? layout.li : layout.ri].segments;
  const segText = (side, seg) => docSegs(side)[seg]?.text ?? '';

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
      const rows = new Set([...l.L.map((s) => layout.segs[0][s].row), ...l.R.map((s) => layout.segs[1][s].row)]);
      for (const r of rows) layout.rowLinks[r].push(l);
    }
    shownActive = null; hovered = null;
    buildRows();
    renderHeads();
    content.hidden = false;
    // Restore the passage in focus if it survives (same document), else the scroll position.
    focused = null;
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

  /** Above this many passages, rows are filled only when they come near the screen. */
  const EAGER_LIMIT = 600;
  let observer = null;

  function buildRows() {
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
        if (any) schedule(false);
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
    if (focused && segEls[focused.side][focused.seg] && layout.segs[focused.side][focused.seg].row === r) {
      segEls[focused.side][focused.seg].tabIndex = 0;
    }
  }

  function segNode(side, s) {
    const info = layout.segs[side][s];
    const segs = docSegs(side);
    const segData = segs[s];
    const el = document.createElement('div');
    el.className = `seg s-${info.status}`;
    if (info.moved || info.crossing) el.classList.add('moved');
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
    const info = layout.segs[side][s];
    if (info.status === 'unique') return t('seg.unique', { side: SIDE_LETTER[side] }) + '. ';
    const l = strongest(info.links);
    let p = t('seg.linked', { kind: t(`kind.${l.kind}`), score: formatPercent(l.score) });
    if (info.links.length > 1) p += `, ${t('inspector.partners', { n: formatNumber(info.links.length) })}`;
    if (info.moved || info.crossing) p += `, ${t('seg.moved')}`;
    return p + '. ';
  }

  function fillPlain(el, side, s) {
    el.textContent = '';
    const sr = document.createElement('span');
    sr.className = 'sr-only';
    sr.textContent = srPrefix(side, s);
    el.appendChild(sr);
    el.appendChild(document.createTextNode(segText(side, s)));
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
   * How segment `s` of column `side` reads inside link `l`: ['marks', runs] (shared words
   * and differing figures, for partial links that carry marks), [mode, diff runs], or null.
   */
  function wordsIn(l, side, s) {
    if (l.kind === 'identical') return null;
    if (l.kind === 'partial') {
      const m = marksPerSegment(l, side, (x) => segText(side, x));
      if (m && m.get(s)) return ['marks', m.get(s)];
    }
    const runs = diffPerSegment(l, side, (x) => segText(side, x));
    return runs && runs.get(s) ? [diffMode(l), runs.get(s)] : null;
  }

  /** One passage's words against all its partners at once: what it shares with any of them. */
  function sharedWithAll(links, side, s) {
    const text = segText(side, s);
    const all = links.map((l) => {
      const w = wordsIn(l, side, s);
      if (!w) return l.kind === 'identical' ? [['=', text]] : null;
      return w[0] === 'marks' ? w[1]
        : w[1].map(([op, str]) => [op === '=' && /\p{L}|\p{N}/u.test(str) ? '=' : ' ', str]);
    });
    return mergeRuns(text, all);
  }

  function renderHeads() {
    heads.forEach((h, side) => {
      const doc = side === 0 ? layout.li : layout.ri;
      const n = report.documents[doc].segments.length;
      const cover = side === 0 ? layout.counts.coverLeft : layout.counts.coverRight;
      h.querySelector('select').title = names[side];
      h.querySelector('.col-meta').textContent =
        `${t('col.sentences', { n: formatNumber(n) })} · ${t('col.coverage', { p: formatPercent(cover) })}`;
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
      fillPlain(el, Number(el.dataset.side), Number(el.dataset.seg));
    }
    shownActive = key;
    const ids = new Set();
    if (target) {
      const el = segEl(target.side, target.seg);
      if (el) el.classList.add('active');
      const links = linksOf(target.side, target.seg);
      links.forEach((l, k) => {
        ids.add(l.id);
        for (const [side, list] of [[0, l.L], [1, l.R]]) {
          for (const s of list) {
            const self = side === target.side && s === target.seg;
            // With several partners, the passage itself shows what it shares with any of them.
            if (self && links.length > 1) continue;
            const e = segEl(side, s);
            if (!e) continue;
            const w = wordsIn(l, side, s);
            if (w) fillDiff(e, side, s, w[1], l.flags, w[0]);
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
        fillDiff(el, target.side, target.seg, sharedWithAll(links, target.side, target.seg), [], 'marks');
      }
    }
    markRibbons(ribbons, ids);
    activeIds = ids;
    updateInspector(target);
  }
  let activeIds = new Set();

  function updateInspector(target) {
    fillInspector(target);
    // A list of several partners can overflow the inspector: it then takes keyboard focus
    // so that it can be scrolled without a mouse.
    if (inspector.scrollHeight > inspector.clientHeight + 1) inspector.tabIndex = 0;
    else inspector.removeAttribute('tabindex');
  }

  function fillInspector(target) {
    const focusIn = document.activeElement && document.activeElement.classList && document.activeElement.classList.contains('seg');
    target = target || hovered || (focusIn ? focused : null);
    inspector.textContent = '';
    if (!layout || !target) {
      const p = document.createElement('p');
      p.className = 'insp-hint';
      p.textContent = t('inspector.empty');
      inspector.appendChild(p);
      return;
    }
    const info = layout.segs[target.side][target.seg];
    if (!info) return;
    const head = document.createElement('p');
    head.className = 'insp-head';
    if (info.status === 'unique') {
      head.appendChild(chip('unique', t('kind.unique')));
      head.appendChild(document.createTextNode(' ' + t('inspector.unique', { name: `${SIDE_LETTER[target.side]} (${names[target.side]})` })));
      inspector.appendChild(head);
      return;
    }
    const links = info.links;
    if (links.length > 1) {
      // Many partners: a header, then one entry per partner, in the other column's order.
      const other = 1 - target.side;
      head.classList.add('insp-many');
      const n = document.createElement('strong');
      n.className = 'insp-count';
      n.textContent = t('inspector.partners', { n: formatNumber(links.length) });
      head.appendChild(n);
      head.appendChild(document.createTextNode(' ' + t('inspector.partnersIn', { name: `${SIDE_LETTER[other]} (${names[other]})` })));
      inspector.appendChild(head);
      const list = document.createElement('ol');
      list.className = 'insp-partners';
      links.forEach((l) => {
        const item = document.createElement('li');
        item.className = 'insp-partner';
        item.dataset.link = String(l.id);
        const segs = other === 0 ? l.L : l.R;
        item.dataset.seg = String(segs[0]);
        const h = document.createElement('p');
        h.className = 'insp-head';
        linkHead(h, l);
        item.appendChild(h);
        item.appendChild(linkBody(l, target.side, true));
        list.appendChild(item);
      });
      inspector.appendChild(list);
      appendLegend(links);
      return;
    }
    const l = links[0];
    linkHead(head, l);
    inspector.appendChild(head);
    inspector.appendChild(linkBody(l, target.side, false));
    appendLegend(links);
    if (l.why.length) {
      const why = document.createElement('p');
      why.className = 'insp-why';
      why.textContent = t('inspector.shared', { list: l.why.slice(0, 12).join(', ') });
      inspector.appendChild(why);
    }
  }

  /** The kind, score, move, split and flags of link `l`, appended to `head`. */
  function linkHead(head, l) {
    head.appendChild(chip(l.kind, t(`kind.${l.kind}`)));
    head.appendChild(document.createTextNode(' ' + t('inspector.score', { p: formatPercent(l.score) })));
    if (l.moved || l.crossing) {
      head.appendChild(document.createTextNode(' · '));
      head.appendChild(chip('moved', t('kind.moved')));
    }
    if (l.L.length > 1 || l.R.length > 1) {
      head.appendChild(document.createTextNode(' · ' + t('inspector.split', { l: l.L.length, r: l.R.length })));
    }
    for (const f of l.flags) {
      const key = `flag.${f}`;
      const label = t(key);
      head.appendChild(document.createTextNode(' · '));
      const b = document.createElement('strong');
      b.className = 'flag';
      b.textContent = label === key ? f : label;
      head.appendChild(b);
    }
  }

  /**
   * What link `l` shares: the word diff (identical, equivalent), or both sides with their
   * shared words and differing figures marked (partial links with marks; `compact` trims
   * the plain words of the side in focus, which the column already shows in full).
   */
  function linkBody(l, focusSide, compact) {
    const body = document.createElement('div');
    body.className = 'insp-diff';
    if (l.kind === 'identical' || !l.diff.length) {
      body.textContent = l.kind === 'identical' ? t('inspector.identical') : l.L.map((s) => segText(0, s)).join(' ');
      return body;
    }
    const marked = l.kind === 'partial' && l.marks;
    if (marked || diffMode(l) === 'shared') {
      for (const [side, letter] of [[0, 'A'], [1, 'B']]) {
        const line = document.createElement('span');
        line.className = 'insp-side';
        const tag = document.createElement('span');
        tag.className = `letter ${letter.toLowerCase()}`;
        tag.textContent = letter;
        line.appendChild(tag);
        if (marked) {
          appendMarks(line, compact && side === focusSide ? trimPlain(l.marks[side]) : l.marks[side]);
        } else {
          const keep = side === 0 ? '-' : '+';
          appendRuns(line, l.diff.filter(([op]) => op === '=' || op === keep), l.flags, 'shared');
        }
        body.appendChild(line);
      }
    } else {
      appendRuns(body, l.diff, l.flags, 'changes');
    }
    return body;
  }

  /** A short legend under marked words: what the underline and the box mean. */
  function appendLegend(links) {
    const marks = links.filter((l) => l.kind === 'partial' && l.marks);
    if (!marks.length) return;
    const p = document.createElement('p');
    p.className = 'insp-legend';
    const same = document.createElement('mark');
    same.className = 'same';
    same.textContent = t('marks.sameSample');
    p.appendChild(same);
    p.appendChild(document.createTextNode(' ' + t('marks.same')));
    if (marks.some((l) => l.marks.some((side) => side.some(([tag]) => tag === '!')))) {
      p.appendChild(document.createTextNode(' · '));
      const differ = document.createElement('mark');
      differ.className = 'differ';
      differ.textContent = '12';
      p.appendChild(differ);
      p.appendChild(document.createTextNode(' ' + t('marks.differ')));
    }
    inspector.appendChild(p);
  }

  function chip(kind, label) {
    const c = document.createElement('span');
    c.className = `chip c-${kind}`;
    c.textContent = label;
    return c;
  }

  // ---- focus (roving tabindex) and navigation ----

  function setRoving(side, seg) {
    const el = segEl(side, seg);
    if (!el) return false;
    if (focused) {
      const old = segEls[focused.side][focused.seg];
      if (old) old.tabIndex = -1;
    }
    el.tabIndex = 0;
    focused = { side, seg };
    return true;
  }

  function focusSeg(side, seg, opts) {
    if (!setRoving(side, seg)) return false;
    const el = segEl(side, seg);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: opts?.block || 'center', behavior: 'auto' });
    showActive({ side, seg });
    return true;
  }

  /** Whether a passage is shown under the current filter (no layout read: cheap for thousands). */
  function shown(side, seg) {
    const info = layout && layout.segs[side][seg];
    if (!info) return false;
    const rowEl = rowEls[info.row];
    if (!rowEl || rowEl.style.display === 'none') return false;
    if (filter === 'left') return side === 0 && info.status === 'unique';
    if (filter === 'right') return side === 1 && info.status === 'unique';
    return true;
  }

  function currentOrd() {
    if (!focused || !layout) return -1;
    return layout.segs[focused.side][focused.seg]?.ord ?? -1;
  }

  /** Next (dir 1) or previous (-1) difference; `uniqueOnly` for unique passages. Returns a status key or null. */
  function jump(dir, uniqueOnly) {
    if (!layout) return 'status.noDiff';
    const stops = layout.stops.filter((s) => (!uniqueOnly || s.unique) && shown(s.side, s.seg));
    if (!stops.length) return uniqueOnly ? 'status.noUnique' : 'status.noDiff';
    const cur = currentOrd();
    const onStop = document.activeElement && document.activeElement.classList.contains('seg');
    let pick = null, wrapped = false;
    if (dir > 0) {
      pick = stops.find((s) => (onStop ? s.ord > cur : s.ord >= cur));
      if (!pick) { pick = stops[0]; wrapped = true; }
    } else {
      for (let k = stops.length - 1; k >= 0; k--) if (stops[k].ord < cur) { pick = stops[k]; break; }
      if (!pick) { pick = stops[stops.length - 1]; wrapped = true; }
    }
    focusSeg(pick.side, pick.seg);
    return wrapped ? 'status.lastDiff' : null;
  }

  function moveInColumn(dir) {
    if (!focused) return;
    const side = focused.side;
    const n = layout.segs[side].length;
    for (let s = focused.seg + dir; s >= 0 && s < n; s += dir) {
      if (shown(side, s)) { focusSeg(side, s, { block: 'nearest' }); return; }
    }
  }

  // The sentence whose partners `l` walks through, and where it is in them.
  let cycle = null; // {side, seg, index}

  /**
   * Focuses the next (dir 1) or previous (-1) partner of the sentence in focus, one link
   * after the other in the other column's order; pressed again on that partner, goes on to
   * the sentence's next partner. Returns [status key, vars] or null.
   */
  function cyclePartner(dir) {
    if (!layout || !focused) return null;
    let origin = null;
    if (cycle) {
      const ps = partnersOf(layout, cycle.side, cycle.seg);
      const at = ps[cycle.index];
      if ((focused.side === cycle.side && focused.seg === cycle.seg) ||
        (at && focused.side === at.side && at.segs.includes(focused.seg))) origin = cycle;
    }
    if (!origin) origin = cycle = { side: focused.side, seg: focused.seg, index: dir > 0 ? -1 : 0 };
    const ps = partnersOf(layout, origin.side, origin.seg);
    if (!ps.length) { cycle = null; return ['status.noPartner']; }
    const n = ps.length;
    origin.index = (((origin.index + dir) % n) + n) % n;
    const p = ps[origin.index];
    focusSeg(p.side, p.seg);
    return ['status.partner', { i: formatNumber(origin.index + 1), n: formatNumber(n) }];
  }

  function toPartner() {
    if (!focused) return;
    const { side, seg } = focused;
    const l = linksOf(side, seg)[0];
    const other = 1 - side;
    if (l) {
      const target = (other === 0 ? l.L : l.R)[0];
      focusSeg(other, target);
      return;
    }
    // Unique: the nearest passage of the other column at or after this row.
    const row = layout.segs[side][seg].row;
    const cand = layout.segs[other].filter((x) => x.row >= row && shown(other, x.seg));
    const any = cand[0] || layout.segs[other].filter((x) => shown(other, x.seg)).pop();
    if (any) focusSeg(other, any.seg);
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
    const rowsShown = rowEls.filter((r) => r.style.display !== 'none');
    drawRibbons(ribbons, sheet, content, layout, segEl, rowsShown, activeIds, all);
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
    for (const r of rowEls) {
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
  if (typeof ResizeObserver === 'function') {
    let last = 0;
    new ResizeObserver(() => {
      const h = content.scrollHeight;
      if (h !== last) { last = h; schedule(true); }
    }).observe(content);
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
    if (k === 'ArrowDown') moveInColumn(1);
    else if (k === 'ArrowUp') moveInColumn(-1);
    else if (k === 'ArrowRight' || k === 'ArrowLeft') {
      const want = k === 'ArrowRight' ? 1 : 0;
      if (focused && focused.side !== want) toPartner();
    } else if (k === 'Enter') toPartner();
    else if (k === 'Home') { const s = layout.segs[focused.side].find((x) => shown(x.side, x.seg)); if (s) focusSeg(s.side, s.seg); }
    else if (k === 'End') { const s = layout.segs[focused.side].filter((x) => shown(x.side, x.seg)).pop(); if (s) focusSeg(s.side, s.seg); }
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
      content.querySelectorAll('.row').forEach((r) => r.remove());
      if (observer) { observer.disconnect(); observer = null; }
      rowEls = []; segEls = [[], []]; focused = null;
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
    get layout() { return layout; },
    get report() { return report; },
    get focused() { return focused; },
    jump,
    cyclePartner,
    focusSeg,
    focusCurrent() {
      if (focused) focusSeg(focused.side, focused.seg, { block: 'nearest' });
    },
    relabel() {
      if (!layout) { updateInspector(); return; }
      renderHeads();
      for (const side of [0, 1]) segEls[side].forEach((el, s) => { if (el && !el.classList.contains('diffed')) fillPlain(el, side, s); });
      const cur = shownActive;
      shownActive = null;
      if (cur) { const [a, b] = cur.split(':').map(Number); showActive({ side: a, seg: b }); } else updateInspector();
    },
    repaint() { schedule(true); },
  };
}

/**
 * Appends diff runs to `el` as text, <del> and <ins>; inside changed runs, the words that
 * matter most (numbers; names when the link flags them) are emphasised one by one.
 */
function appendRuns(el, runs, flags, mode) {
  for (const [op, str] of runs) {
    if (op === '=') {
      if (mode === 'shared' && /\p{L}|\p{N}/u.test(str)) {
        const m = document.createElement('mark');
        m.className = 'same';
        m.textContent = str;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(str));
      }
      continue;
    }
    if (mode === 'shared') { el.appendChild(document.createTextNode(str)); continue; }
    const m = document.createElement(op === '-' ? 'del' : 'ins');
    for (const part of str.split(/(\s+)/)) {
      if (!part) continue;
      if (emphasised(part, flags)) {
        const b = document.createElement('b');
        b.className = 'em';
        b.textContent = part;
        m.appendChild(b);
      } else {
        m.appendChild(document.createTextNode(part));
      }
    }
    el.appendChild(m);
  }
}

/**
 * How to show a link's words: 'changes' (deletions and insertions) when most of the text is
 * shared, 'shared' (the common words marked) when little is: a wall of struck-through text
 * says nothing.
 */
function diffMode(link) {
  let same = 0, all = 0;
  for (const [op, str] of link.diff) {
    const n = str.replace(/\s+/g, '').length;
    all += op === '=' ? 2 * n : n;
    if (op === '=') same += 2 * n;
  }
  return all && same / all >= 0.5 ? 'changes' : 'shared';
}

/** Whether a changed word deserves emphasis: numbers, and names when the link flags them. */
function emphasised(word, flags) {
  if (/\d/.test(word)) return true;
  if (flags.includes('name') && /^[("«“']?\p{Lu}/u.test(word)) return true;
  return false;
}

/** The link with the highest score (the first of equals). */
function strongest(links) {
  return links.reduce((b, l) => (l.score > b.score ? l : b), links[0]);
}

/**
 * Appends marks runs ([tag, text], tag ' ', '=' or '!') to `el`: words both sides state in
 * <mark class="same">, figures only this side states (while the other states some) in
 * <mark class="differ"> with a title saying so.
 */
function appendMarks(el, runs) {
  for (const [tag, str] of runs) {
    if (tag === '=' || tag === '!') {
      const m = document.createElement('mark');
      m.className = tag === '=' ? 'same' : 'differ';
      if (tag === '!') m.title = t('marks.differ');
      m.textContent = str;
      el.appendChild(m);
    } else {
      el.appendChild(document.createTextNode(str));
    }
  }
}

/** Marks runs with long plain stretches cut to a few words around what is marked. */
function trimPlain(runs) {
  const KEEP = 3;
  return runs.map(([tag, str], k) => {
    if (tag !== ' ') return [tag, str];
    const count = str.split(/\s+/).filter(Boolean).length;
    if (count <= 2 * KEEP + 1) return [tag, str];
    // Keep the words next to the marks: the start of a run after a mark, its end before one.
    const head = k === 0 ? '' : takeWords(str, KEEP, false).trimEnd();
    const tail = k === runs.length - 1 ? '' : takeWords(str, KEEP, true).trimStart();
    return [tag, `${head}${head ? ' ' : ''}…${tail ? ' ' : ''}${tail}`];
  });
}

/** The first (or, with `fromEnd`, last) `n` words of `str`, with their spacing. */
function takeWords(str, n, fromEnd) {
  const parts = str.split(/(\s+)/);
  if (fromEnd) parts.reverse();
  let words = 0;
  const out = [];
  for (const p of parts) {
    if (p && !/^\s+$/.test(p)) { if (words === n) break; words++; }
    out.push(p);
  }
  if (fromEnd) out.reverse();
  return out.join('');
}
