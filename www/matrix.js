// "Who reports what": the report's groups as rows, the accounts as columns. Pure: it reads
// the report (schema recoupe/1 with `groups`, `facts`, `conflicts`) and returns plain
// data; www/matrix-view.js draws it. The core decides what corresponds and what
// conflicts; this module only arranges it for a table and never decides anything itself.

/** How an account tells a row, from the core's `telling` (absent: it does not report it). */
export const TELLINGS = ['same', 'part', 'differently'];

/**
 * The rows of the matrix. One row per group of the report, plus one row per passage that
 * no other account reports (the core puts only segments with a partner in groups; the
 * others are, by definition, reported by one account). Each row:
 * `{key, group, accounts, cells: [{doc, telling, segments} | null per document], label:
 * {doc, segment, text}, conflicts: [conflict ids], first: [doc, segment]}`.
 */
export function matrixRows(report) {
  const docs = report.documents || [];
  const conflictsOf = new Map();
  for (const c of report.conflicts || []) {
    if (!conflictsOf.has(c.group)) conflictsOf.set(c.group, []);
    conflictsOf.get(c.group).push(c.id);
  }
  const grouped = docs.map(() => new Set());
  const rows = [];
  for (const g of report.groups || []) {
    const cells = docs.map(() => null);
    for (const m of g.members) {
      cells[m.doc] = { doc: m.doc, telling: m.telling, segments: m.segments.slice() };
      for (const s of m.segments) grouped[m.doc]?.add(s);
    }
    const rep = g.representative;
    rows.push({
      key: `g${g.id}`,
      group: g.id,
      accounts: g.members.length,
      cells,
      label: { doc: rep.doc, segment: rep.segment, text: segmentText(docs, rep.doc, rep.segment) },
      conflicts: conflictsOf.get(g.id) || [],
      first: firstPlace(g.members),
    });
  }
  docs.forEach((d, doc) => {
    (d.segments || []).forEach((seg, s) => {
      if (grouped[doc].has(s) || !/\p{L}|\p{N}/u.test(seg.text)) return;
      const cells = docs.map(() => null);
      cells[doc] = { doc, telling: 'only', segments: [s] };
      rows.push({
        key: `d${doc}s${s}`,
        group: null,
        accounts: 1,
        cells,
        label: { doc, segment: s, text: seg.text },
        conflicts: [],
        first: [doc, s],
      });
    });
  });
  return rows;
}

function segmentText(docs, doc, seg) {
  return docs[doc]?.segments?.[seg]?.text ?? '';
}

function firstPlace(members) {
  let best = null;
  for (const m of members) {
    const p = [m.doc, Math.min(...m.segments)];
    if (!best || p[0] < best[0] || (p[0] === best[0] && p[1] < best[1])) best = p;
  }
  return best || [0, 0];
}

/** The filters of the matrix, in the order the page offers them. */
export const FILTERS = ['all', 'everyone', 'one', 'conflicts'];

/** Rows shown under `filter`: every row, those all accounts report, one only, or in conflict. */
export function filterRows(rows, filter, accountCount) {
  switch (filter) {
    case 'everyone': return rows.filter((r) => r.accounts === accountCount);
    case 'one': return rows.filter((r) => r.accounts === 1);
    case 'conflicts': return rows.filter((r) => r.conflicts.length > 0);
    default: return rows.slice();
  }
}

/**
 * Rows sorted by `sort`: 'most' (most accounts first), 'fewest', or 'doc:K' (the reading
 * order of account K; rows it does not report go last, in their own reading order). Ties
 * keep conflicts first, then reading order of the first account that reports the row.
 */
export function sortRows(rows, sort) {
  const byPlace = (a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1];
  const conflictsFirst = (a, b) => (b.conflicts.length > 0) - (a.conflicts.length > 0);
  const out = rows.slice();
  if (sort === 'fewest') {
    out.sort((a, b) => a.accounts - b.accounts || conflictsFirst(a, b) || byPlace(a, b));
  } else if (typeof sort === 'string' && sort.startsWith('doc:')) {
    const k = Number(sort.slice(4));
    const at = (r) => (r.cells[k] ? Math.min(...r.cells[k].segments) : Infinity);
    out.sort((a, b) => at(a) - at(b) || byPlace(a, b));
  } else {
    out.sort((a, b) => b.accounts - a.accounts || conflictsFirst(a, b) || byPlace(a, b));
  }
  return out;
}

/** How many rows each filter would show: the counts on the filter buttons. */
export function filterCounts(rows, accountCount) {
  return Object.fromEntries(FILTERS.map((f) => [f, filterRows(rows, f, accountCount).length]));
}

/**
 * A passage's text cut into pieces around the values the core found in it:
 * `[{text, fact: null | {kind, status, conflict}}]`. `values` are the report's statements
 * of that segment (`at` = UTF-16 offsets into the segment's text, as JavaScript indexes),
 * each with the fact or conflict it belongs to. Overlapping values keep the first.
 */
export function valuePieces(text, values) {
  const sorted = values
    .filter((v) => Array.isArray(v.at) && v.at[0] >= 0 && v.at[1] <= text.length && v.at[0] < v.at[1])
    .sort((a, b) => a.at[0] - b.at[0] || b.at[1] - a.at[1]);
  const pieces = [];
  let pos = 0;
  for (const v of sorted) {
    if (v.at[0] < pos) continue;
    if (v.at[0] > pos) pieces.push({ text: text.slice(pos, v.at[0]), fact: null });
    pieces.push({ text: text.slice(v.at[0], v.at[1]), fact: v.fact });
    pos = v.at[1];
  }
  if (pos < text.length || pieces.length === 0) pieces.push({ text: text.slice(pos), fact: null });
  return pieces;
}

/**
 * Every value the core found, by segment: `Map("doc:seg" -> [{at, fact: {kind, status,
 * conflict}}])`. A value in conflict carries its conflict's id (the page's `data-conflict`).
 */
export function valuesBySegment(report) {
  const out = new Map();
  const add = (st, fact) => {
    const key = `${st.doc}:${st.segment}`;
    if (!out.has(key)) out.set(key, []);
    out.get(key).push({ at: st.at, fact });
  };
  const inConflict = new Set();
  for (const c of report.conflicts || []) {
    for (const st of c.statements) {
      inConflict.add(`${st.doc}:${st.start}:${st.end}`);
      add(st, { kind: c.kind, status: 'conflict', conflict: c.id });
    }
  }
  for (const f of report.facts || []) {
    for (const st of f.statements) {
      if (inConflict.has(`${st.doc}:${st.start}:${st.end}`)) continue;
      add(st, { kind: f.kind, status: f.status, conflict: null });
    }
  }
  return out;
}
