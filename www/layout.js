// From a report (schema recoupe/1) and the two documents facing each other, the rows of
// the side-by-side view. Pure functions, no DOM: easy to test and to reason about.
//
// Rows: links that keep the main order ("anchors") put their passages face to face in one
// row; between two anchors, one "gap" row holds what each side has in between (passages
// unique to one side, and passages of moved links, which are joined by crossing ribbons).

/**
 * The links between report documents `li` (left column) and `ri` (right column), oriented
 * so that `L` is always the left column: a link stored the other way round is flipped,
 * and its diff's `-`/`+` swapped.
 */
export function pairLinks(report, li, ri) {
  const out = [];
  (report.links || []).forEach((link, id) => {
    if (!link || !link.left || !link.right) return;
    let L, R, diff = Array.isArray(link.diff) ? link.diff : [];
    if (link.left.doc === li && link.right.doc === ri) {
      L = link.left.segments; R = link.right.segments;
    } else if (link.left.doc === ri && link.right.doc === li) {
      L = link.right.segments; R = link.left.segments;
      diff = diff.map(([op, s]) => [op === '-' ? '+' : op === '+' ? '-' : op, s]);
    } else {
      return;
    }
    if (!Array.isArray(L) || !Array.isArray(R) || !L.length || !R.length) return;
    out.push({
      id,
      L: L.slice().sort((a, b) => a - b),
      R: R.slice().sort((a, b) => a - b),
      kind: ['identical', 'equivalent', 'partial'].includes(link.kind) ? link.kind : 'partial',
      score: typeof link.score === 'number' ? link.score : 0,
      moved: !!link.moved,
      move: link.move ?? null,
      diff,
      flags: Array.isArray(link.flags) ? link.flags : [],
      why: Array.isArray(link.why) ? link.why : [],
    });
  });
  return out;
}

/** Longest chain of links increasing on both sides (patience-style LIS on R after sorting by L). */
function orderedChain(links) {
  const cand = links.filter((l) => !l.moved).sort((a, b) => a.L[0] - b.L[0] || a.R[0] - b.R[0]);
  // LIS by R[0], strictly increasing, also requiring no overlap of segment ranges.
  const tails = [], prev = new Array(cand.length).fill(-1), tailIdx = [];
  cand.forEach((l, i) => {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < l.R[0]) lo = mid + 1; else hi = mid;
    }
    tails[lo] = l.R[0];
    tailIdx[lo] = i;
    prev[i] = lo > 0 ? tailIdx[lo - 1] : -1;
  });
  const chain = [];
  let k = tailIdx[tails.length - 1] ?? -1;
  while (k >= 0) { chain.push(cand[k]); k = prev[k]; }
  chain.reverse();
  // Drop links whose ranges overlap the previous anchor's (defensive: malformed input).
  const clean = [];
  for (const l of chain) {
    const p = clean[clean.length - 1];
    if (p && (l.L[0] <= p.L[p.L.length - 1] || l.R[0] <= p.R[p.R.length - 1])) continue;
    clean.push(l);
  }
  return clean;
}

/**
 * The view model for one pair.
 * Returns { li, ri, links, rows, segs: [leftInfo[], rightInfo[]], stops, counts }.
 * Each seg info: { doc, seg, side: 0|1, links: [link], row, ord, status }, status being
 * 'unique' or the strongest kind among its links; `crossing` when shown away from its partner.
 */
