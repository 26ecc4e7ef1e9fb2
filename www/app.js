// Entry point: wires the state, the worker client, storage and the views together.
// Data flows one way: user action -> state -> (worker) report -> view.

import { createComparer } from './comparer.js';
import { readDocumentFile, readPaste, checkFilesTotal } from './files.js';
import { t, setLang, getLang, detectLang, applyI18n, formatNumber, errorMessage } from './i18n.js';
import { createState, newId, toStored, fromStored, fixPair, pairAfterAdd, docById, uniqueName } from './state.js';
import { loadState, saveState, clearState } from './storage.js';
import { createView } from './view.js';
import { renderSummary } from './summary.js';
import { renderDocsPanel } from './docs-panel.js';
import { installKeys } from './keyboard.js';
import { reportHtml, reportJson, exportName, saveFile } from './export.js';

const $ = (id) => document.getElementById(id);

const state = createState();
const seeds = readSeeds();
const cache = new Map(); // key -> {report, ids: [id of report doc 0, id of report doc 1]}
let comparer = null;
let generation = 0;
let storageOk = true;
let pasteCount = 0;

const view = createView({
  sheet: $('sheet'),
  content: $('content'),
  ribbons: $('ribbons'),
  minimaps: [$('minimap-left'), $('minimap-right')],
  heads: [document.querySelector('.colhead.left'), document.querySelector('.colhead.right')],
  inspector: $('inspector'),
  empty: $('view-empty'),
});

/** The seeds embedded by the build: [{event, name, text}] (or {seeds, default}). */
function readSeeds() {
  const el = document.getElementById('recoupe-seeds');
  if (!el) return { list: [], pair: null };
  try {
    const data = JSON.parse(el.textContent || '[]');
    const list = (Array.isArray(data) ? data : data.seeds || [])
      .filter((s) => s && typeof s.name === 'string' && typeof s.text === 'string');
    const def = (!Array.isArray(data) && data.default) || {};
    const event = def.event || '2025-12-08-eu-canada-digital-partnership-council';
    const find = (name) => list.find((s) => s.event === event && s.name === name);
    const left = find(def.left || 'commission-press-release.fr.txt');
    const right = find(def.right || 'business-blog-article.fr.txt');
    return { list, pair: left && right ? [left, right] : list.length >= 2 ? [list[0], list[1]] : null };
  } catch (e) {
    return { list: [], pair: null };
  }
}

function seedDoc(seed) {
  return { id: newId(), name: seed.name, text: seed.text, format: 'text', warnings: [] };
}

function loadDefaults() {
  const fresh = createState();
  state.docs = fresh.docs; state.failed = []; state.left = null; state.right = null;
  state.config = fresh.config;
  if (seeds.pair) {
    state.docs = seeds.pair.map(seedDoc);
    state.left = state.docs[0].id;
    state.right = state.docs[1].id;
  }
}

// ---------- status and progress ----------

let statusTimer = 0;
let lastError = 0;
function say(message, kind) {
  const el = $('status');
  // An error stays readable for a while: routine news does not replace it.
  if (kind !== 'error' && Date.now() - lastError < 8000) return;
  if (kind === 'error') lastError = Date.now();
  el.textContent = message;
  el.dataset.kind = kind || 'info';
  el.classList.add('show');
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => el.classList.remove('show'), kind === 'error' ? 12000 : 5000);
}

function progress(p) {
  const wrap = $('progress');
  const bar = wrap.querySelector('.progress-bar');
  if (p === null) { wrap.hidden = true; document.body.classList.remove('busy'); return; }
  wrap.hidden = false;
  document.body.classList.add('busy');
  let f = null;
  if (typeof p === 'number') f = p > 1 ? p / 100 : p;
  else if (p && typeof p === 'object') {
    if (typeof p.fraction === 'number') f = p.fraction;
    else if (typeof p.percent === 'number') f = p.percent / 100;
    else if (typeof p.done === 'number' && p.total) f = p.done / p.total;
  }
  if (f === null || !Number.isFinite(f)) {
    wrap.classList.add('indeterminate');
    bar.removeAttribute('aria-valuenow');
  } else {
    wrap.classList.remove('indeterminate');
    const pct = Math.max(2, Math.min(100, Math.round(f * 100)));
    bar.setAttribute('aria-valuenow', String(pct));
    bar.querySelector('span').style.width = `${pct}%`;
  }
}

