// Entry point: wires the state, the worker client, storage and the views together.
// Data flows one way: user action -> store.update(change) -> save, compare when the
// compared inputs changed -> views, each a function of (state, shown comparison).

import { createComparer, callCore } from './comparer.js';
import { readDocumentFile, readPaste, checkFilesTotal } from './files.js';
import { t, setLang, getLang, detectLang, applyI18n, formatNumber, formatPercent, errorMessage } from './i18n.js';
import { createState, newId, toStored, fromStored, fixPair, pairAfterAdd, docById, uniqueName, viewOf, settingsOf, cleanSource, requestDocuments, exportScopeOf } from './state.js';
import { loadState, saveState, clearState } from './storage.js';
import { createStore } from './store.js';
import { createView } from './view.js';
import { buildLayoutSliced } from './layout.js';
import { renderSummary } from './summary.js';
import { renderDocsPanel } from './docs-panel.js';
import { installKeys } from './keyboard.js';
import { exportEntry, exportName, saveFile } from './export.js';
import { readSeeds } from './seeds.js';
import { renderMatrix } from './matrix-view.js';
import { createFind } from './find-view.js';

const $ = (id) => document.getElementById(id);

const seeds = readSeeds();
const cache = new Map(); // key -> {report, ids: [id of report doc k, for every k]}
let comparer = null;
let generation = 0;
let storageOk = true;
let pasteCount = 0;

const store = createStore(createState(), {
  normalise: fixPair,
  save: persist,
  compareKey,
  compare: requestCompare,
});

const view = createView({
  sheet: $('sheet'),
  content: $('content'),
  ribbons: $('ribbons'),
  minimaps: [$('minimap-left'), $('minimap-right')],
  heads: [document.querySelector('.colhead.left'), document.querySelector('.colhead.right')],
  inspector: $('inspector'),
  empty: $('view-empty'),
});

const find = createFind({
  bar: $('findbar'), input: $('find-input'), count: $('find-count'),
  prev: $('find-prev'), next: $('find-next'), close: $('find-close'), sheet: $('sheet'),
}, view, store, () => viewOf(store.state));

function seedDoc(seed) {
  return { id: newId(), name: seed.name, text: seed.text, format: 'text', warnings: [], sample: true };
}

/** The state of a first visit: the default pair of examples, default settings. */
function firstVisit() {
  const docs = seeds.pair ? seeds.pair.map(seedDoc) : [];
  return { docs, failed: [], left: docs[0]?.id ?? null, right: docs[1]?.id ?? null };
}

// ---------- status and progress ----------

let statusTimer = 0;
let lastError = 0;
let lastOffer = 0;
/**
 * Says `message` in the status toast; `action` ({label, run}) adds a button (e.g. Undo).
 * `kind`: 'error', 'info' (the answer to what the user just did) or 'routine' (news the
 * page gives on its own, such as a comparison done).
 */
function say(message, kind, action) {
  const el = $('status');
  // An error stays readable for a while: other news does not replace it; nor does routine
  // news replace an offer such as Undo.
  if (kind !== 'error' && Date.now() - lastError < 8000) return;
  if (kind === 'routine' && Date.now() - lastOffer < 8000) return;
  if (kind === 'error') lastError = Date.now();
  if (action) lastOffer = Date.now();
  el.textContent = message;
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'status-action';
    b.textContent = action.label;
    b.addEventListener('click', () => { el.classList.remove('show'); action.run(); });
    el.append(' ', b);
  }
  el.dataset.kind = kind === 'error' ? 'error' : 'info';
  placeStatus();
  el.classList.add('show');
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => el.classList.remove('show'), kind === 'error' || action ? 12000 : 5000);
}

/**
 * The toast sits above the inspector (the word diffs and the keyboard hint), never over it,
 * however tall the inspector grows while the toast is shown.
 */
function placeStatus() {
  const insp = $('inspector').getBoundingClientRect();
  $('status').style.bottom = insp.height ? `${Math.max(14, Math.round(window.innerHeight - insp.top + 10))}px` : '';
}
if (typeof ResizeObserver === 'function') new ResizeObserver(placeStatus).observe($('inspector'));
window.addEventListener('resize', placeStatus);