export function buildLayout(report, li, ri) {
  const docs = report.documents || [];
  const nL = (docs[li]?.segments || []).length;
  const nR = (docs[ri]?.segments || []).length;
  const links = pairLinks(report, li, ri).filter(
    (l) => l.L.every((s) => s >= 0 && s < nL) && l.R.every((s) => s >= 0 && s < nR),
  );
  const info = [
    Array.from({ length: nL }, (_, seg) => ({ doc: li, seg, side: 0, links: [] })),
    Array.from({ length: nR }, (_, seg) => ({ doc: ri, seg, side: 1, links: [] })),
  ];
  for (const l of links) {
    for (const s of l.L) info[0][s].links.push(l);
    for (const s of l.R) info[1][s].links.push(l);
  }
  const anchors = orderedChain(links);
  const anchorSet = new Set(anchors);
  for (const l of links) l.crossing = !anchorSet.has(l);

  const rows = [];
  let i = 0, j = 0;
  const pushGap = (l1, r1) => {
    if (l1 > i || r1 > j) {
      rows.push({ type: 'gap', left: range(i, l1), right: range(j, r1) });
    }
  };
  for (const a of anchors) {
    pushGap(a.L[0], a.R[0]);
    const lEnd = a.L[a.L.length - 1] + 1, rEnd = a.R[a.R.length - 1] + 1;
    rows.push({ type: 'pair', link: a, left: range(a.L[0], lEnd), right: range(a.R[0], rEnd) });
    i = Math.max(i, lEnd); j = Math.max(j, rEnd);
  }
  pushGap(nL, nR);

  const rank = { identical: 3, equivalent: 2, partial: 1 };
  let ord = 0;
  rows.forEach((row, r) => {
    row.index = r;
    for (const s of row.left) Object.assign(info[0][s], { row: r, ord: ord++ });
    for (const s of row.right) Object.assign(info[1][s], { row: r, ord: ord++ });
    row.hasUniqueLeft = row.left.some((s) => !info[0][s].links.length);
    row.hasUniqueRight = row.right.some((s) => !info[1][s].links.length);
  });
  for (const side of info) {
    for (const s of side) {
      if (!s.links.length) { s.status = 'unique'; continue; }
      s.status = s.links.reduce((b, l) => (rank[l.kind] > rank[b] ? l.kind : b), 'partial');
      s.moved = s.links.some((l) => l.moved);
      s.crossing = s.links.some((l) => l.crossing);
    }
  }
  for (const row of rows) {
    row.hasDiff = row.hasUniqueLeft || row.hasUniqueRight ||
      [...row.left.map((s) => info[0][s]), ...row.right.map((s) => info[1][s])]
        .some((s) => s.status !== 'identical' || s.moved || s.crossing);
  }

  // Stops for n/p: each unique passage, and each link that is not an unchanged pair in place,
  // once (at its first passage in reading order).
  const stops = [];
  const seen = new Set();
  for (const row of rows) {
    for (const [side, list] of [[0, row.left], [1, row.right]]) {
      for (const s of list) {
        const si = info[side][s];
        if (si.status === 'unique') { stops.push({ side, seg: s, ord: si.ord, unique: true }); continue; }
        for (const l of si.links) {
          if (seen.has(l)) continue;
          seen.add(l);
          if (l.kind !== 'identical' || l.moved || l.crossing || l.L.length > 1 || l.R.length > 1) {
            stops.push({ side, seg: s, ord: si.ord, unique: false });
          }
        }
      }
    }
  }
  stops.sort((a, b) => a.ord - b.ord);

  const counts = {
    links: links.length,
    identical: links.filter((l) => l.kind === 'identical').length,
    equivalent: links.filter((l) => l.kind === 'equivalent').length,
    partial: links.filter((l) => l.kind === 'partial').length,
    moved: links.filter((l) => l.moved || l.crossing).length,
    splits: links.filter((l) => l.L.length > 1 || l.R.length > 1).length,
    uniqueLeft: info[0].filter((s) => s.status === 'unique').length,
    uniqueRight: info[1].filter((s) => s.status === 'unique').length,
  };
  counts.coverLeft = coverage(docs[li], info[0]);
  counts.coverRight = coverage(docs[ri], info[1]);
  const st = (report.stats || []).find((x) => (x.left === li && x.right === ri) || (x.left === ri && x.right === li));
  if (st && typeof st.left_covered === 'number' && typeof st.right_covered === 'number') {
    counts.coverLeft = st.left === li ? st.left_covered : st.right_covered;
    counts.coverRight = st.left === li ? st.right_covered : st.left_covered;
  }
  return { li, ri, links, rows, segs: info, stops, counts };
}

/** Share of a document's characters that sit in linked segments. */
function coverage(doc, info) {
  const segs = doc?.segments || [];
  let all = 0, linked = 0;
  segs.forEach((s, k) => {
    const n = (s.text || '').length;
    all += n;
    if (info[k] && info[k].links.length) linked += n;
  });
  return all ? linked / all : 0;
}

function range(a, b) {
  const out = [];
  for (let k = a; k < b; k++) out.push(k);
  return out;
}

/**
 * Splits a link's diff into per-segment runs for one side (0 = left keeps `=`/`-`,
 * 1 = right keeps `=`/`+`). Returns a Map seg -> [[op, text], ...], or null when the
 * segments' texts cannot be found in the diff (then the view shows plain text).
 */
export function diffPerSegment(link, side, segTexts) {
  const keep = side === 0 ? '-' : '+';
  const tokens = link.diff.filter(([op]) => op === '=' || op === keep);
  const whole = fold(tokens.map(([, s]) => s).join(''));
  const segs = side === 0 ? link.L : link.R;
  // Locate each segment's text in the concatenation, in order (quotes and apostrophes
  // folded: a diff may give the other side's typography in its `=` runs).
  const spans = [];
  let from = 0;
  for (const s of segs) {
    const text = segTexts(s);
    const at = whole.indexOf(fold(text), from);
    if (at < 0) return null;
    spans.push([s, at, at + text.length, text]);
    from = at + text.length;
  }
  const out = new Map(spans.map(([s]) => [s, []]));
  let pos = 0;
  for (const [op, str] of tokens) {
    const a = pos, b = pos + str.length;
    pos = b;
    for (const [s, sa, sb, text] of spans) {
      const x = Math.max(a, sa), y = Math.min(b, sb);
      // The words shown are always the segment's own text.
      if (x < y) out.get(s).push([op, text.slice(x - sa, y - sa)]);
    }
  }
  return out;
}

/**
 * Folds case, accents, typographic quotes and apostrophes, one UTF-16 unit for one, so that
 * offsets stay valid: a diff computed with ignore_case/accents/punctuation may give the other
 * side's spelling in its `=` runs.
 */
function fold(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c < '\u0080') { out += c.toLowerCase(); continue; }
    if ('\u2018\u2019\u02bc\u00b4'.includes(c)) { out += "'"; continue; }
    if ('\u201c\u201d\u00ab\u00bb'.includes(c)) { out += '"'; continue; }
    if (c === '\u00a0' || c === '\u202f') { out += ' '; continue; }
    const base = c.normalize('NFD')[0].toLowerCase();
    out += base.length === 1 ? base : c;
  }
  return out;
}