// ---------- persistence ----------

let saveTimer = 0;
let dirty = false;
/** Saves the state now, or after `delay` ms (the slider sends many changes). */
function persist(delay) {
  if (!storageOk) return;
  dirty = true;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    dirty = false;
    saveState(toStored(state)).catch(() => {
      storageOk = false;
      say(t('status.storageOff'), 'error');
    });
  }, delay || 0);
}

// ---------- comparing ----------

function configForCore() {
  const c = state.config;
  return {
    split: c.split, lang: 'auto', threshold: c.threshold,
    ignore_case: c.ignore_case, ignore_accents: c.ignore_accents, ignore_punctuation: c.ignore_punctuation,
  };
}

function cacheKey(a, b) {
  const ids = [a.id, b.id].sort();
  return `${ids[0]}|${ids[1]}|${JSON.stringify(configForCore())}`;
}

function names() {
  return [docById(state, state.left)?.name || '', docById(state, state.right)?.name || ''];
}

function showCached(entry) {
  const li = entry.ids.indexOf(state.left), ri = entry.ids.indexOf(state.right);
  view.render(entry.report, li, ri, names());
  renderSummary($('summary-text'), $('stats'), view.layout, names(), setFilter);
  document.body.classList.add('has-report');
}

let compareTimer = 0;
/** Compares the two facing documents, after `delay` ms (debounce for the slider). */
function requestCompare(delay) {
  clearTimeout(compareTimer);
  if (delay) compareTimer = setTimeout(runCompare, delay);
  else runCompare();
}

async function runCompare() {
  const a = docById(state, state.left), b = docById(state, state.right);
  const my = ++generation;
  if (!a || !b) {
    if (comparer) comparer.cancel();
    progress(null);
    view.clear();
    renderSummary($('summary-text'), $('stats'), null, names(), setFilter);
    document.body.classList.remove('has-report');
    if (state.docs.length === 1) say(t('status.needTwo'));
    return;
  }
  const key = cacheKey(a, b);
  if (cache.has(key)) {
    if (comparer) comparer.cancel();
    progress(null);
    showCached(cache.get(key));
    return;
  }
  if (comparer) comparer.cancel();
  progress(undefined);
  const started = performance.now();
  try {
    if (!comparer) comparer = createComparer();
    if (comparer.ready) await comparer.ready;
    if (my !== generation) return;
    const report = await comparer.compare(
      [{ name: a.name, text: a.text }, { name: b.name, text: b.text }],
      configForCore(),
      (p) => { if (my === generation) progress(p); },
    );
    if (my !== generation) return;
    if (!report || !Array.isArray(report.documents) || report.documents.length < 2) throw new Error('empty report');
    cache.set(key, { report, ids: [a.id, b.id] });
    if (cache.size > 12) cache.delete(cache.keys().next().value);
    showCached(cache.get(key));
    progress(null);
    say(t('status.compared', { a: a.name, b: b.name, ms: Math.round(performance.now() - started) }));
    for (const w of report.warnings || []) say(String(w.message || w));
  } catch (e) {
    if (my !== generation) return; // superseded or cancelled: the newer request reports
    progress(null);
    say(t('status.failed', { msg: (e && e.message) || String(e) }), 'error');
  }
}

// ---------- documents ----------

function refreshDocs() {
  fixPair(state);
  renderDocsPanel($('doc-list'), $('example-list'), state, seeds.list, {
    pick: pickSide, rename, remove, dismiss, addExample,
  });
  $('docs-count').textContent = String(state.docs.length);
  for (const [sel, side] of [[$('left-select'), 'left'], [$('right-select'), 'right']]) {
    sel.textContent = '';
    for (const d of state.docs) {
      const o = document.createElement('option');
      o.value = d.id;
      o.textContent = d.name;
      if (state[side] === d.id) o.selected = true;
      sel.appendChild(o);
    }
    sel.disabled = state.docs.length < 2;
  }
  $('swap-button').disabled = !(state.left && state.right);
}

function pickSide(id, side) {
  const other = side === 'left' ? 'right' : 'left';
  if (state[other] === id) state[other] = state[side];
  state[side] = id;
  refreshDocs();
  persist();
  requestCompare(0);
}