let workingTimer = 0;
/**
 * Shows how far the comparison is: the bar under the top bar, and, when it takes more than a
 * moment, a note in words ("Reading…", "Aligning… 40 %") with a Cancel button.
 * `p`: null (done), undefined (started) or the comparer's {phase, fraction, within}.
 */
function progress(p) {
  const wrap = $('progress');
  const bar = wrap.querySelector('.progress-bar');
  if (p === null) {
    wrap.hidden = true;
    $('working').hidden = true;
    clearTimeout(workingTimer);
    workingTimer = 0;
    document.body.classList.remove('busy');
    return;
  }
  if (wrap.hidden) {
    // A short comparison never flashes the note.
    clearTimeout(workingTimer);
    workingTimer = setTimeout(() => { if (!wrap.hidden) $('working').hidden = false; }, 250);
  }
  wrap.hidden = false;
  document.body.classList.add('busy');
  const f = p && typeof p.fraction === 'number' ? p.fraction : null;
  if (f === null || !Number.isFinite(f)) {
    wrap.classList.add('indeterminate');
    bar.removeAttribute('aria-valuenow');
  } else {
    wrap.classList.remove('indeterminate');
    const pct = Math.max(2, Math.min(100, Math.round(f * 100)));
    bar.setAttribute('aria-valuenow', String(pct));
    bar.querySelector('span').style.width = `${pct}%`;
  }
  const words = progressWords(p);
  $('working-text').textContent = words;
  bar.setAttribute('aria-valuetext', words);
}

/** The comparison's stage in words: reading, aligning or comparing words (with how far), drawing. */
function progressWords(p) {
  const phase = p && p.phase;
  const pct = p && typeof p.within === 'number' ? formatPercent(p.within) : '';
  if (phase === 'aligning' && pct) return t('progress.aligning.pct', { p: pct });
  if (phase === 'diffing' && pct) return t('progress.diffing.pct', { p: pct });
  if (phase === 'aligning') return t('progress.aligning.short');
  if (phase === 'diffing') return t('progress.diffing.short');
  if (phase === 'done' || phase === 'receiving') return t('progress.drawing');
  return t('progress.reading');
}

/** Stops the running comparison; what is on screen stays, and can be compared again. */
function cancelCompare() {
  if ($('progress').hidden) return false;
  generation += 1;
  clearTimeout(compareTimer);
  if (comparer) comparer.cancel();
  progress(null);
  say(t('status.cancelled'), 'info', { label: t('status.again'), run: () => store.update(null, { recompare: true }) });
  return true;
}

// ---------- persistence ----------

let saveTimer = 0;
let dirty = false;
/** Saves the state now, or after `delay` ms (the slider sends many changes). */
function persist(s, delay) {
  if (!storageOk) return;
  dirty = true;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    dirty = false;
    saveState(toStored(s)).catch(() => {
      storageOk = false;
      say(t('status.storageOff'), 'error');
    });
  }, delay || 0);
}

// ---------- comparing ----------

/**
 * The documents one comparison takes: every loaded account from three on (one alignment of
 * all of them: the matrix, and any pair side by side, come from it), else the facing pair.
 */
function comparedDocs(s) {
  const a = docById(s, s.left), b = docById(s, s.right);
  if (!a || !b) return null;
  return s.docs.length >= 3 ? s.docs : [a, b];
}

function cacheKey(docs, config) {
  // The core's result does not depend on the order of the documents: one entry per set.
  const ids = docs.map((d) => `${d.id}@${d.source?.date || ''}`).sort();
  return `${ids.join('|')}|${JSON.stringify(config)}`;
}

/**
 * The build's report of the sample (seeds.js), when `docs` are exactly its two texts under
 * their names, undated, with the default settings: the same core made it, so the first
 * screen needs neither the engine's start nor a comparison.
 */
function builtReport(docs, config) {
  const report = seeds.report;
  if (!report || docs.length !== 2 || Object.keys(config).length) return null;
  const same = docs.every((d, k) => d.name === seeds.pair[k].name && d.text === seeds.pair[k].text && !d.source?.date);
  return same ? report : null;
}

/** What the comparison on screen depends on: the compared documents (and their names), the facing pair and the settings. */
function compareKey(s) {
  const docs = comparedDocs(s);
  if (!docs) return `none|${s.docs.length}`;
  return JSON.stringify([docs.map((d) => [d.id, d.name, d.source?.date || '']), s.left, s.right, s.config]);
}

