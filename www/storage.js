// What the user loaded, kept in this browser only (IndexedDB), so it survives a reload or a
// crash. One record holds the whole state; it is validated on load, and a record that does
// not validate is reported and dropped, never fatal.

const DB_NAME = 'recoupe';
const STORE = 'state';
const KEY = 'current';
/** Version of the stored record's shape. */
export const STATE_VERSION = 1;

function openDb() {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(DB_NAME, 1);
    } catch (e) {
      reject(e);
      return;
    }
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error || new Error('indexedDB.open failed'));
    req.onblocked = () => reject(new Error('indexedDB blocked'));
  });
}

function tx(mode, fn) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tr = db.transaction(STORE, mode);
    const store = tr.objectStore(STORE);
    let result;
    const req = fn(store);
    if (req) req.onsuccess = () => { result = req.result; };
    tr.oncomplete = () => { db.close(); resolve(result); };
    tr.onerror = () => { db.close(); reject(tr.error || new Error('transaction failed')); };
    tr.onabort = () => { db.close(); reject(tr.error || new Error('transaction aborted')); };
  }));
}

/**
 * Loads the stored state. Resolves to {state} (null when nothing is stored), or
 * {state: null, corrupt: reason} after dropping an unreadable record, or
 * {state: null, unavailable: true} when IndexedDB cannot be used.
 */
export async function loadState() {
  let raw;
  try {
    raw = await tx('readonly', (s) => s.get(KEY));
  } catch (e) {
    return { state: null, unavailable: true };
  }
  if (raw === undefined || raw === null) return { state: null };
  const problem = validate(raw);
  if (problem) {
    try { await clearState(); } catch (e) { /* reported below anyway */ }
    return { state: null, corrupt: problem };
  }
  return { state: raw };
}

/** Stores the state (a plain object; see `validate` for its shape). */
export function saveState(state) {
  return tx('readwrite', (s) => s.put(state, KEY));
}

/** Forgets everything stored. */
export function clearState() {
  return tx('readwrite', (s) => s.delete(KEY));
}

/** Returns null when `raw` has the expected shape, else a short reason. */
export function validate(raw) {
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'not an object';
  if (raw.version !== STATE_VERSION) return `unknown version ${String(raw.version).slice(0, 20)}`;
  if (!Array.isArray(raw.documents)) return 'no document list';
  const ids = new Set();
  for (const d of raw.documents) {
    if (!d || typeof d !== 'object') return 'a document is not an object';
    if (typeof d.id !== 'string' || !d.id || ids.has(d.id)) return 'a document id is missing or repeated';
    if (typeof d.name !== 'string' || typeof d.text !== 'string') return 'a document has no name or text';
    if (d.warnings !== undefined && !Array.isArray(d.warnings)) return 'bad warnings';
    ids.add(d.id);
  }
  for (const k of ['left', 'right']) {
    if (raw[k] !== null && raw[k] !== undefined && !ids.has(raw[k])) return `the ${k} document does not exist`;
  }
  if (raw.config !== undefined && (typeof raw.config !== 'object' || raw.config === null)) return 'bad settings';
  if (raw.prefs !== undefined && (typeof raw.prefs !== 'object' || raw.prefs === null)) return 'bad preferences';
  return null;
}
