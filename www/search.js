// Finding text in the accounts (the page's own Find: the reading view builds only the rows
// near the screen, so the browser's Find cannot reach the rest). Case- and accent-
// insensitive. Pure: no DOM, unit-tested in e2e/unit/search.test.mjs.

/**
 * `text` folded for matching: lower case, accents and other combining marks removed,
 * typographic apostrophes and quotes as ASCII, non-breaking spaces as spaces. Returns
 * {text, map}: `map[k]` is the index in `text`'s original of folded character `k` (and
 * `map[length]` the original's length), or null when folding kept every index.
 */
export function foldText(text) {
  const quick = fold1(text);
  if (quick.length === text.length) return { text: quick, map: null };
  // Some characters folded to more or fewer units (e.g. a decomposed accent, İ): by character.
  let out = '';
  const map = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    const f = fold1(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    out += f;
    i += ch.length;
  }
  map.push(text.length);
  return { text: out, map };
}

function fold1(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u00b4]/g, "'").replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The query folded as the texts are, spaces collapsed; '' when there is nothing to find. */
export function foldQuery(query) {
  return fold1(String(query || '')).replace(/\s+/g, ' ').trim();
}

/**
 * Every match of `query` in `passages` (an iterable of {side, seg, text}, in reading
 * order), at most `limit`: [{side, seg, start, end}] with offsets into each passage's own
 * text. `folded(passage)` may give a cached `foldText(passage.text)`.
 */
export function findMatches(passages, query, limit = 10000, folded = (p) => foldText(p.text)) {
  const q = foldQuery(query);
  const out = [];
  if (!q) return out;
  for (const p of passages) {
    const f = folded(p);
    const hay = f.text.includes('\n') || /\s\s/.test(f.text) ? f.text.replace(/\s/g, ' ') : f.text;
    let at = hay.indexOf(q);
    while (at >= 0) {
      const start = f.map ? f.map[at] : at;
      const end = f.map ? f.map[at + q.length] : at + q.length;
      out.push({ side: p.side, seg: p.seg, start, end });
      if (out.length >= limit) return out;
      at = hay.indexOf(q, at + Math.max(1, q.length));
    }
  }
  return out;
}

/**
 * An index of `passages` ({side, seg, text}, in reading order) for repeated searches: their
 * folded texts joined by line breaks (a query never holds one, so no match spans two
 * passages). Folding the whole text at once is a few native calls, not thousands.
 */
export function buildIndex(passages) {
  const steps = indexSteps(passages);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** `buildIndex` in slices: awaits `pause()` between pieces of about `chunk` passages. */
export async function buildIndexSliced(passages, pause, chunk = 800) {
  const steps = indexSteps(passages, chunk);
  let r = steps.next();
  while (!r.done) {
    await pause();
    r = steps.next();
  }
  return r.value;
}

function* indexSteps(passages, chunk = 800) {
  const list = [...passages];
  const texts = [];
  const maps = [];
  let anyMap = false;
  for (let from = 0; from < list.length; from += chunk) {
    const part = list.slice(from, from + chunk).map((p) => p.text.replace(/\s/g, ' '));
    const joined = part.join('\n');
    const folded = fold1(joined);
    if (folded.length === joined.length) {
      // One to one: each passage's folded text is its slice of the whole.
      let at = 0;
      for (const t of part) { texts.push(folded.slice(at, at + t.length)); maps.push(null); at += t.length + 1; }
    } else {
      for (const t of part) { const f = foldText(t); texts.push(f.text); maps.push(f.map); anyMap = anyMap || !!f.map; }
    }
    yield;
  }
  const starts = new Int32Array(list.length);
  let at = 0;
  texts.forEach((t, k) => { starts[k] = at; at += t.length + 1; });
  return { list, text: texts.join('\n'), starts, maps: anyMap ? maps : null };
}

/** Matches of `query` in an index (buildIndex), at most `limit`: as findMatches. */
export function searchIndex(index, query, limit = 10000) {
  const q = foldQuery(query);
  const out = [];
  if (!q || !index.list.length) return out;
  let at = index.text.indexOf(q);
  let k = 0;
  while (at >= 0 && out.length < limit) {
    while (k + 1 < index.starts.length && index.starts[k + 1] <= at) k++;
    const p = index.list[k];
    const local = at - index.starts[k];
    const map = index.maps && index.maps[k];
    out.push({ side: p.side, seg: p.seg, start: map ? map[local] : local, end: map ? map[local + q.length] : local + q.length });
    at = index.text.indexOf(q, at + Math.max(1, q.length));
  }
  return out;
}

/** Whether `text` contains `query` (both folded); an empty query is in every text. */
export function contains(text, query) {
  const q = foldQuery(query);
  return !q || foldText(text).text.replace(/\s/g, ' ').includes(q);
}

/** The match to go to: `index` moved by `step`, wrapping around `count` matches. */
export function stepIndex(index, step, count) {
  if (!count) return 0;
  return (((index + step) % count) + count) % count;
}