/** The comparison to show, from a cache entry: the report and which of its documents face each other. */
function showEntry(entry, a, b) {
  const names = entry.ids.map((id) => docById(store.state, id)?.name || '');
  store.show({
    report: entry.report, li: entry.ids.indexOf(a.id), ri: entry.ids.indexOf(b.id),
    ids: [a.id, b.id], names: [a.name, b.name], all: entry.ids, allNames: names,
  });
}

/** Lets the page breathe: the rest runs in a later task. */
function nextTask() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let compareTimer = 0;
/** Compares the two facing documents, after `delay` ms (debounce for the slider). */
function requestCompare(s, delay) {
  clearTimeout(compareTimer);
  if (delay) compareTimer = setTimeout(runCompare, delay);
  else runCompare();
}

async function runCompare() {
  const state = store.state;
  const a = docById(state, state.left), b = docById(state, state.right);
  const docs = comparedDocs(state);
  const my = ++generation;
  if (!docs) {
    if (comparer) comparer.cancel();
    progress(null);
    store.show(null);
    if (state.docs.length === 1) say(t('status.needTwo'));
    return;
  }
  const key = cacheKey(docs, state.config);
  const built = builtReport(docs, state.config);
  if (built && !cache.has(key)) cache.set(key, { report: built, ids: docs.map((d) => d.id) });
  if (cache.has(key)) {
    if (comparer) comparer.cancel();
    progress(null);
    showEntry(cache.get(key), a, b);
    return;
  }
  if (comparer) comparer.cancel();
  progress(undefined);
  const started = performance.now();
  try {
    startEngine();
    if (comparer.ready) await comparer.ready;
    if (my !== generation) return;
    const report = await comparer.compare(
      requestDocuments(docs),
      state.config, // only what the user changed: the core fills in its defaults
      (p) => { if (my === generation) progress(p); },
    );
    if (my !== generation) return;
    if (!report || !Array.isArray(report.documents) || report.documents.length < 2) throw new Error('empty report');
    cache.set(key, { report, ids: docs.map((d) => d.id) });
    if (cache.size > 12) cache.delete(cache.keys().next().value);
    if (report.documents.reduce((n, d) => n + (d.segments || []).length, 0) > 2000) {
      // A large report is laid out in a task of its own, then drawn: no one long block.
      progress({ phase: 'done', fraction: 1 });
      await nextTask();
      if (my !== generation) return;
      const ids = cache.get(key).ids;
      const li = ids.indexOf(a.id), ri = ids.indexOf(b.id);
      const lay = await buildLayoutSliced(report, li, ri, nextTask);
      if (my !== generation) return;
      view.prepare(report, li, ri, lay);
      await nextTask();
      if (my !== generation) return;
    }
    showEntry(cache.get(key), a, b);
    progress(null);
    const ms = Math.round(performance.now() - started);
    say(docs.length > 2 ? t('status.comparedAll', { n: docs.length, ms }) : t('status.compared', { a: a.name, b: b.name, ms }), 'routine');
    for (const w of report.warnings || []) say(String(w.message || w));
  } catch (e) {
    if (my !== generation) return; // superseded or cancelled: the newer request reports
    progress(null);
    say(t('status.failed', { msg: (e && e.message) || String(e) }), 'error');
  }
}

// ---------- documents ----------

function pickSide(id, side) {
  const s = store.state;
  const other = side === 'left' ? 'right' : 'left';
  const next = { [side]: id, [other]: s[other] === id ? s[side] : s[other] };
  // After a cancelled comparison the heads name the pair on screen, not the one chosen:
  // choosing a pair that is not on screen compares it, even if it was chosen before.
  const shown = store.shown;
  const stale = $('progress').hidden && (!shown || shown.ids[0] !== next.left || shown.ids[1] !== next.right);
  store.update(next, { recompare: stale });
}

function rename(id, name) {
  const state = store.state;
  const d = docById(state, id);
  if (!d) return;
  const fresh = uniqueName({ docs: state.docs.filter((x) => x.id !== id) }, name);
  store.update({ docs: state.docs.map((x) => (x.id === id ? { ...x, name: fresh } : x)) });
  say(t('status.renamed', { name: fresh }));
  document.querySelector(`[data-focus-key="${id}:rename"]`)?.focus();
}

