// The comparison worker (a classic script). It runs inside a Web Worker made from a Blob
// of: the wasm-bindgen `--target no-modules` glue (which defines the global `wasm_bindgen`)
// followed by this file. See www/comparer.js for the other side.
//
// Messages in:
//   {type: 'init', module: WebAssembly.Module}        -> {type: 'ready', version, defaults}
//                                                         | {type: 'fatal', message}
//   {type: 'compare', id, documents, config}           -> {type: 'progress', id, phase, fraction}*
//                                                          then {type: 'result-part', id, key, doc?, items}*
//                                                          and  {type: 'result', id, report}
//                                                          or   {type: 'error', id, message}
// A large report comes in pieces: `result` carries it with its long arrays (links, groups,
// facts, each document's segments) emptied, and the `result-part`s before it carry their
// items in order, so that no one message takes the page long to receive (comparer.js puts
// them back together).
//   {type: 'call', id, fn, args}                      -> {type: 'return', id, value}
//                                                          or   {type: 'error', id, message}
// Phases: 'started', 'decoding', 'reading', then, for texts long enough to take a while,
// the core's own stages ('segmenting', 'aligning', 'diffing', throttled by the core, with
// `within`: how far the stage is, 0..1), and 'done'. A compare can only be stopped by
// terminating the worker (the wasm call is synchronous): comparer.js does that.
// `call` runs one of the core's short functions (CALLS: reading files, exports; src/wasm.rs); the
// page sends those to a second worker of this same source (comparer.js, createCaller), so
// a long comparison never delays reading a file.
/* global wasm_bindgen */
'use strict';

let ready = null;

/** Where each stage of the core sits on the progress bar: [from, to]. */
const STAGES = { segmenting: [0.3, 0.4], aligning: [0.4, 0.8], diffing: [0.8, 0.98] };

function post(message) {
  self.postMessage(message);
}

function messageOf(e) {
  if (e && typeof e.message === 'string' && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return String(e || 'unknown error');
}

function init(module) {
  ready = wasm_bindgen({ module_or_path: module }).then(
    // The core's defaults of the settings travel with `ready`: the page shows them (state.js).
    () => post({ type: 'ready', version: wasm_bindgen.version(), defaults: wasm_bindgen.defaults() }),
    (e) => {
      post({ type: 'fatal', message: 'could not start the comparison engine: ' + messageOf(e) });
      throw e;
    },
  );
}

async function compare(id, documents, config) {
  post({ type: 'progress', id, phase: 'started', fraction: 0.02 });
  try {
    await ready;
  } catch (e) {
    post({ type: 'error', id, message: 'the comparison engine did not start: ' + messageOf(e) });
    return;
  }
  post({ type: 'progress', id, phase: 'decoding', fraction: 0.1 });
  const docs = [];
  for (const d of Array.isArray(documents) ? documents : []) {
    let text = d && d.text;
    if (text instanceof ArrayBuffer || ArrayBuffer.isView(text)) {
      // Bytes are decoded here so that big files never block the page.
      text = new TextDecoder('utf-8').decode(text);
    }
    const doc = { name: String((d && d.name) || ''), text: typeof text === 'string' ? text : String(text ?? '') };
    // The account's date (YYYY-MM-DD) anchors its relative dates; the core checks it.
    if (d && typeof d.date === 'string' && d.date) doc.date = d.date;
    docs.push(doc);
  }
  post({ type: 'progress', id, phase: 'reading', fraction: 0.3 });
  let report;
  try {
    report = wasm_bindgen.compare({ documents: docs, config: config || {} }, (stage, done, total) => {
      const span = STAGES[stage];
      if (!span) return;
      const within = total > 0 ? Math.min(1, done / total) : 0;
      post({ type: 'progress', id, phase: stage, fraction: span[0] + (span[1] - span[0]) * within, within });
    });
  } catch (e) {
    post({ type: 'error', id, message: messageOf(e) });
    return;
  }
  post({ type: 'progress', id, phase: 'done', fraction: 1 });
  post({ type: 'result', id, report: inParts(report, (part) => post({ type: 'result-part', id, ...part })) });
}

/** Items per `result-part`: a hundred links (with their diffs) take a few milliseconds to receive. */
const PART = 100;

/** Sends the long arrays of `report` through `send` in parts; returns the report without them. */
function inParts(report, send) {
  if (!report || typeof report !== 'object') return report;
  const head = { ...report };
  for (const [key, value] of Object.entries(report)) {
    if (key === 'documents' && Array.isArray(value)) {
      head.documents = value.map((d, doc) => {
        const segs = d && Array.isArray(d.segments) ? d.segments : null;
        if (!segs || segs.length <= PART) return d;
        for (let k = 0; k < segs.length; k += PART) send({ key: 'segments', doc, items: segs.slice(k, k + PART) });
        return { ...d, segments: [] };
      });
    } else if (Array.isArray(value) && value.length > PART) {
      for (let k = 0; k < value.length; k += PART) send({ key, items: value.slice(k, k + PART) });
      head[key] = [];
    }
  }
  return head;
}

const CALLS = new Set(['read', 'read_blocks', 'limits', 'check_total', 'export_report']);

async function call(id, fn, args) {
  try {
    await ready;
  } catch (e) {
    post({ type: 'error', id, message: 'the engine did not start: ' + messageOf(e) });
    return;
  }
  if (!CALLS.has(fn)) {
    post({ type: 'error', id, message: `no such engine function: ${fn}` });
    return;
  }
  let value;
  try {
    value = wasm_bindgen[fn](...(Array.isArray(args) ? args : []));
  } catch (e) {
    post({ type: 'error', id, message: messageOf(e) });
    return;
  }
  post({ type: 'return', id, value });
}

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') init(msg.module);
  else if (msg.type === 'compare') compare(msg.id, msg.documents, msg.config);
  else if (msg.type === 'call') call(msg.id, msg.fn, msg.args);
};