function rename(id, name) {
  const d = docById(state, id);
  if (!d) return;
  d.name = uniqueName({ docs: state.docs.filter((x) => x.id !== id) }, name);
  refreshDocs();
  persist();
  if (state.left === id || state.right === id) requestCompare(0);
  say(t('status.renamed', { name: d.name }));
  document.querySelector(`[data-focus-key="${id}:rename"]`)?.focus();
}

function remove(id) {
  const d = docById(state, id);
  if (!d) return;
  state.docs = state.docs.filter((x) => x.id !== id);
  for (const k of [...cache.keys()]) if (k.includes(id)) cache.delete(k);
  refreshDocs();
  persist();
  requestCompare(0);
  say(t('status.removed', { name: d.name }));
  const next = document.querySelector('#doc-list button');
  (next || $('docs-toggle')).focus();
}

function dismiss(id) {
  state.failed = state.failed.filter((f) => f.id !== id);
  refreshDocs();
  $('docs-toggle').focus();
}

function addExample(seed) {
  addDocs([{ name: seed.name, text: seed.text, format: 'text', warnings: [] }], []);
}

/** Adds read documents and failures; the view shown so far stays until the new comparison is ready. */
function addDocs(read, failures) {
  const added = [];
  for (const r of read) {
    const dup = state.docs.find((d) => d.name === r.name && d.text === r.text);
    if (dup) { added.push(dup.id); continue; }
    const doc = { id: newId(), name: uniqueName(state, r.name), text: r.text, format: r.format || 'text', warnings: r.warnings || [] };
    state.docs.push(doc);
    added.push(doc.id);
    state.failed = state.failed.filter((f) => f.name !== r.name);
  }
  for (const f of failures) {
    state.failed = state.failed.filter((x) => x.name !== f.name);
    state.failed.push({ id: newId(), name: f.name, message: f.message, code: f.code, params: f.params });
  }
  if (added.length) pairAfterAdd(state, added);
  refreshDocs();
  if (failures.length) {
    setPanel(true);
    say(failures.map((f) => t('status.readFailed', { name: f.name, msg: errorMessage(f) })).join(' · '), 'error');
  } else if (read.length) {
    say(t('status.added', { names: read.map((r) => r.name).join(', ') }));
  }
  if (added.length) {
    persist();
    requestCompare(0);
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
      read.push({ name: d.name || f.name, text: d.text, format: d.format, warnings: d.warnings || [] });
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

function exportReport(kind) {
  $('export').open = false;
  const { layout, report } = view;
  if (!layout || !report) {
    say(t('export.none'), 'error');
    return;
  }
  const n = names();
  const name = exportName(n, kind);
  if (kind === 'json') {
    saveFile(name, reportJson(report), 'application/json');
  } else {
    const split = t(state.config.split === 'paragraphs' ? 'controls.paragraphs' : 'controls.sentences').toLowerCase();
    const settings = t('export.settings', { threshold: formatNumber(state.config.threshold, { minimumFractionDigits: 2 }), split });
    saveFile(name, reportHtml({ report, layout, names: n, summary: $('summary-text').textContent, settings }), 'text/html');
  }
  say(t('export.saved', { name }));
}

// ---------- preferences ----------

function applyTheme() {
  const th = state.prefs.theme;
  if (th === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.dataset.theme = th;
  $('theme-select').value = th;
}

function applyLanguage(lang) {
  setLang(lang);
  applyI18n(document);
  document.title = `recoupe — ${t('app.tagline')}`;
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === getLang()));
  refreshDocs();
  syncControls();
  view.relabel();
  renderSummary($('summary-text'), $('stats'), view.layout, names(), setFilter);
}

function setFilter(f) {
  state.prefs.filter = f;
  for (const r of document.querySelectorAll('input[name="filter"]')) r.checked = r.value === f;
  view.setFilter(f);
  persist();
}

function setPanel(open) {
  const panel = $('docs-panel');
  panel.hidden = !open;
  $('docs-toggle').setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('panel-open', open);
  state.prefs.panel = open;
  view.repaint();
}

function syncControls() {
  const c = state.config;
  $('threshold').value = String(c.threshold);
  $('threshold-value').textContent = formatNumber(c.threshold, { minimumFractionDigits: 2 });
  $('granularity').value = c.split === 'paragraphs' ? 'paragraphs' : 'sentences';
  $('ignore-case').checked = c.ignore_case;
  $('ignore-accents').checked = c.ignore_accents;
  $('ignore-punctuation').checked = c.ignore_punctuation;
  for (const r of document.querySelectorAll('input[name="filter"]')) r.checked = r.value === state.prefs.filter;
}

function swap() {
  if (!state.left || !state.right) return;
  [state.left, state.right] = [state.right, state.left];
  refreshDocs();
  persist();
  requestCompare(0);
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
  $('docs-toggle').addEventListener('click', () => { setPanel($('docs-panel').hidden); persist(); });
  $('swap-button').addEventListener('click', swap);
  $('left-select').addEventListener('change', (e) => pickSide(e.target.value, 'left'));
  $('right-select').addEventListener('change', (e) => pickSide(e.target.value, 'right'));
  $('help-button').addEventListener('click', () => $('help-dialog').showModal());
  $('forget-button').addEventListener('click', async () => {
    if (!window.confirm(t('docs.forget.confirm'))) return;
    try { await clearState(); } catch (e) { /* nothing stored */ }
    cache.clear();
    loadDefaults();
    state.prefs = { ...state.prefs, filter: 'all' };
    syncControls();
    refreshDocs();
    requestCompare(0);
    say(t('status.forgot'));
  });
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => { state.prefs.lang = b.dataset.lang; applyLanguage(b.dataset.lang); persist(); });
  }
  $('theme-select').addEventListener('change', (e) => { state.prefs.theme = e.target.value; applyTheme(); persist(); view.repaint(); });

  const th = $('threshold');
  th.addEventListener('input', () => {
    state.config.threshold = Number(th.value);
    $('threshold-value').textContent = formatNumber(state.config.threshold, { minimumFractionDigits: 2 });
    persist(200);
    requestCompare(250);
  });
  $('granularity').addEventListener('change', (e) => { state.config.split = e.target.value; persist(); requestCompare(0); });
  for (const [id, key] of [['ignore-case', 'ignore_case'], ['ignore-accents', 'ignore_accents'], ['ignore-punctuation', 'ignore_punctuation']]) {
    $(id).addEventListener('change', (e) => { state.config[key] = e.target.checked; persist(); requestCompare(0); });
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

  $('export-html').addEventListener('click', () => exportReport('html'));
  $('export-json').addEventListener('click', () => exportReport('json'));

  installKeys({
    next: () => navigate(view.jump(1, false)),
    prev: () => navigate(view.jump(-1, false)),
    nextUnique: () => navigate(view.jump(1, true)),
    prevUnique: () => navigate(view.jump(-1, true)),
    nextPartner: () => navigate(view.cyclePartner(1)),
    prevPartner: () => navigate(view.cyclePartner(-1)),
    swap,
    toggleDocs: () => { setPanel($('docs-panel').hidden); persist(); },
    help: () => $('help-dialog').showModal(),
  });
  window.addEventListener('beforeunload', () => {
    clearTimeout(saveTimer);
    if (storageOk && dirty) saveState(toStored(state)).catch(() => {});
  });
}

/** Says the outcome of a jump: a status key, or [key, vars]. */
function navigate(status) {
  if (!status) return;
  const [key, vars] = Array.isArray(status) ? status : [status];
  say(t(key, vars));
}

// ---------- start ----------

async function main() {
  wire();
  const loaded = await loadState();
  if (loaded.state) {
    fromStored(state, loaded.state);
    if (state.docs.length === 0 && !loaded.state.documents.length && seeds.pair && loaded.state.left === undefined) loadDefaults();
  } else {
    loadDefaults();
  }
  if (loaded.unavailable) storageOk = false;
  applyLanguage(detectLang(state.prefs.lang, navigator.languages || [navigator.language]));
  applyTheme();
  syncControls();
  view.setFilter(state.prefs.filter);
  setPanel(state.prefs.panel ?? false);
  refreshDocs();
  if (loaded.corrupt) say(t('status.corrupt', { reason: loaded.corrupt }), 'error');
  else if (loaded.unavailable) say(t('status.storageOff'), 'error');
  document.body.classList.add('ready');
  await runCompare();
}

main().catch((e) => say(t('status.failed', { msg: (e && e.message) || String(e) }), 'error'));