/** The documents as they were before the last removal or replacement: one step of undo. */
let undoable = null;
function remember(s) {
  undoable = { docs: s.docs, left: s.left, right: s.right };
  return { label: t('status.undo'), run: undo };
}
function undo() {
  if (!undoable) return;
  const back = undoable;
  undoable = null;
  store.update(back);
  say(t('status.undone'));
}

function remove(id) {
  const d = docById(store.state, id);
  if (!d) return;
  const action = remember(store.state);
  store.update((s) => ({ docs: s.docs.filter((x) => x.id !== id) }));
  say(t('status.removed', { name: d.name }), 'info', action);
  const next = document.querySelector('#doc-list button');
  (next || $('docs-toggle')).focus();
}

/** Sets (or clears) the source of a document: outlet or author, date, address. */
function setSource(id, source) {
  const clean = cleanSource(source);
  store.update((s) => ({ docs: s.docs.map((x) => (x.id === id ? { ...x, source: clean } : x)) }));
  say(t('status.sourceSaved', { name: docById(store.state, id)?.name || '' }));
}

function dismiss(id) {
  store.update((s) => ({ failed: s.failed.filter((f) => f.id !== id) }), { save: false });
  $('docs-toggle').focus();
}

function addExample(seed) {
  addDocs([{ name: seed.name, text: seed.text, format: 'text', warnings: [], sample: true }], []);
}

/** Opens the sample again (what was open can be had back with Undo). */
function openSample() {
  const action = remember(store.state);
  store.update({ ...firstVisit(), failed: store.state.failed });
  say(t('status.sampleOpened'), 'info', action);
}

/** Adds read documents and failures; the view shown so far stays until the new comparison is ready. */
function addDocs(read, failures) {
  const s = store.state;
  // The sample stays a sample: the first documents of the user's own replace it.
  const replacing = read.some((r) => !r.sample) && s.docs.length > 0 && s.docs.every((d) => d.sample);
  const action = replacing ? remember(s) : null;
  const draft = { docs: replacing ? [] : s.docs.slice(), failed: s.failed.slice(), left: replacing ? null : s.left, right: replacing ? null : s.right };
  const added = [];
  for (const r of read) {
    const dup = draft.docs.find((d) => d.name === r.name && d.text === r.text);
    if (dup) { added.push(dup.id); continue; }
    const doc = { id: newId(), name: uniqueName(draft, r.name), text: r.text, format: r.format || 'text', warnings: r.warnings || [], sample: !!r.sample, source: r.source || null };
    draft.docs.push(doc);
    added.push(doc.id);
    draft.failed = draft.failed.filter((f) => f.name !== r.name);
  }
  for (const f of failures) {
    draft.failed = draft.failed.filter((x) => x.name !== f.name);
    draft.failed.push({ id: newId(), name: f.name, message: f.message, code: f.code, params: f.params });
  }
  if (added.length) pairAfterAdd(draft, added);
  store.update(draft, { save: added.length > 0 });
  if (failures.length) {
    setPanel(true);
    say(failures.map((f) => t('status.readFailed', { name: f.name, msg: errorMessage(f) })).join(' · '), 'error');
  } else if (replacing) {
    say(t('status.sampleReplaced'), 'info', action);
  } else if (read.length) {
    say(t('status.added', { names: read.map((r) => r.name).join(', ') }));
  }
}

async function addFiles(files) {
  const read = [], failures = [];
  try {
    await checkFilesTotal(files);
  } catch (e) {
    say(errorMessage(e), 'error');
    return;
  }
  for (const f of files) {
    try {
      const d = await readDocumentFile(f);
      read.push({ name: d.name || f.name, text: d.text, format: d.format, warnings: d.warnings || [], source: cleanSource(d.source) });
    } catch (e) {
      failures.push({ name: f.name, message: (e && e.message) || String(e), code: e && e.code, params: e && e.params });
    }
  }
  addDocs(read, failures);
}

function addPasted(text, name) {
  pasteCount += 1;
  const n = name && name.trim() ? name.trim() : t('paste.default', { n: pasteCount });
  addDocs([{ name: n, text, format: 'text', warnings: [] }], []);
  say(t('status.pasted', { name: n }));
}

// ---------- export ----------

