// Unit tests of www/layout.js (pure: no page, no browser is started) on many-to-many
// reports (issue 9): a segment in several links of the same pair. They run with the
// browser tests (`cargo xtask test`, or `npx playwright test layout` in e2e/).

import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

// www/ holds browser modules without a package.json: Node (and Playwright's loader) would
// read layout.js as CommonJS, so it is imported as the ES module it is, from its source.
// It imports nothing, which makes this possible.
const source = readFileSync(new URL('../www/layout.js', import.meta.url), 'utf8');
const { buildLayout, orderedChain, pairLinks, partnersOf, marksPerSegment, mergeRuns } =
  await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

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
    [[0], [0]], [[1], [1], { score: 0.59 }], [[1], [3], { score: 0.62 }], [[1], [7], { score: 0.67, moved: true, move: 0 }],
    [[2], [5]], [[3], [6]],
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
  expect(second.crossing).toBe(false);
  expect(third.crossing).toBe(true);
  // The summary faces one partner in place: it is not shown as moved; R7 sits away from it.
  expect(sum.moved || sum.crossing).toBe(false);
  expect(lay.segs[1][7].crossing).toBe(true);
  expect(lay.segs[1][3].crossing).toBe(false);
  expect(lay.counts.links).toBe(6);
  // One stop per passage for n/p, however many links start there.
  const keys = lay.stops.map((s) => `${s.side}:${s.seg}`);
  expect(new Set(keys).size).toBe(keys.length);
});

test('the strongest in-order partner of a segment is its anchor', () => {
  const r = report(3, 4, [
    [[0], [0]], [[1], [1], { score: 0.3 }], [[1], [2], { score: 0.9 }], [[2], [3]],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  const pair = lay.rows.find((row) => row.type === 'pair' && row.left.includes(1));
  expect(pair.link.R).toEqual([2]);
  // R1 sits just before, in a gap row: a secondary partner, not a move.
  expect(lay.segs[1][1].crossing).toBe(false);
  expect(lay.segs[1][1].row).toBeLessThan(lay.segs[1][2].row);
});

test('merges too: a right segment with partners on both sides of an anchor, and split links', () => {
  // R2 answers L0, L2 and L5; L3 <-> {R3, R4} is one split link; L4 also links to R4.
  const r = report(6, 6, [
    [[0], [2]], [[1], [1]], [[2], [2]], [[3], [3, 4]], [[4], [4]], [[5], [2], { moved: true }], [[5], [5]],
  ]);
  const lay = buildLayout(r, 0, 1);
  expectPartition(lay);
  expectChain(lay);
  expect(partnersOf(lay, 1, 2).map((p) => p.seg)).toEqual([0, 2, 5]);
  expect(partnersOf(lay, 1, 4).map((p) => p.seg)).toEqual([3, 4]);
  expect(partnersOf(lay, 1, 3)).toEqual([expect.objectContaining({ side: 0, seg: 3, segs: [3] })]);
  // Every link is somewhere: anchors in pair rows, the others between passages of gap rows.
  for (const l of lay.links) {
    for (const s of l.L) expect(lay.segs[0][s].links).toContain(l);
    for (const s of l.R) expect(lay.segs[1][s].links).toContain(l);
  }
});

test('orderedChain never takes two links of one segment, nor moved links', () => {
  const mk = (id, L, R, extra) => ({ id, L, R, score: 0.5, moved: false, ...extra });
  const links = [mk(0, [0], [0]), mk(1, [1], [1]), mk(2, [1], [2]), mk(3, [2], [2]), mk(4, [3], [0], { moved: true }), mk(5, [4], [3, 4]), mk(6, [5], [4])];
  const chain = orderedChain(links);
  const used = [new Set(), new Set()];
  for (const l of chain) {
    expect(l.moved).toBe(false);
    for (const s of l.L) { expect(used[0].has(s)).toBe(false); used[0].add(s); }
    for (const s of l.R) { expect(used[1].has(s)).toBe(false); used[1].add(s); }
  }
  expect(chain.map((l) => l.id)).toEqual([0, 1, 3, 5]);
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
