// Moving through the reading view: next/previous difference (n/p, u), the passage above or
// below in the same column, across to a partner, through a passage's partners (l/L).
// Reads the layout and the filter; moves focus through the view's `focusSeg`.

import { formatNumber } from './i18n.js';
import { partnersOf } from './layout.js';

/**
 * `v`: {layout(), focused() -> {side, seg} | null, filter(), rowShown(r), focusSeg(side, seg, opts)}.
 */
export function createNavigation(v) {
  /** Whether a passage is shown under the current filter (no layout read: cheap for thousands). */
  function shown(side, seg) {
    const layout = v.layout(), filter = v.filter();
    const info = layout && layout.segs[side][seg];
    if (!info) return false;
    if (!v.rowShown(info.row)) return false;
    if (filter === 'left') return side === 0 && info.status === 'unique';
    if (filter === 'right') return side === 1 && info.status === 'unique';
    return true;
  }

  function currentOrd() {
    const layout = v.layout(), focused = v.focused();
    if (!focused || !layout) return -1;
    return layout.segs[focused.side][focused.seg]?.ord ?? -1;
  }

  /** Next (dir 1) or previous (-1) difference; `uniqueOnly` for unique passages. Returns a status key or null. */
  function jump(dir, uniqueOnly) {
    const layout = v.layout();
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
    v.focusSeg(pick.side, pick.seg);
    return wrapped ? 'status.lastDiff' : null;
  }

  function moveInColumn(dir) {
    const layout = v.layout(), focused = v.focused();
    if (!focused) return;
    const side = focused.side;
    const n = layout.segs[side].length;
    for (let s = focused.seg + dir; s >= 0 && s < n; s += dir) {
      if (shown(side, s)) { v.focusSeg(side, s, { block: 'nearest' }); return; }
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
    const layout = v.layout(), focused = v.focused();
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
    v.focusSeg(p.side, p.seg);
    return ['status.partner', { i: formatNumber(origin.index + 1), n: formatNumber(n) }];
  }

  function toPartner() {
    const layout = v.layout(), focused = v.focused();
    if (!focused) return;
    const { side, seg } = focused;
    const l = (layout.segs[side][seg]?.links || [])[0];
    const other = 1 - side;
    if (l) {
      const target = (other === 0 ? l.L : l.R)[0];
      v.focusSeg(other, target);
      return;
    }
    // Unique: the nearest passage of the other column at or after this row.
    const row = layout.segs[side][seg].row;
    const cand = layout.segs[other].filter((x) => x.row >= row && shown(other, x.seg));
    const any = cand[0] || layout.segs[other].filter((x) => shown(other, x.seg)).pop();
    if (any) v.focusSeg(other, any.seg);
  }


  /** First (dir -1) or last (dir 1) shown passage of the column in focus. */
  function edge(dir) {
    const layout = v.layout(), focused = v.focused();
    if (!layout || !focused) return;
    const list = layout.segs[focused.side].filter((x) => shown(x.side, x.seg));
    const s = dir < 0 ? list[0] : list[list.length - 1];
    if (s) v.focusSeg(s.side, s.seg);
  }

  return { shown, jump, moveInColumn, cyclePartner, toPartner, edge };
}
