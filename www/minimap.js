// A strip beside each column: every passage as a band along the document, coloured as in
// the view (shared by kind, unique, moved), with a frame for what is on screen. A click
// jumps there. Positions follow the rows of the sheet, so both strips share one scale.
// Drawn on a canvas: thousands of bands cost a few milliseconds.

const COLOURS = {
  identical: ['--k-identical', 0.5],
  equivalent: ['--k-equivalent', 0.75],
  partial: ['--k-partial', 0.75],
  unique: ['--k-unique', 0.95],
  moved: ['--k-moved', 0.9],
};

/**
 * Draws the bands of one column (`side` 0 or 1) into an offscreen bitmap kept on `canvas`.
 * `rowGeom` is [{top, height}] per row in content pixels, `total` the content height.
 */
export function drawMinimap(canvas, layout, side, rowGeom, total, docSegs) {
  const box = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(box.width * dpr)), h = Math.max(1, Math.round(box.height * dpr));
  const base = document.createElement('canvas');
  base.width = w; base.height = h;
  canvas.width = w; canvas.height = h;
  canvas._base = null;
  if (!layout || !total || !box.height) return;
  const ctx = base.getContext('2d');
  const css = getComputedStyle(document.documentElement);
  const colour = {};
  for (const [k, [v, a]] of Object.entries(COLOURS)) colour[k] = [css.getPropertyValue(v).trim() || '#888', a];
  const scale = h / total;
  layout.rows.forEach((row, r) => {
    const g = rowGeom[r];
    if (!g || !g.height) return;
    const segs = side === 0 ? row.left : row.right;
    if (!segs.length) return;
    const lens = segs.map((s) => Math.max(20, (docSegs[s]?.text || '').length));
    const sum = lens.reduce((a, b) => a + b, 0);
    let y = g.top;
    segs.forEach((s, k) => {
      const hh = (g.height * lens[k]) / sum;
      const info = layout.segs[side][s];
      const moved = info.moved;
      const [c, a] = colour[moved && info.status !== 'unique' ? 'moved' : info.status] || colour.identical;
      ctx.globalAlpha = a;
      ctx.fillStyle = c;
      const y0 = y * scale, y1 = (y + hh) * scale;
      const inset = moved ? 0 : Math.round(w * 0.15);
      ctx.fillRect(inset, y0 + 0.5 * dpr, w - 2 * inset, Math.max(1.5 * dpr, y1 - y0 - dpr));
      y += hh;
    });
  });
  canvas._base = base;
  canvas._scale = scale;
  updateMinimapView(canvas, 0, 0, total);
}

/** Redraws the bands and the "on screen" frame. */
export function updateMinimapView(canvas, scrollTop, clientHeight, total) {
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!canvas._base || !total) return;
  ctx.globalAlpha = 1;
  ctx.drawImage(canvas._base, 0, 0);
  const scale = canvas.height / total;
  const dpr = window.devicePixelRatio || 1;
  const y = scrollTop * scale, hh = Math.max(4 * dpr, Math.min(total, clientHeight) * scale);
  const fg = getComputedStyle(canvas).color || '#000';
  ctx.fillStyle = fg;
  ctx.globalAlpha = 0.1;
  ctx.fillRect(0, y, canvas.width, hh);
  ctx.globalAlpha = 0.6;
  ctx.strokeStyle = fg;
  ctx.lineWidth = dpr;
  ctx.strokeRect(dpr / 2, y + dpr / 2, canvas.width - dpr, hh - dpr);
  ctx.globalAlpha = 1;
}
