// The one way state changes: `update(change)`. Every change of the page's state goes through
// it; it then saves the state (storage.js), asks for a new comparison only when the compared
// inputs changed (the compare key), and tells the views that depend on what changed.
//
// Views are functions of (state, shown): `shown` is the comparison on screen
// ({report, li, ri, names} or null). A view says what it depends on with a selector that
// returns an array; it runs when one element of that array changes (===), so state is
// replaced, never mutated in place: `update` does that for you (see `apply`).
//
// Plugging in a new view or preference (e.g. `prefs.view`):
//   store.watch((s, shown) => [s.prefs.view, shown], (s, shown) => drawMatrix(s, shown));
//   button.onclick = () => store.update({ prefs: { view: 'matrix' } });
// and, for it to be remembered, one line in PREFS (state.js).

/**
 * @param {object} state       the initial state (state.js `createState`)
 * @param {object} hooks
 *   save(state, delay)          persists (called after every change that touches stored fields)
 *   compareKey(state) -> string what the comparison depends on ('' when there is nothing to compare)
 *   compare(state, delay)       starts a comparison (it later calls `store.show(result)`)
 *   normalise(state)            keeps the state consistent after a change (e.g. fixPair)
 */
export function createStore(state, hooks) {
  const watchers = [];
  let shown = null;
  let lastKey = null;
  let flushing = false;
  let queued = false;

  /**
   * Applies `change` and lets everything follow. `change` is a partial state
   * ({left: id}, {prefs: {filter: 'diff'}}: objects one level deep are merged) or a function
   * (state) -> partial. Options: `saveDelay`, `compareDelay` (ms, for sliders), `save: false`.
   */
  function update(change, opts = {}) {
    const patch = typeof change === 'function' ? change(state) : change;
    if (patch) apply(state, patch);
    if (hooks.normalise) hooks.normalise(state);
    if (opts.save !== false && hooks.save) hooks.save(state, opts.saveDelay || 0);
    const key = hooks.compareKey ? hooks.compareKey(state) : '';
    if (key !== lastKey || opts.recompare) {
      lastKey = key;
      if (hooks.compare) hooks.compare(state, opts.compareDelay || 0);
    }
    flush();
  }

  /** The comparison to show (or null), from the comparing side. */
  function show(result) {
    shown = result;
    flush();
  }

  /** Runs `fn(state, shown)` now and whenever an element of `select(state, shown)` changes. */
  function watch(select, fn) {
    const w = { select, fn, last: null };
    watchers.push(w);
    run(w);
    return () => { const k = watchers.indexOf(w); if (k >= 0) watchers.splice(k, 1); };
  }

  function run(w) {
    const now = w.select(state, shown);
    if (w.last && now.length === w.last.length && now.every((v, k) => v === w.last[k])) return;
    w.last = now;
    w.fn(state, shown);
  }

  function flush() {
    // A view that updates the store while being drawn: one more pass, not a nested one.
    if (flushing) { queued = true; return; }
    flushing = true;
    try {
      do {
        queued = false;
        for (const w of watchers.slice()) run(w);
      } while (queued);
    } finally {
      flushing = false;
    }
  }

  return {
    update,
    show,
    watch,
    get state() { return state; },
    get shown() { return shown; },
  };
}

/** Merges `patch` into `state`: top-level values replaced, plain objects merged into a new object. */
export function apply(state, patch) {
  for (const [k, v] of Object.entries(patch)) {
    const old = state[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' && !Array.isArray(old)) {
      state[k] = { ...old, ...v };
    } else {
      state[k] = v;
    }
  }
}
