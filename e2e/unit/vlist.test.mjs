// Unit tests of the virtual list's arithmetic (www/vlist.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetsOf, rowAt, windowOf, estimateHeights, blendHeights } from '../../www/vlist.js';

test('offsets: running sums, hidden rows take no height', () => {
  assert.deepEqual([...offsetsOf([10, 20, 30])], [0, 10, 30, 60]);
  assert.deepEqual([...offsetsOf([10, 20, 30], [1, 0, 1])], [0, 10, 10, 40]);
});

test('the row at a height, and the window around the screen', () => {
  const off = offsetsOf(new Array(1000).fill(50));
  assert.equal(rowAt(off, 0), 0);
  assert.equal(rowAt(off, 49), 0);
  assert.equal(rowAt(off, 50), 1);
  assert.equal(rowAt(off, 1e9), 999);
  // 500 px of screen at 10 000 px, 100 px above and below: rows 198..212.
  assert.deepEqual(windowOf(off, 10000, 500, 100), [198, 213]);
  assert.deepEqual(windowOf(off, 0, 500, 100), [0, 13]);
  assert.deepEqual(windowOf(off, 49900, 500, 100), [996, 1000]);
  // Never more than `max` rows, around the screen's first row.
  const [a, b] = windowOf(off, 10000, 500, 5000, 20);
  assert.equal(b - a, 20);
  assert.ok(a <= 200 && b > 200);
  assert.deepEqual(windowOf(offsetsOf([]), 0, 500, 100), [0, 0]);
});

test('estimates from text lengths, corrected by the rows measured', () => {
  const est = estimateHeights(3, (r) => [[r * 70 + 1], [10]], { charsPerLine: 70, lineHeight: 20, perPassage: 10, perRow: 0 });
  assert.deepEqual([...est], [30, 50, 70]);
  const h = blendHeights(est, Float64Array.from([60, 0, 0]));
  assert.deepEqual([...h], [60, 100, 140]);
});
