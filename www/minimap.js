// A strip beside each column: every passage as a band along the document, coloured as in
// the view (shared by kind, unique, moved), with a frame for what is on screen. A click
// jumps there. Positions follow the rows of the sheet, so both strips share one scale.
// The bands are drawn once per layout on a canvas (thousands of bands cost a few
// milliseconds); the frame is an element moved over it, so scrolling draws nothing.

const COLOURS = {
  identical: ['--k-identical', 0.5],
  equivalent: ['--k-equivalent', 0.75],
  partial: ['--k-partial', 0.75],
  unique: ['--k-unique', 0.95],
  moved: ['--k-moved', 0.9],
};

/**
 * Draws the bands of one column (`side` 0 or 1) on `canvas`. `rowGeom(r)` gives
 * {top, height} of row `r` in content pixels, `total` the content height.
 */
export function drawMinimap(canvas, layout, side, rowGeom, total, docSegs) {
  const box = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(box.width * dpr)), h = Math.max(1, Math.round(box.height * dpr));
  canvas.width = w; canvas.height = h;
  if (!layout || !total || !box.height) return;
  const ctx = canvas.getContext('2d');
  const css = getComputedStyle(document.documentElement);
  const colour = {};
  for (const [k, [v, a]] of Object.entries(COLOURS)) colour[k] = [css.getPropertyValue(v).trim() || '#888', a];
  const scale = h / total;
  const rows = layout.rows;
  // One colour per pixel row: the most telling of the passages it covers (a moved passage
  // over a unique one over a reworded one...). Thousands of passages on a few hundred pixels
  // cost one pass and a few hundred bands.
  const RANK = { identical: 1, equivalent: 2, partial: 3, unique: 4, moved: 5 };
  const KEYS = ['', 'identical', 'equivalent', 'partial', 'unique', 'moved'];
  const best = new Uint8Array(h);
  const gap = new Uint8Array(h); // the first pixel row of a passage: a thin gap above it
  for (let r = 0; r < rows.length; r++) {
    const g = rowGeom(r);
    if (!g.height) continue;
    const segs = side === 0 ? rows[r].left : rows[r].right;
    if (!segs.length) continue;
    let sum = 0;
    for (const s of segs) sum += Math.max(20, (docSegs[s]?.text || '').length);
    let y = g.top;
    for (const s of segs) {
      const hh = (g.height * Math.max(20, (docSegs[s]?.text || '').length)) / sum;
      const info = layout.segs[side][s];
      const key = info.moved && info.status !== 'unique' ? 'moved' : (RANK[info.status] ? info.status : 'identical');
      const y0 = Math.floor(y * scale), y1 = Math.max(y0 + 1, Math.floor((y + hh) * scale));
      for (let p = y0; p < y1 && p < h; p++) if (RANK[key] > best[p]) best[p] = RANK[key];
      if (y1 - y0 > 2 * dpr && y0 < h) gap[y0] = 1;
      y += hh;
    }
  }
  const paths = {};
  for (const k of KEYS.slice(1)) paths[k] = new Path2D();
  const inset = Math.round(w * 0.15);
  for (let p = 0; p < h;) {
    const k = best[p];
    let e = p + 1;
    while (e < h && best[e] === k && !gap[e]) e++;
    if (k) {
      const x = KEYS[k] === 'moved' ? 0 : inset;
      paths[KEYS[k]].rect(x, p + (gap[p] ? 0.5 * dpr : 0), w - 2 * x, Math.max(1, e - p - (gap[p] ? 0.5 * dpr : 0)));
    }
    p = e;
  }
  for (const [k, [c, a]] of Object.entries(colour)) {
    ctx.globalAlpha = a;
    ctx.fillStyle = c;
    ctx.fill(paths[k]);
  }
  ctx.globalAlpha = 1;
}

/** Moves the "on screen" frame over the bands (an element beside the canvas, made on first use). */
export function updateMinimapView(canvas, scrollTop, clientHeight, total) {
  const holder = canvas.parentElement;
  let frame = holder.querySelector('.mm-frame');
  if (!frame) {
    frame = document.createElement('div');
    frame.className = 'mm-frame';
    holder.appendChild(frame);
  }
  const height = canvas.clientHeight;
  if (!total || !height) { frame.hidden = true; return; }
  frame.hidden = false;
  const scale = height / total;
  frame.style.top = `${canvas.offsetTop + scrollTop * scale}px`;
  frame.style.height = `${Math.max(4, Math.min(total, clientHeight) * scale)}px`;
}

/** Clears the bands. */
export function clearMinimap(canvas) {
  canvas.width = canvas.width; // eslint-disable-line no-self-assign
  updateMinimapView(canvas, 0, 0, 0);
}
