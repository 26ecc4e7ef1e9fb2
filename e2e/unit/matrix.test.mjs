// Unit tests of www/matrix.js (the "who reports what" rows): `node --test e2e/unit/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixRows, filterRows, sortRows, filterCounts, valuePieces, valuesBySegment } from '../../www/matrix.js';

const seg = (text) => ({ text });
// Three accounts: group 0 told by all (account 2 gives another figure), group 1 by A and B,
// and one passage each that nobody else reports.
function report() {
  return {
    documents: [
      { name: 'a.txt', segments: [seg('Five people were hurt on Friday.'), seg('The mayor spoke.'), seg('Only A says this.')] },
      { name: 'b.txt', segments: [seg('The mayor gave a speech.'), seg('5 people were injured.')] },
      { name: 'c.txt', segments: [seg('Four wounded, police said.'), seg('—'), seg('Only C says that.')] },
    ],
    groups: [
      { id: 0, accounts: 3, representative: { doc: 1, segment: 1 },
        members: [{ doc: 0, segments: [0], telling: 'same' }, { doc: 1, segments: [1], telling: 'same' }, { doc: 2, segments: [0], telling: 'differently' }] },
      { id: 1, accounts: 2, representative: { doc: 0, segment: 1 },
        members: [{ doc: 0, segments: [1], telling: 'part' }, { doc: 1, segments: [0], telling: 'part' }] },
    ],
    facts: [
      { group: 0, kind: 'number', slot: 'hurt', value: '5', status: 'agreed', conflict: 0,
        statements: [{ doc: 0, segment: 0, start: 0, end: 4, at: [0, 4], value: '5' }, { doc: 1, segment: 1, start: 25, end: 26, at: [0, 1], value: '5' }] },
    ],
    conflicts: [
      { id: 0, group: 0, kind: 'number', slot: 'hurt',
        statements: [{ doc: 0, segment: 0, start: 0, end: 4, at: [0, 4], value: '5' }, { doc: 2, segment: 0, start: 0, end: 4, at: [0, 4], value: '4' }] },
    ],
  };
}

test('rows: one per group, plus one per passage no other account reports (punctuation-only skipped)', () => {
  const rows = matrixRows(report());
  assert.deepEqual(rows.map((r) => r.key), ['g0', 'g1', 'd0s2', 'd2s2']);
  assert.deepEqual(rows[0].cells.map((c) => c && c.telling), ['same', 'same', 'differently']);
  assert.deepEqual(rows[1].cells.map((c) => c && c.telling), ['part', 'part', null]);
  assert.equal(rows[0].label.text, '5 people were injured.');
  assert.deepEqual(rows[0].conflicts, [0]);
  assert.equal(rows[2].cells[0].telling, 'only');
});

test('filters: by all, by one only, conflicts; counts match', () => {
  const rows = matrixRows(report());
  assert.deepEqual(filterRows(rows, 'everyone', 3).map((r) => r.key), ['g0']);
  assert.deepEqual(filterRows(rows, 'one', 3).map((r) => r.key), ['d0s2', 'd2s2']);
  assert.deepEqual(filterRows(rows, 'conflicts', 3).map((r) => r.key), ['g0']);
  assert.deepEqual(filterCounts(rows, 3), { all: 4, everyone: 1, one: 2, conflicts: 1 });
});

test('sorting: most or fewest accounts, or one account reading order', () => {
  const rows = matrixRows(report());
  assert.deepEqual(sortRows(rows, 'most').map((r) => r.accounts), [3, 2, 1, 1]);
  assert.deepEqual(sortRows(rows, 'fewest').map((r) => r.accounts), [1, 1, 2, 3]);
  // Account B reads "mayor" (its segment 0) before the figure (its segment 1).
  assert.deepEqual(sortRows(rows, 'doc:1').map((r) => r.key), ['g1', 'g0', 'd0s2', 'd2s2']);
});

test('values: a conflicting value carries its conflict id; text pieces rebuild the passage', () => {
  const values = valuesBySegment(report());
  const a0 = values.get('0:0');
  assert.equal(a0.length, 1, 'the agreed fact that is also in conflict is listed once');
  assert.deepEqual(a0[0].fact, { kind: 'number', status: 'conflict', conflict: 0 });
  const text = 'Five people were hurt on Friday.';
  const pieces = valuePieces(text, a0);
  assert.equal(pieces.map((p) => p.text).join(''), text);
  assert.equal(pieces[0].text, 'Five');
  assert.equal(pieces[0].fact.conflict, 0);
  // Out-of-range offsets are ignored, never thrown on.
  assert.equal(valuePieces('abc', [{ at: [2, 9], fact: {} }]).map((p) => p.text).join(''), 'abc');
});

test('a report without groups (two accounts, older core) still gives rows', () => {
  const r = report();
  delete r.groups; delete r.facts; delete r.conflicts;
  assert.equal(matrixRows(r).length, 7, "every passage with a letter or digit is a one-account row");
});