/** The Export menu's scope choice, as the comparison on screen allows it. */
function renderExportScope(shown) {
  const box = $('export-scope');
  box.hidden = !shown || shown.all.length <= 2;
  if (box.hidden) return;
  $('export-scope-all-label').textContent = t('export.scope.all', { n: shown.all.length });
  $('export-scope-pair-label').textContent = t('export.scope.pair', { a: shown.names[0], b: shown.names[1] });
  const scope = exportScopeOf(store.state, shown.all.length);
  $('export-scope-all').checked = scope === 'all';
  $('export-scope-pair').checked = scope === 'pair';
}

/** Saves the comparison on screen in the format of the Export menu's entry `id`, rendered by the core. */
async function exportReport(id) {
  const entry = exportEntry(id);
  const shown = store.shown;
  $('export').open = false;
  if (!entry || !shown?.report) {
    say(t('export.none'), 'error');
    return;
  }
  const docs = shown.all.map((docId) => docById(store.state, docId)).filter(Boolean);
  if (docs.length !== shown.all.length) {
    say(t('export.none'), 'error');
    return;
  }
  const pair = exportScopeOf(store.state, docs.length) === 'pair';
  const names = pair ? shown.names : docs.map((d) => d.name);
  const name = exportName(names, entry.ext);
  const made = new Intl.DateTimeFormat(getLang(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
  const options = { format: entry.format, lang: getLang(), made };
  if (entry.table) options.table = entry.table;
  if (pair) options.only = [shown.li, shown.ri];
  say(t('export.working', { name }), 'routine');
  try {
    const text = await callCore('export_report', [{ documents: requestDocuments(docs), config: store.state.config }, options]);
    saveFile(name, text, entry.type);
    say(t('export.saved', { name }));
  } catch (e) {
    say(t('export.failed', { message: e?.message || String(e) }), 'error');
  }
}

// ---------- views: functions of (state, shown) ----------

function applyLanguage(s) {
  setLang(detectLang(s.prefs.lang, navigator.languages || [navigator.language]));
  applyI18n(document);
  document.title = `recoupe — ${t('app.tagline')}`;
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === getLang()));
}

