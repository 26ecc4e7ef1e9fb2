// Unit tests of www/layout.js (pure: no page, no browser), run with `node --test e2e/unit/`:
// many-to-many reports (issue 9), a segment in several links of the same pair; anchors and
// moves as the report gives them; marks per segment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLayout, pairLinks, partnersOf, marksPerSegment, mergeRuns } from '../../www/layout.js';

/** A small `expect` over node:assert, so the tests read as they did under Playwright. */
function expect(actual) {
  return {
    toBe: (v) => assert.strictEqual(actual, v),
    toEqual: (v) => assert.deepStrictEqual(actual, v),
    toBeNull: () => assert.strictEqual(actual, null),
    toHaveLength: (n) => assert.strictEqual(actual.length, n),
    toBeLessThan: (v) => assert.ok(actual < v, `${actual} < ${v}`),
    toContain: (v) => assert.ok(actual.includes(v)),
  };
}
const A = { anchor: true };

/** A report of two documents with `nL` and `nR` segments ("L0", "R3", ...) and `links`. */
function report(nL, nR, links) {
  const doc = (name, n, p) => ({
    name, lang: 'fr',
    segments: Array.from({ length: n }, (_, k) => ({ start: 0, end: 0, text: `${p}${k} texte`, kind: 'sentence', para: k })),
  });
  return {
    schema: 'recoupe/1',
    documents: [doc('a.txt', nL, 'L'), doc('b.txt', nR, 'R')],
    links: links.map(([L, R, extra]) => ({
      left: { doc: 0, segments: L }, right: { doc: 1, segments: R },
      score: 0.8, kind: 'partial', moved: false, move: null, diff: [], flags: [], why: [], ...extra,
    })),
    moves: [], stats: [], warnings: [],
  };
}

/** Every segment of both columns is in exactly one row, in order. */
function expectPartition(layout) {
  for (const [side, key] of [[0, 'left'], [1, 'right']]) {
    const seen = layout.rows.flatMap((r) => r[key]);
    expect(seen).toEqual(layout.segs[side].map((s) => s.seg));
  }
}

/** The anchors (pair rows) increase strictly on both sides and share no segment. */
function expectChain(layout) {
  const anchors = layout.rows.filter((r) => r.type === 'pair').map((r) => r.link);
  for (let k = 1; k < anchors.length; k++) {
    const p = anchors[k - 1], l = anchors[k];
    expect(p.L[p.L.length - 1]).toBeLessThan(l.L[0]);
    expect(p.R[p.R.length - 1]).toBeLessThan(l.R[0]);
  }
  for (const l of layout.links) expect(l.anchor).toBe(anchors.includes(l));
}

