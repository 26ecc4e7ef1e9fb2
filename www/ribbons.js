// The curves between the two columns: one filled band per link, from the passages on the
// left to their partners on the right, coloured by kind; dashed when the link crosses the
// main order (moved). A passage with several partners has one band per partner, each from
// its own slice of the passage's edge. Only links of the rows built near the screen are
// drawn; an end whose row is not built is placed from the rows' heights (rows.js).

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Draws `links` into `svg` (absolutely placed over the gutter of the content; its height is
 * the content's, by style: an SVG sized here would keep the sheet's scroll height when the
 * rows' heights settle lower, and a jump to the end would show it and no rows; no viewBox,
 * so its units are CSS pixels). `endBox(side, segs)` gives an end's {top, bottom} in content pixels, or null
 * when it is hidden; `all` draws every band in full (for printing), else a partner more than
 * a screen (`viewHeight`) away gets a short stub at each end.
 */
export function drawRibbons(svg, { layout, links, endBox, viewHeight, activeIds, all }) {
  while (svg.firstChild) svg.firstChild.remove();
  if (!layout || !links.size) return;
  const gut = svg.getBoundingClientRect();
  const width = gut.width || 72;
  svg.setAttribute('width', String(width));
  const frag = document.createDocumentFragment();
  const drawn = [];
  for (const l of links) {
    let a = endBox(0, l.L);
    let b = endBox(1, l.R);
    if (!a || !b) continue;
    // A passage with several partners (many-to-many) gives each of its links its own slice
    // of its edge, in the order of the partners, so that the ribbons fan out side by side.
    a = slice(a, layout, 0, l);
    b = slice(b, layout, 1, l);
    const m = width / 2;
    let d;
    const far = Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) > 1.1 * viewHeight;
    if (far && !all) {
      // Partner far away: a short tapered stub on each end, pointing towards the other.
      const dir = b.top > a.top ? 1 : -1;
      const tipA = [width * 0.42, (a.top + a.bottom) / 2 + dir * 34];
      const tipB = [width * 0.58, (b.top + b.bottom) / 2 - dir * 34];
      d = `M0,${a.top} C${width * 0.25},${a.top} ${tipA[0]},${tipA[1] - 6 * dir} ${tipA[0]},${tipA[1]} ` +
        `C${tipA[0] - 4},${tipA[1] - 10 * dir} ${width * 0.2},${a.bottom} 0,${a.bottom} Z ` +
        `M${width},${b.top} C${width * 0.75},${b.top} ${tipB[0]},${tipB[1] + 6 * dir} ${tipB[0]},${tipB[1]} ` +
        `C${tipB[0] + 4},${tipB[1] + 10 * dir} ${width * 0.8},${b.bottom} ${width},${b.bottom} Z`;
    } else {
      d = `M0,${a.top} C${m},${a.top} ${m},${b.top} ${width},${b.top} ` +
        `L${width},${b.bottom} C${m},${b.bottom} ${m},${a.bottom} 0,${a.bottom} Z`;
    }
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    p.setAttribute('class', `ribbon k-${l.kind}${l.moved ? ' moved' : ''}${activeIds.has(l.id) ? ' on' : ''}`);
    p.dataset.link = String(l.id);
    drawn.push([activeIds.has(l.id), p]);
  }
  // Active ribbons last so they sit on top.
  drawn.sort((x, y) => Number(x[0]) - Number(y[0]));
  for (const [, p] of drawn) frag.appendChild(p);
  svg.appendChild(frag);
}

/** Marks the ribbons of the active links without redrawing. */
export function markRibbons(svg, activeIds) {
  for (const p of svg.querySelectorAll('path.ribbon')) {
    const on = activeIds.has(Number(p.dataset.link));
    p.classList.toggle('on', on);
    if (on) svg.appendChild(p);
  }
}

/** The part of end box `b` (column `side` of link `l`) that belongs to `l`. */
function slice(b, layout, side, l) {
  const segs = side === 0 ? l.L : l.R;
  const links = layout.segs[side][segs[0]]?.links || [];
  if (segs.length !== 1 || links.length < 2) return b;
  const k = links.indexOf(l), n = links.length;
  if (k < 0) return b;
  const h = (b.bottom - b.top) / n;
  const top = b.top + k * h + (k > 0 ? 1 : 0);
  const bottom = b.top + (k + 1) * h - (k < n - 1 ? 1 : 0);
  return { top, bottom: Math.max(top + 2, bottom) };
}
