// The page's state: loaded documents, which two face each other, comparison settings and
// interface preferences. Plain data, changed only through the store (store.js `update`).

import { STATE_VERSION } from './storage.js';

/**
 * Comparison settings: the core owns every default (src/report.rs `RequestConfig::defaults`,
 * sent to the page at start as `state.defaults`); `state.config` holds only what the user
 * changed, and only that is sent: the same file gives the same report here and on the command
 * line. The settings the page can change, each with its check.
 */
export const SETTINGS = {
  split: (v) => ['sentences', 'paragraphs', 'lines'].includes(v),
  threshold: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  ignore_case: (v) => typeof v === 'boolean',
  ignore_accents: (v) => typeof v === 'boolean',
  ignore_punctuation: (v) => typeof v === 'boolean',
};

/**
 * What the page used as its own defaults before the core owned them (stored records of then
 * hold every setting): a stored value equal to these was not a choice of the user's.
 */
const FORMER_PAGE_DEFAULTS = { split: 'sentences', threshold: 0.21, ignore_case: true, ignore_accents: true, ignore_punctuation: true };

/** The settings in force: the core's defaults under the user's changes. */
export function settingsOf(state) {
  return { ...(state.defaults || {}), ...state.config };
}

export function createState() {
  return {
    docs: [],     // {id, name, text, format, warnings, sample}: `sample` marks the example a first visit opens
    failed: [],   // {id, name, message, code, params}: files that could not be read, shown next to their name
    left: null,   // id of the document in column A
    right: null,  // id of the document in column B
    config: {},        // the settings the user changed (see SETTINGS)
    defaults: null,    // the core's defaults, from the core at start (not stored)
    matrixOpen: null, // the matrix row open (its key), not stored
    exportScope: null, // 'all' | 'pair' once chosen in the Export menu, not stored
    find: { open: false, query: '', index: 0 }, // the page's Find (find-view.js), not stored
    prefs: Object.fromEntries(Object.entries(PREFS).map(([k, [def]]) => [k, def])),
  };
}

/**
 * Interface preferences: name -> [default, check(stored value) -> bool]. A new preference
 * (e.g. `view: ['reading', (v) => ['reading', 'matrix'].includes(v)]`) is one line here:
 * it is then created, stored, restored and validated like the others.
 */
export const PREFS = {
  lang: [null, (v) => typeof v === 'string'],
  theme: ['auto', (v) => ['auto', 'light', 'dark'].includes(v)],
  filter: ['all', (v) => ['all', 'diff', 'left', 'right'].includes(v)],
  panel: [null, (v) => typeof v === 'boolean'],
  // 'auto': "who reports what" for three accounts or more, side by side for two.
  view: ['auto', (v) => ['auto', 'pair', 'matrix'].includes(v)],
  matrixFilter: ['all', (v) => ['all', 'everyone', 'one', 'conflicts'].includes(v)],
  matrixSort: ['most', (v) => typeof v === 'string' && /^(most|fewest|doc:\d+)$/.test(v)],
};