function applyTheme(s) {
  const th = s.prefs.theme;
  if (th === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.dataset.theme = th;
  $('theme-select').value = th;
  view.repaint();
}

function drawDocsPanel(s) {
  renderDocsPanel($('doc-list'), $('example-list'), s, seeds.list, {
    pick: pickSide, rename, remove, dismiss, addExample, setSource,
  });
  $('docs-count').textContent = String(s.docs.length);
}

/**
 * The column heads' document choices. While a new pair is being compared they keep naming
 * the pair on screen: the heads change with the text under them.
 */
function drawPairSelects(s, shown) {
  const pair = shown ? { left: shown.ids[0], right: shown.ids[1] } : s;
  for (const [sel, side, k] of [[$('left-select'), 'left', 0], [$('right-select'), 'right', 1]]) {
    sel.textContent = '';
    // The text on screen belongs to a document just removed or replaced: its name stays over it until the new pair is drawn.
    const gone = shown && !docById(s, pair[side]) ? [{ id: pair[side], name: shown.names[k] }] : [];
    for (const d of [...gone, ...s.docs]) {
      const o = document.createElement('option');
      o.value = d.id;
      o.textContent = d.name;
      if (pair[side] === d.id) o.selected = true;
      sel.appendChild(o);
    }
    sel.disabled = s.docs.length < 2;
  }
  $('swap-button').disabled = !(s.left && s.right);
}

/** Under each column head: the source of the account on screen, when known. */
function drawHeadSources(s, shown) {
  document.querySelectorAll('.colhead .col-source').forEach((el, side) => {
    const src = shown ? docById(s, shown.ids[side])?.source : null;
    el.textContent = src ? [src.outlet, src.date].filter(Boolean).join(' · ') : '';
    el.title = src?.url || '';
  });
}

function drawControls(s) {
  if (!s.defaults) return; // the core has not said its defaults yet: the controls wait
  const c = settingsOf(s);
  $('threshold').value = String(c.threshold);
  $('threshold-value').textContent = formatNumber(c.threshold, { minimumFractionDigits: 2 });
  $('granularity').value = c.split === 'paragraphs' ? 'paragraphs' : 'sentences';
  $('ignore-case').checked = c.ignore_case;
  $('ignore-accents').checked = c.ignore_accents;
  $('ignore-punctuation').checked = c.ignore_punctuation;
  for (const r of document.querySelectorAll('input[name="filter"]')) r.checked = r.value === s.prefs.filter;
}

function drawPanel(s) {
  const open = !!s.prefs.panel;
  $('docs-panel').hidden = !open;
  $('docs-toggle').setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('panel-open', open);
  view.repaint();
}

function drawComparison(s, shown) {
  if (!shown) {
    view.clear();
    document.body.classList.remove('has-report');
    return;
  }
  view.render(shown.report, shown.li, shown.ri, shown.names);
  document.body.classList.add('has-report');
}

/** Which view is on: the switch's pressed button, the matrix or the pair viewer shown. */
function drawViewMode(s) {
  const mode = viewOf(s);
  $('view-switch').hidden = s.docs.length < 2;
  for (const b of document.querySelectorAll('#view-switch [data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === mode));
  $('viewer').hidden = mode === 'matrix';
  $('matrix').hidden = mode !== 'matrix';
  document.querySelector('.overview').hidden = mode === 'matrix';
  document.querySelector('.tool.filter').hidden = mode === 'matrix';
  document.body.dataset.mode = mode;
  if (mode === 'pair') view.repaint();
}

function drawMatrix(s, shown) {
  const root = $('matrix');
  if (viewOf(s) !== 'matrix' || !shown || !shown.all) { root.replaceChildren(); return; }
  renderMatrix(root, {
    report: shown.report, names: shown.allNames, sources: shown.all.map((id) => docById(s, id)?.source || null),
    filter: s.prefs.matrixFilter, sort: s.prefs.matrixSort, open: s.matrixOpen,
    query: s.find.open ? s.find.query : '',
  }, {
    filter: (f) => store.update({ prefs: { matrixFilter: f } }),
    sort: (k) => store.update({ prefs: { matrixSort: k } }),
    open: (key) => store.update({ matrixOpen: key }, { save: false }),
    show: showInText,
  });
}

/**
 * From the matrix to the text: the pair view with document `doc` as A, facing the account
 * that shares the most of that passage (its group's other member, else the current B).
 */
function showInText(doc, seg) {
  const shown = store.shown;
  if (!shown || !shown.all) return;
  const group = (shown.report.groups || []).find((g) => g.members.some((m) => m.doc === doc && m.segments.includes(seg)));
  const partner = group?.members.find((m) => m.doc !== doc)?.doc;
  const left = shown.all[doc];
  let right = partner !== undefined ? shown.all[partner] : store.state.right;
  if (right === left) right = store.state.left !== left ? store.state.left : shown.all.find((id) => id !== left);
  store.update({ prefs: { view: 'pair' }, left, right });
  // The pair is drawn from the same report (cached), so the row exists once the view is drawn.
  let tries = 0;
  const focus = () => { if (!view.focusDoc(doc, seg) && ++tries < 60) requestAnimationFrame(focus); };
  requestAnimationFrame(focus);
}

function watchViews() {
  // Language first: every other view draws words.
  store.watch((s) => [s.prefs.lang], applyLanguage);
  store.watch((s) => [s.prefs.theme], applyTheme);
  store.watch((s) => [s.docs, s.failed, s.left, s.right, getLang()], drawDocsPanel);
  store.watch((s, shown) => [s.docs, s.left, s.right, shown, getLang()], drawPairSelects);
  store.watch((s) => [s.config, s.defaults, s.prefs.filter, getLang()], drawControls);
  store.watch((s) => [s.prefs.panel], drawPanel);
  store.watch((s, shown) => [shown], drawComparison);
  store.watch((s, shown) => [s.docs, shown], drawHeadSources);
  store.watch((s) => [viewOf(s), s.docs.length], drawViewMode);
  store.watch((s, shown) => [viewOf(s), shown, s.prefs.matrixFilter, s.prefs.matrixSort, s.matrixOpen, s.find.open && s.find.query, getLang()], drawMatrix);
  store.watch((s, shown) => [s.prefs.filter, shown], (s) => view.setFilter(s.prefs.filter));
  store.watch((s, shown) => [shown, getLang()], (s, shown) => {
    renderSummary($('summary-text'), $('stats'), shown ? view.layout : null, shown ? shown.names : ['', ''], setFilter);
  });
  // After the comparison and the filter: the search scrolls the rows they drew.
  store.watch((s, shown) => [s.find, shown, viewOf(s), s.prefs.filter, getLang()], (s) => find.draw(s));
  let lang = getLang();
  store.watch(() => [getLang()], () => { if (lang !== getLang()) { lang = getLang(); view.relabel(); } });
}

// ---------- changes ----------

function setFilter(f) {
  store.update({ prefs: { filter: f } });
}

/** Where focus goes back when the documents panel closes: the control that opened it. */
let panelOpener = null;
function setPanel(open) {
  if (open === !!store.state.prefs.panel) return;
  const panel = $('docs-panel');
  if (open) {
    const el = document.activeElement;
    panelOpener = el && el !== document.body && !panel.contains(el) ? el : $('docs-toggle');
  }
  const focusInside = !open && (panel.contains(document.activeElement) || document.activeElement === document.body);
  store.update({ prefs: { panel: open } });
  if (focusInside || (!open && !document.activeElement) || (!open && document.activeElement === document.body)) {
    const back = panelOpener && panelOpener.isConnected && !panelOpener.disabled ? panelOpener : $('docs-toggle');
    back.focus();
  }
}

function swap() {
  if (!store.state.left || !store.state.right) return;
  store.update((s) => ({ left: s.right, right: s.left }));
  say(t('status.swapped'));
}

// ---------- events ----------

function wire() {
  $('add-button').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', (e) => {
    const files = [...e.target.files];
    e.target.value = '';
    if (files.length) addFiles(files);
  });
  $('docs-toggle').addEventListener('click', () => setPanel(!store.state.prefs.panel));
  $('swap-button').addEventListener('click', swap);
  for (const b of document.querySelectorAll('#view-switch [data-view]')) {
    b.addEventListener('click', () => store.update({ prefs: { view: b.dataset.view } }));
  }
  $('sample-button').addEventListener('click', openSample);
  $('cancel-button').addEventListener('click', cancelCompare);
  $('left-select').addEventListener('change', (e) => pickSide(e.target.value, 'left'));
  $('right-select').addEventListener('change', (e) => pickSide(e.target.value, 'right'));
  $('help-button').addEventListener('click', () => $('help-dialog').showModal());
  $('forget-button').addEventListener('click', async () => {
    if (!window.confirm(t('docs.forget.confirm'))) return;
    try { await clearState(); } catch (e) { /* nothing stored */ }
    cache.clear();
    store.update((s) => {
      s.config = {}; // replaced, not merged: every setting back to the core's default
      return { ...firstVisit(), prefs: { filter: 'all' } };
    });
    say(t('status.forgot'));
  });
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => store.update({ prefs: { lang: b.dataset.lang } }));
  }
  $('theme-select').addEventListener('change', (e) => store.update({ prefs: { theme: e.target.value } }));

  const th = $('threshold');
  th.addEventListener('input', () => {
    store.update({ config: { threshold: Number(th.value) } }, { saveDelay: 200, compareDelay: 250 });
  });
  $('granularity').addEventListener('change', (e) => store.update({ config: { split: e.target.value } }));
  for (const [id, key] of [['ignore-case', 'ignore_case'], ['ignore-accents', 'ignore_accents'], ['ignore-punctuation', 'ignore_punctuation']]) {
    $(id).addEventListener('change', (e) => store.update({ config: { [key]: e.target.checked } }));
  }
  for (const r of document.querySelectorAll('input[name="filter"]')) {
    r.addEventListener('change', () => { if (r.checked) setFilter(r.value); });
  }

  // Paste: the dialog (keyboard route) and a paste anywhere outside a text field.
  $('paste-button').addEventListener('click', () => {
    $('paste-name').value = '';
    $('paste-text').value = '';
    $('paste-dialog').showModal();
    $('paste-text').focus();
  });
  $('paste-cancel').addEventListener('click', () => $('paste-dialog').close());
  $('paste-form').addEventListener('submit', (e) => {
    const text = $('paste-text').value.replace(/\r\n?/g, '\n');
    if (!text.trim()) { e.preventDefault(); $('paste-text').focus(); return; }
    addPasted(text, $('paste-name').value);
  });
  document.addEventListener('paste', async (e) => {
    const el = e.target;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA)$/.test(el.tagName))) return;
    e.preventDefault();
    try {
      const got = await readPaste(e.clipboardData);
      if (got && got.text.trim()) addPasted(got.text, got.name);
      else say(t('status.pasteEmpty'));
    } catch (err) {
      say(errorMessage(err), 'error');
    }
  });

  // Drop anywhere.
  let depth = 0;
  const overlay = $('drop-overlay');
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].some((x) => x === 'Files' || x === 'text/plain');
  window.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; overlay.classList.add('show'); });
  window.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) overlay.classList.remove('show'); });
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    overlay.classList.remove('show');
    const files = [...((e.dataTransfer && e.dataTransfer.files) || [])];
    if (files.length) { addFiles(files); return; }
    try {
      const got = await readPaste(e.dataTransfer);
      if (got) addPasted(got.text, got.name);
    } catch (err) {
      say(errorMessage(err), 'error');
    }
  });

  for (const button of document.querySelectorAll('#export [data-export]')) {
    button.addEventListener('click', () => exportReport(button.dataset.export));
  }
  for (const radio of document.querySelectorAll('#export-scope input')) {
    radio.addEventListener('change', () => store.update(() => ({ exportScope: radio.value })));
  }
  $('export').addEventListener('toggle', () => { if ($('export').open) renderExportScope(store.shown); });

  installKeys({
    next: () => navigate(view.jump(1, false)),
    prev: () => navigate(view.jump(-1, false)),
    nextUnique: () => navigate(view.jump(1, true)),
    prevUnique: () => navigate(view.jump(-1, true)),
    nextPartner: () => navigate(view.cyclePartner(1)),
    prevPartner: () => navigate(view.cyclePartner(-1)),
    swap,
    toggleDocs: () => setPanel(!store.state.prefs.panel),
    closeDocs: () => { if (!store.state.prefs.panel) return false; setPanel(false); return true; },
    help: () => $('help-dialog').showModal(),
    find: () => find.open(),
    closeFind: () => { if (!store.state.find.open) return false; find.hide(); return true; },
    cancel: cancelCompare,
  });
  window.addEventListener('beforeunload', () => {
    clearTimeout(saveTimer);
    if (storageOk && dirty) saveState(toStored(store.state)).catch(() => {});
  });
}

