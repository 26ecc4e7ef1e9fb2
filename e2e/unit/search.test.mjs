// Unit tests of the page's Find (www/search.js): folding, matches and their offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, foldQuery, findMatches, contains, stepIndex, buildIndex, searchIndex } from '../../www/search.js';

test('folding: case, accents, apostrophes; indices kept', () => {
  assert.deepEqual(foldText('Élysée’s CAFÉ'), { text: "elysee's cafe", map: null });
  // A decomposed accent (e + U+0301) folds to one unit: the map points into the original.
  const f = foldText('Cafe\u0301 au lait');
  assert.equal(f.text, 'cafe au lait');
  assert.equal(f.map[5], 6);
  assert.equal(foldQuery('  Montréal   Conseil '), 'montreal conseil');
});

test('matches in reading order, case- and accent-insensitive, with offsets into the text', () => {
  const passages = [
    { side: 0, seg: 0, text: 'Le Conseil de Montréal.' },
    { side: 1, seg: 0, text: 'À MONTREAL, le conseil; montréal encore.' },
  ];
  const m = findMatches(passages, 'montreal');
  assert.equal(m.length, 3);
  assert.deepEqual(m[0], { side: 0, seg: 0, start: 14, end: 22 });
  assert.equal(passages[1].text.slice(m[1].start, m[1].end), 'MONTREAL');
  assert.equal(passages[1].text.slice(m[2].start, m[2].end), 'montréal');
  const d = findMatches([{ side: 0, seg: 3, text: 'Cafe\u0301 noir' }], 'café');
  assert.deepEqual(d, [{ side: 0, seg: 3, start: 0, end: 5 }]);
  assert.equal(findMatches(passages, '   ').length, 0);
  assert.equal(findMatches(passages, 'le', 1).length, 1);
  assert.ok(contains('Le Conseil', 'conseil'));
  assert.ok(!contains('Le Conseil', 'maire'));
});

test('stepping through matches wraps around', () => {
  assert.equal(stepIndex(0, -1, 5), 4);
  assert.equal(stepIndex(4, 1, 5), 0);
  assert.equal(stepIndex(2, 1, 0), 0);
});

test('an index of many passages gives the same matches as a search of each', () => {
  const passages = [
    { side: 0, seg: 0, text: 'Le Conseil de Montréal.' },
    { side: 1, seg: 0, text: 'À MONTREAL, le\nconseil; montréal encore.' },
    { side: 1, seg: 1, text: 'Cafe\u0301 de Montréal' },
  ];
  const idx = buildIndex(passages);
  assert.deepEqual(searchIndex(idx, 'montréal'), findMatches(passages, 'montréal'));
  assert.deepEqual(searchIndex(idx, 'le conseil'), findMatches(passages, 'le conseil'));
  assert.equal(searchIndex(idx, 'le conseil').length, 2);
  assert.deepEqual(searchIndex(buildIndex(passages.slice(0, 2)), 'montreal'), findMatches(passages.slice(0, 2), 'montreal'));
  assert.equal(searchIndex(idx, 'montréal.\nà').length, 0);
});
