// Unit tests of www/store.js: every change goes through `update`, which saves, compares
// only when the compare key changed, and runs the views whose inputs changed.
// `node --test e2e/unit/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, apply } from '../../www/store.js';

function setup() {
  const log = { saves: 0, compares: [], drawn: [] };
  const state = { docs: ['a', 'b'], left: 'a', right: 'b', config: { threshold: 0.2 }, prefs: { filter: 'all', theme: 'auto' } };
  const store = createStore(state, {
    save: () => { log.saves += 1; },
    compareKey: (s) => `${s.left}|${s.right}|${s.config.threshold}`,
    compare: (s, delay) => log.compares.push([s.left, s.right, delay]),
  });
  return { store, log };
}

test('a change saves, compares only when the compare key changes, and redraws only its views', () => {
  const { store, log } = setup();
  store.watch((s) => [s.prefs.filter], (s) => log.drawn.push(`filter:${s.prefs.filter}`));
  store.watch((s, shown) => [shown], (s, shown) => log.drawn.push(`view:${shown}`));
  assert.deepEqual(log.drawn, ['filter:all', 'view:null']);

  store.update({ prefs: { filter: 'diff' } });
  assert.equal(log.saves, 1);
  assert.equal(log.compares.length, 1); // the first update always compares (no key yet)
  assert.deepEqual(log.drawn.slice(2), ['filter:diff']);
  assert.equal(store.state.prefs.theme, 'auto'); // merged, not replaced

  store.update({ prefs: { theme: 'dark' } });
  assert.equal(log.compares.length, 1); // same compare key
  assert.equal(log.drawn.length, 3); // no view depends on the theme

  store.update((s) => ({ left: s.right, right: s.left }));
  assert.deepEqual(log.compares[1], ['b', 'a', 0]);
  store.update({ config: { threshold: 0.3 } }, { compareDelay: 250, save: false });
  assert.deepEqual(log.compares[2], ['b', 'a', 250]);
  assert.equal(log.saves, 3);

  store.show('report');
  assert.deepEqual(log.drawn.slice(-1), ['view:report']);
});

test('a new preference plugs in with a watch and an update', () => {
  const { store } = setup();
  const seen = [];
  store.watch((s, shown) => [s.prefs.view, shown], (s) => seen.push(s.prefs.view ?? 'reading'));
  store.update({ prefs: { view: 'matrix' } });
  assert.deepEqual(seen, ['reading', 'matrix']);
});

test('a view that changes the state while drawn gets one more pass, not a nested one', () => {
  const { store } = setup();
  const order = [];
  store.watch((s) => [s.prefs.filter], (s) => {
    order.push(s.prefs.filter);
    if (s.prefs.filter === 'left') store.update({ prefs: { filter: 'right' } });
  });
  store.update({ prefs: { filter: 'left' } });
  assert.deepEqual(order, ['all', 'left', 'right']);
});

test('apply merges objects one level deep and replaces the rest', () => {
  const s = { a: { x: 1, y: 2 }, list: [1], n: 1 };
  const before = s.a;
  apply(s, { a: { y: 3 }, list: [2], n: 2 });
  assert.deepEqual(s, { a: { x: 1, y: 3 }, list: [2], n: 2 });
  assert.notEqual(s.a, before); // a new object: selectors see the change
});