/** Says the outcome of a jump: a status key, or [key, vars]. */
function navigate(status) {
  if (!status) return;
  const [key, vars] = Array.isArray(status) ? status : [status];
  say(t(key, vars));
}

// ---------- start ----------

/**
 * Starts the comparison engine (once); with it come the core's defaults for the settings'
 * controls (the core owns them; see state.js).
 */
function startEngine() {
  if (comparer) return;
  comparer = createComparer();
  comparer.ready
    .then(({ defaults: d }) => store.update({ defaults: d }, { save: false }))
    .catch((e) => say(t('status.failed', { msg: (e && e.message) || String(e) }), 'error'));
}

async function main() {
  // The stored state first: IndexedDB answers from another process while this one works.
  const stored = loadState();
  wire();
  const loaded = await stored;
  if (loaded.unavailable) storageOk = false;
  store.update((s) => {
    if (!loaded.state) return firstVisit();
    fromStored(s, loaded.state);
    const emptied = s.docs.length === 0 && !loaded.state.documents.length && loaded.state.left === undefined;
    return emptied && seeds.pair ? firstVisit() : null;
  }, { save: false });
  watchViews();
  if (loaded.corrupt) say(t('status.corrupt', { reason: loaded.corrupt }), 'error');
  else if (loaded.unavailable) say(t('status.storageOff'), 'error');
  document.body.classList.add('ready');
  // The engine after the first screen: the sample's report is built into the page, so the
  // first screen needs no engine, and unpacking and compiling the wasm (base64 decoding on
  // this thread, compiling on the others) slowed it down on two cores (cold start from
  // file://: 454 ms median to the sample's links). A comparison asked for before then
  // starts it itself (runCompare).
  requestAnimationFrame(() => setTimeout(startEngine, 0));
}

main().catch((e) => say(t('status.failed', { msg: (e && e.message) || String(e) }), 'error'));