let counter = 0;
export function newId() {
  counter += 1;
  return `d${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The record stored in IndexedDB. */
export function toStored(state) {
  return {
    version: STATE_VERSION,
    documents: state.docs.map((d) => ({
      id: d.id, name: d.name, text: d.text, format: d.format || 'text', warnings: d.warnings || [], sample: !!d.sample,
      source: d.source || null,
    })),
    left: state.left,
    right: state.right,
    config: { ...state.config },
    configKind: 'changes',
    prefs: { ...state.prefs },
  };
}

/** Fills `state` from a validated stored record; unknown or odd settings fall back to defaults. */
export function fromStored(state, raw) {
  state.docs = raw.documents.map((d) => ({
    id: d.id, name: d.name, text: d.text, format: typeof d.format === 'string' ? d.format : 'text',
    warnings: (d.warnings || []).filter((w) => typeof w === 'string'), sample: d.sample === true,
    source: cleanSource(d.source),
  }));
  state.left = raw.left ?? null;
  state.right = raw.right ?? null;
  const c = raw.config || {};
  const former = raw.configKind !== 'changes';
  state.config = Object.fromEntries(Object.entries(SETTINGS)
    .filter(([k, ok]) => ok(c[k]) && !(former && c[k] === FORMER_PAGE_DEFAULTS[k]))
    .map(([k]) => [k, c[k]]));

  const p = raw.prefs || {};
  state.prefs = Object.fromEntries(Object.entries(PREFS).map(([k, [def, ok]]) => [k, ok(p[k]) ? p[k] : def]));
  fixPair(state);
}

/** Keeps `left`/`right` pointing at two distinct loaded documents when there are two. */
export function fixPair(state) {
  const ids = state.docs.map((d) => d.id);
  if (!ids.includes(state.left)) state.left = null;
  if (!ids.includes(state.right)) state.right = null;
  if (state.left && state.left === state.right) state.right = null;
  if (!state.left) state.left = ids.find((id) => id !== state.right) ?? null;
  if (!state.right) state.right = ids.find((id) => id !== state.left) ?? null;
}

/**
 * After adding documents `added` (ids, in order): two or more new ones face each other;
 * a single new one takes column B, facing the current A.
 */
export function pairAfterAdd(state, added) {
  if (added.length >= 2) {
    state.left = added[0];
    state.right = added[1];
  } else if (added.length === 1) {
    if (!state.left || state.left === added[0]) state.left = state.docs.find((d) => d.id !== added[0])?.id ?? added[0];
    state.right = added[0];
    if (state.left === state.right) state.left = null;
  }
  fixPair(state);
}

export function docById(state, id) {
  return state.docs.find((d) => d.id === id) || null;
}

/** A name not already used by a loaded document ("name (2)", ...). */
export function uniqueName(state, name) {
  const base = name.trim() || 'document';
  const used = new Set(state.docs.map((d) => d.name));
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) {
    const cand = `${base} (${k})`;
    if (!used.has(cand)) return cand;
  }
}

/** The view on screen: the preference, or for 'auto' the matrix from three accounts on. */
/**
 * What an export covers: 'all' the accounts compared, or the 'pair' on screen. Two accounts
 * are both; beyond, the user's choice, else what the view shows (the grid: all; side by side:
 * the pair).
 */
export function exportScopeOf(state, compared) {
  if (compared <= 2) return 'all';
  return state.exportScope || (viewOf(state) === 'matrix' ? 'all' : 'pair');
}

export function viewOf(state) {
  const v = state.prefs.view;
  if (state.docs.length < 2) return 'pair';
  if (v === 'auto') return state.docs.length >= 3 ? 'matrix' : 'pair';
  return v;
}

/**
 * A document's source as the page keeps it: {outlet, date (YYYY-MM-DD), url}, strings only,
 * or null when nothing is known. Anything else (a stored record, a web page's metadata) is
 * cleaned through here.
 */
export function cleanSource(raw) {
  if (!raw || typeof raw !== 'object') return null;
  const str = (v, n) => (typeof v === 'string' ? v.trim().slice(0, n) : '');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(str(raw.date, 10)) ? str(raw.date, 10) : '';
  const url = /^https?:\/\/\S+$/.test(str(raw.url, 2000)) ? str(raw.url, 2000) : '';
  const source = { outlet: str(raw.outlet, 200), date, url };
  return source.outlet || source.date || source.url ? source : null;
}

/**
 * The documents of a core request: name and text, and what the user gave of the source.
 * The account's own date anchors its relative dates ("vendredi", "yesterday"); the outlet
 * and the address only travel into exported reports.
 */
export function requestDocuments(docs) {
  return docs.map((d) => {
    const out = { name: d.name, text: d.text };
    if (d.source?.date) out.date = d.source.date;
    if (d.source?.outlet) out.source = d.source.outlet;
    if (d.source?.url) out.url = d.source.url;
    return out;
  });
}
