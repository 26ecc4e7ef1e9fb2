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
  const steps = pairLinkSteps(report, li, ri);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

function* pairLinkSteps(report, li, ri) {
  const out = [];
  const all = report.links || [];
  for (let id = 0; id < all.length; id++) {
    if (id % 500 === 499) yield;
    pairLink(out, all[id], id, li, ri);
  }
  return out;
}

/** Adds link `link` (number `id`) to `out` if it joins the pair, oriented. */
function pairLink(out, link, id, li, ri) {
  {
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
      anchor: link.anchor === true && !link.moved,
      moved: !!link.moved,
      move: link.move ?? null,
      diff,
      flags: Array.isArray(link.flags) ? link.flags : [],
      why: Array.isArray(link.why) ? link.why : [],
      marks: orientMarks(link.marks, L === link.left.segments),
    });
  }
}

/**
 * A link's `marks` ({left, right}: [[tag, text], ...]) as [left column, right column], or
 * null when the report has none (or they are malformed).
 */
function orientMarks(marks, straight) {
  if (!marks || typeof marks !== 'object') return null;
  const ok = (m) => Array.isArray(m) && m.every((x) => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string');
  if (!ok(marks.left) || !ok(marks.right)) return null;
  return straight ? [marks.left, marks.right] : [marks.right, marks.left];
}

/** Whether link `p` lies wholly before link `l` on both sides (no shared segment). */
function before(p, l) {
  return p.L[p.L.length - 1] < l.L[0] && p.R[p.R.length - 1] < l.R[0];
}

/**
 * The main order as the report gives it: its anchors (`anchor`, decided by the core), in
 * reading order. A malformed report's anchors that overlap or cross an earlier one are not
 * anchors (every segment must sit in exactly one row).
 */
function anchorsOf(links) {
  const out = [];
  for (const l of links.filter((x) => x.anchor).sort((a, b) => a.L[0] - b.L[0] || a.R[0] - b.R[0])) {
    const p = out[out.length - 1];
    if (p && !before(p, l)) { l.anchor = false; continue; }
    out.push(l);
  }
  return out;
}

/**
 * The view model for one pair.
 * Returns { li, ri, links, rows, segs: [leftInfo[], rightInfo[]], stops, counts }.
 * Each seg info: { doc, seg, side: 0|1, links: [link], row, ord, status }, status being
 * 'unique' or the strongest kind among its links; `moved` when it faces none of its partners
 * in place and one of its links is moved. Anchors and moves are the report's (`anchor`,
 * `moved`, decided by the core); this only lays them out. A segment may sit in several
 * links (many-to-many): `links` lists them all, in the reading order of their partners; at
 * most one of them is an anchor, so each segment is in exactly one row.
 */
export function buildLayout(report, li, ri) {
  const steps = layoutSteps(report, li, ri);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * `buildLayout` in slices, for large reports: awaits `pause()` (e.g. a new task) whenever
 * about `budget` ms were spent, so that the page never blocks long. Same result.
 */
export async function buildLayoutSliced(report, li, ri, pause, budget = 12) {
  const steps = layoutSteps(report, li, ri);
  let start = performance.now();
  let r = steps.next();
  while (!r.done) {
    if (performance.now() - start > budget) {
      await pause();
      start = performance.now();
    }
    r = steps.next();
  }
  return r.value;
}

/** The steps of `buildLayout`: yields (nothing) between pieces of work of a few milliseconds. */
function* layoutSteps(report, li, ri) {
  const docs = report.documents || [];
  const nL = (docs[li]?.segments || []).length;
  const nR = (docs[ri]?.segments || []).length;
  const links = (yield* pairLinkSteps(report, li, ri)).filter(
    (l) => l.L.every((s) => s >= 0 && s < nL) && l.R.every((s) => s >= 0 && s < nR),
  );
  yield;
  const info = [
    Array.from({ length: nL }, (_, seg) => ({ doc: li, seg, side: 0, links: [] })),
    Array.from({ length: nR }, (_, seg) => ({ doc: ri, seg, side: 1, links: [] })),
  ];
  for (const l of links) {
    for (const s of l.L) info[0][s].links.push(l);
    for (const s of l.R) info[1][s].links.push(l);
  }
  // Off the main order and not moved: a secondary partner (many-to-many), drawn as a
  // ribbon to where its partner sits.
  yield;
  const anchors = anchorsOf(links);
  // Each segment's links in the reading order of their partners (the other column).
  for (const side of [0, 1]) {
    for (const s of info[side]) {
      if (s.links.length > 1) s.links.sort((a, b) => partnerKey(a, side) - partnerKey(b, side) || a.id - b.id);
    }
  }

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

  yield;
  const rank = { identical: 3, equivalent: 2, partial: 1 };
  let ord = 0;
  for (let r = 0; r < rows.length; r++) {
    if (r % 1000 === 999) yield;
    const row = rows[r];
    row.index = r;
    for (const s of row.left) Object.assign(info[0][s], { row: r, ord: ord++ });
    for (const s of row.right) Object.assign(info[1][s], { row: r, ord: ord++ });
    row.hasUniqueLeft = row.left.some((s) => !info[0][s].links.length);
    row.hasUniqueRight = row.right.some((s) => !info[1][s].links.length);
  }
  for (const side of info) {
    for (const s of side) {
      if (!s.links.length) { s.status = 'unique'; continue; }
      s.status = s.links.reduce((b, l) => (rank[l.kind] > rank[b] ? l.kind : b), 'partial');
      // A passage that faces one of its partners in place is not moved, even when another
      // partner of it (many-to-many) sits across the main order: that link's ribbon says so.
      const anchored = s.links.some((l) => l.anchor);
      s.moved = !anchored && s.links.some((l) => l.moved);
    }
  }
  yield;
  for (const row of rows) {
    if (row.index % 1000 === 999) yield;
    row.hasDiff = row.hasUniqueLeft || row.hasUniqueRight ||
      [...row.left.map((s) => info[0][s]), ...row.right.map((s) => info[1][s])]
        .some((s) => s.status !== 'identical' || s.moved);
  }

  // Stops for n/p: each unique passage, and each link that is not an unchanged pair in place,
  // once (at its first passage in reading order).
  yield;
  const stops = [];
  const seen = new Set();
  for (const row of rows) {
    for (const [side, list] of [[0, row.left], [1, row.right]]) {
      for (const s of list) {
        const si = info[side][s];
        if (si.status === 'unique') { stops.push({ side, seg: s, ord: si.ord, unique: true }); continue; }
        let stop = false;
        for (const l of si.links) {
          if (seen.has(l)) continue;
          seen.add(l);
          if (l.kind !== 'identical' || l.moved || l.L.length > 1 || l.R.length > 1) stop = true;
        }
        // One stop per passage, however many of its links start there.
        if (stop) stops.push({ side, seg: s, ord: si.ord, unique: false });
      }
    }
  }
  stops.sort((a, b) => a.ord - b.ord);

  yield;
  const counts = {
    links: links.length,
    identical: links.filter((l) => l.kind === 'identical').length,
    equivalent: links.filter((l) => l.kind === 'equivalent').length,
    partial: links.filter((l) => l.kind === 'partial').length,
    moved: links.filter((l) => l.moved).length,
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
  yield;
  // The links each row takes part in (the ribbons drawn with the rows near the screen).
  const rowLinks = rows.map(() => []);
  for (const l of links) {
    const rs = new Set([...l.L.map((s) => info[0][s].row), ...l.R.map((s) => info[1][s].row)]);
    for (const r of rs) rowLinks[r].push(l);
  }
  return { li, ri, links, rows, segs: info, stops, counts, rowLinks };
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

/** Where a link's other end starts, seen from `side`. */
function partnerKey(l, side) {
  return side === 0 ? l.R[0] : l.L[0];
}

/**
 * The partners of segment `seg` of column `side`, one per link, in the reading order of the
 * other column: [{link, side (the other column), seg (the first segment of that end), segs}].
 */
export function partnersOf(layout, side, seg) {
  const info = layout && layout.segs[side] && layout.segs[side][seg];
  if (!info) return [];
  return info.links.map((link) => {
    const segs = side === 0 ? link.R : link.L;
    return { link, side: 1 - side, seg: segs[0], segs };
  });
}

function range(a, b) {
  const out = [];
  for (let k = a; k < b; k++) out.push(k);
  return out;
}

/**
 * Splits one side's pieces [[tag, text], ...] (whose texts join to the side's segment
 * texts, up to folded typography and the spaces between segments) into per-segment runs.
 * Returns a Map seg -> [[tag, text], ...], or null when a segment's text cannot be found.
 * The words returned are always the segment's own text.
 */
function piecesPerSegment(tokens, segs, segTexts) {
  const whole = fold(tokens.map(([, s]) => s).join(''));
  // Locate each segment's text in the concatenation, in order (quotes and apostrophes
  // folded: a diff may give the other side's typography in its `=` runs).
  const spans = [];
  let from = 0;
  for (const s of segs) {
    const text = segTexts(s);
    if (typeof text !== 'string') return null;
    const at = whole.indexOf(fold(text), from);
    if (at < 0) return null;
    spans.push([s, at, at + text.length, text]);
    from = at + text.length;
  }
  const out = new Map(spans.map(([s]) => [s, []]));
  let pos = 0;
  for (const [tag, str] of tokens) {
    const a = pos, b = pos + str.length;
    pos = b;
    for (const [s, sa, sb, text] of spans) {
      const x = Math.max(a, sa), y = Math.min(b, sb);
      if (x < y) out.get(s).push([tag, text.slice(x - sa, y - sa)]);
    }
  }
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
  return piecesPerSegment(tokens, side === 0 ? link.L : link.R, segTexts);
}

/**
 * Splits one side of a link's `marks` (0 = left column) into per-segment runs
 * [[tag, text], ...] (tag ' ', '=' or '!'). A side's marks join to its segments' texts
 * joined by one space. Returns a Map seg -> runs, or null when the link has no marks or
 * the texts cannot be found in them (then the caller falls back to the word diff).
 */
export function marksPerSegment(link, side, segTexts) {
  if (!link.marks || !Array.isArray(link.marks[side])) return null;
  const tokens = link.marks[side].map(([tag, text]) => [tag === '=' || tag === '!' ? tag : ' ', text]);
  const segs = side === 0 ? link.L : link.R;
  // An empty segment text cannot be located among the marks.
  if (segs.some((s) => !segTexts(s))) return null;
  return piecesPerSegment(tokens, segs, segTexts);
}

/**
 * Merges several runs of one text (from several links) into one: a character is '=' if any
 * run marks it so (some partner states it too), else '!' if any does, else plain. Runs that
 * do not rebuild `text` are skipped.
 */
export function mergeRuns(text, runsList) {
  const level = new Uint8Array(text.length);
  const rank = { ' ': 0, '!': 1, '=': 2 };
  for (const runs of runsList) {
    if (!runs || runs.map(([, s]) => s).join('') !== text) continue;
    let pos = 0;
    for (const [tag, str] of runs) {
      const r = rank[tag] ?? 0;
      for (let k = pos; k < pos + str.length; k++) if (r > level[k]) level[k] = r;
      pos += str.length;
    }
  }
  const tags = [' ', '!', '='];
  const out = [];
  for (let k = 0; k < text.length;) {
    let e = k + 1;
    while (e < text.length && level[e] === level[k]) e++;
    out.push([tags[level[k]], text.slice(k, e)]);
    k = e;
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
