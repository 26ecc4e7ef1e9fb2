// The arithmetic of the virtual list (rows.js): row heights (measured, or estimated until a
// row has been drawn), their running offsets, and which rows a scroll position needs.
// Pure: no DOM, unit-tested in e2e/unit/vlist.test.mjs.

/**
 * Offsets of the rows: `out[r]` is the top of row `r` and `out[n]` the total height.
 * A row that is not shown (`shown[r]` false) takes no height.
 */
export function offsetsOf(heights, shown) {
  const n = heights.length;
  const out = new Float64Array(n + 1);
  let y = 0;
  for (let r = 0; r < n; r++) {
    out[r] = y;
    if (!shown || shown[r]) y += heights[r];
  }
  out[n] = y;
  return out;
}

/** The row at height `y`: the last row whose top is at or above `y` (0 when there is none). */
export function rowAt(offsets, y) {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The rows to build for a view of `height` pixels scrolled to `top`: from `overscan` pixels
 * above it to `overscan` below, at most `max` rows (cut around the screen's first row).
 * Returns [first, last) row indices.
 */
export function windowOf(offsets, top, height, overscan, max = Infinity) {
  const n = offsets.length - 1;
  if (n <= 0) return [0, 0];
  const first = rowAt(offsets, Math.max(0, top - overscan));
  let last = rowAt(offsets, top + height + overscan) + 1;
  last = Math.min(n, Math.max(last, first + 1));
  if (last - first > max) {
    const at = rowAt(offsets, Math.max(0, top));
    const from = Math.max(first, Math.min(at - Math.floor(max / 4), last - max));
    return [from, Math.min(last, from + max)];
  }
  return [first, last];
}

/**
 * A guess of each row's height before it is drawn, from its text: the taller side's lines
 * (`charsPerLine` characters to a line of `lineHeight` pixels) plus `perPassage` pixels
 * around each passage and `perRow` around the row. `lengths(r)` gives [left lengths,
 * right lengths] of row `r`'s passages.
 */
export function estimateHeights(n, lengths, { charsPerLine = 70, lineHeight = 24, perPassage = 17, perRow = 6 } = {}) {
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let tallest = 0;
    for (const side of lengths(r)) {
      let h = 0;
      for (const len of side) h += Math.max(1, Math.ceil(len / charsPerLine)) * lineHeight + perPassage;
      if (h > tallest) tallest = h;
    }
    out[r] = tallest + perRow;
  }
  return out;
}

/**
 * Heights to lay out with: a measured row keeps its measure; the others take their estimate
 * scaled by how far the estimates of the measured rows were off (measured / estimated).
 */
export function blendHeights(estimates, measured) {
  let sumM = 0, sumE = 0;
  for (let r = 0; r < estimates.length; r++) {
    if (measured[r] > 0) { sumM += measured[r]; sumE += estimates[r]; }
  }
  const ratio = sumE > 0 ? Math.min(4, Math.max(0.25, sumM / sumE)) : 1;
  const out = new Float64Array(estimates.length);
  for (let r = 0; r < estimates.length; r++) out[r] = measured[r] > 0 ? measured[r] : estimates[r] * ratio;
  return out;
}