test('a summary sentence with three partners spread across the other account', () => {
  // L1 sums up R1, R3 and R7; R7 comes after the chain link L3-R6 (it crosses: moved).
  const r = report(4, 8, [
    [[0], [0], A], [[1], [1], { score: 0.59 }], [[1], [3], { score: 0.62, anchor: true }], [[1], [7], { score: 0.67, moved: true, move: 0 }],
    [[2], [5], A], [[3], [6], A],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  const sum = lay.segs[0][1];
  expect(sum.links.map((l) => l.R[0])).toEqual([1, 3, 7]); // in the other column's order
  expect(sum.links.filter((l) => l.anchor)).toHaveLength(1); // one row, one anchor
  expect(partnersOf(lay, 0, 1).map((p) => [p.side, p.seg])).toEqual([[1, 1], [1, 3], [1, 7]]);
  // Each partner lists the summary back.
  for (const s of [1, 3, 7]) expect(partnersOf(lay, 1, s).map((p) => [p.side, p.seg])).toEqual([[0, 1]]);
  // The in-order second partner is not a move; the one across the chain is.
  const [, second, third] = sum.links;
  expect(second.moved).toBe(false);
  expect(third.moved).toBe(true);
  // The summary faces one partner in place: it is not shown as moved; R7 sits away from it.
  expect(sum.moved).toBe(false);
  expect(lay.segs[1][7].moved).toBe(true);
  expect(lay.segs[1][3].moved).toBe(false);
  expect(lay.counts.links).toBe(6);
  // One stop per passage for n/p, however many links start there.
  const keys = lay.stops.map((s) => `${s.side}:${s.seg}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test('the strongest in-order partner of a segment is its anchor', () => {
  const r = report(3, 4, [
    [[0], [0], A], [[1], [1], { score: 0.3 }], [[1], [2], { score: 0.9, anchor: true }], [[2], [3], A],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  const pair = lay.rows.find((row) => row.type === 'pair' && row.left.includes(1));
  expect(pair.link.R).toEqual([2]);
  // R1 sits just before, in a gap row: a secondary partner, not a move.
  expect(lay.segs[1][1].moved).toBe(false);
  expect(lay.segs[1][1].row).toBeLessThan(lay.segs[1][2].row);
});

test('merges too: a right segment with partners on both sides of an anchor, and split links', () => {
  // R2 answers L0, L2 and L5; L3 <-> {R3, R4} is one split link; L4 also links to R4.
  const r = report(6, 6, [
    [[0], [2], { moved: true }], [[1], [1], A], [[2], [2], A], [[3], [3, 4], A], [[4], [4]], [[5], [2], { moved: true }], [[5], [5], A],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  expect(partnersOf(lay, 1, 2).map((p) => p.seg)).toEqual([0, 2, 5]);
  expect(partnersOf(lay, 1, 4).map((p) => p.seg)).toEqual([3, 4]);
  expect(partnersOf(lay, 1, 3).map(({ side, seg, segs }) => ({ side, seg, segs }))).toEqual([{ side: 0, seg: 3, segs: [3] }]);
  // Every link is somewhere: anchors in pair rows, the others between passages of gap rows.
  for (const l of lay.links) {
    for (const s of l.L) expect(lay.segs[0][s].links).toContain(l);
    for (const s of l.R) expect(lay.segs[1][s].links).toContain(l);
  }
});

test('anchors and moves are the report\'s: the page lays them out and decides nothing', () => {
  // L2-R0 crosses the main order, and the report says so; L1-R2 is a second partner in order.
  const r = report(4, 4, [
    [[0], [1], { anchor: true }], [[1], [2], { anchor: true }], [[1], [3]], [[2], [0], { moved: true, move: 0 }], [[3], [3], { anchor: true }],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  expect(lay.rows.filter((row) => row.type === 'pair').map((row) => row.link.id)).toEqual([0, 1, 4]);
  expect(lay.counts.moved).toBe(1);
  expect(lay.segs[0][2].moved).toBe(true);
  expect(lay.segs[1][3].moved).toBe(false); // faces L3 in place
  // Flipped columns: the same anchors.
  const flip = buildLayout(r, 1, 0);
  expectPartition(flip);
  expect(flip.rows.filter((row) => row.type === 'pair').map((row) => row.link.id)).toEqual([0, 1, 4]);
  // No anchor in the report: no pair row, nothing is guessed.
  const none = buildLayout(report(2, 2, [[[0], [0]], [[1], [1]]]), 0, 1);
  expectPartition(none);
  expect(none.rows.filter((row) => row.type === 'pair')).toHaveLength(0);
  // A malformed report's overlapping or crossing anchors are dropped, never drawn twice.
  const bad = buildLayout(report(3, 3, [
    [[0], [0], { anchor: true }], [[0], [1], { anchor: true }], [[2], [0], { anchor: true }], [[2], [2], { anchor: true }],
  ]), 0, 1);
  expectPartition(bad);
  expectChain(bad);
  expect(bad.rows.filter((row) => row.type === 'pair').map((row) => row.link.id)).toEqual([0, 3]);
});

test('marks: oriented with the columns, split per segment, merged over partners', () => {
  const marks = {
    left: [[' ', 'Le '], ['=', 'pont'], [' ', ' coûtera '], ['!', '12'], [' ', ' millions.']],
    right: [[' ', 'Un '], ['=', 'pont'], [' ', ' neuf. Il ouvrira en '], ['!', '2028'], [' ', '.']],
  };
  const r = {
    documents: [
      { segments: [{ text: 'Le pont coûtera 12 millions.' }] },
      { segments: [{ text: 'Un pont neuf.' }, { text: 'Il ouvrira en 2028.' }] },
    ],
    links: [{ left: { doc: 0, segments: [0] }, right: { doc: 1, segments: [0, 1] }, score: 0.6, kind: 'partial', diff: [], marks }],
  };
  const straight = pairLinks(r, 0, 1)[0];
  expect(straight.marks[0]).toBe(marks.left);
  const flipped = pairLinks(r, 1, 0)[0];
  expect(flipped.marks[0]).toBe(marks.right);
  expect(flipped.L).toEqual([0, 1]);
  const text = (doc) => (s) => r.documents[doc].segments[s].text;
  const per = marksPerSegment(straight, 1, text(1));
  expect(per.get(0)).toEqual([[' ', 'Un '], ['=', 'pont'], [' ', ' neuf.']]);
  expect(per.get(1)).toEqual([[' ', 'Il ouvrira en '], ['!', '2028'], [' ', '.']]);
  expect(marksPerSegment(straight, 0, text(0)).get(0).map(([, s]) => s).join('')).toBe(text(0)(0));
  // No marks, or marks that are not the segments' text: null (the caller falls back).
  expect(pairLinks({ ...r, links: [{ ...r.links[0], marks: { left: 'x' } }] }, 0, 1)[0].marks).toBeNull();
  expect(marksPerSegment({ ...straight, marks: [[[' ', 'autre chose']], marks.right] }, 0, text(0))).toBeNull();
  // Merged over two partners: shared with one of them beats "differs" from the other.
  const t = 'douze bus';
  expect(mergeRuns(t, [[['!', 'douze'], [' ', ' bus']], [['=', 'douze'], [' ', ' '], ['=', 'bus']]]))
    .toEqual([['=', 'douze'], [' ', ' '], ['=', 'bus']]);
  expect(mergeRuns(t, [[['!', 'douze'], [' ', ' bus']], null])).toEqual([['!', 'douze'], [' ', ' bus']]);
});
