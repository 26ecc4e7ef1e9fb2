// The worker client: runs comparisons in a Web Worker so the page never freezes.
//
//   const comparer = createComparer();
//   const { version, defaults } = await comparer.ready; // compiled and started; the core's defaults
//   const report = await comparer.compare(documents, config, (p) => ...);
//   comparer.cancel();                         // stops the running comparison at once
//
// - `documents`: [{name, text, date?, source?, url?}], `config`: see ARCHITECTURE.md; the promise resolves to the
//   report ("recoupe/1") or rejects with an Error whose message is the engine's.
// - Progress: `onProgress({phase, fraction, within})`, phase 'started' | 'decoding' |
//   'reading' | 'done', and for long texts the core's 'segmenting' | 'aligning' | 'diffing'
//   (`within`: how far that stage is, 0..1), then 'receiving' while a large report arrives
//   in parts (worker.js sends its long arrays in pieces: no message blocks the page long).
// - A newer compare() supersedes an older one: the older promise rejects with an Error whose
//   `reason` is 'superseded'. cancel() rejects the running one with reason 'cancelled',
//   terminates the worker (the only way to stop a synchronous wasm call) and starts a fresh
//   one from the already compiled module.
// - createCaller(): a second engine worker for the core's short functions (reading files:
//   `await caller.call('read', [name, bytes])`), started on the first call.
// - Where the engine comes from: the single file built by `cargo xtask build` carries the
//   wasm (gzipped, base64, `#recoupe-wasm`) and the worker source (glue + worker.js,
//   `#recoupe-worker`). The worker is a Blob URL, so it works from file:// too.

const WASM_ID = 'recoupe-wasm';
const WORKER_ID = 'recoupe-worker';

function fail(message, reason) {
  const e = new Error(message);
  if (reason) e.reason = reason;
  return e;
}

/** Bytes of a base64 data block (white space ignored). */
export function base64Bytes(b64) {
  const bin = atob(b64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Gunzips `bytes` with the browser's own DecompressionStream. */
export async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The engine's sources embedded in the page: {wasmBytes, workerSource}. */
async function embeddedSources(doc) {
  const wasmEl = doc.getElementById(WASM_ID);
  const workerEl = doc.getElementById(WORKER_ID);
  if (!wasmEl || !workerEl) {
    throw fail('the comparison engine is not in this page (build it with `cargo xtask build` and open dist/recoupe.html)', 'missing');
  }
  // The build gzips the wasm (it is then less than half as large in the page).
  const raw = base64Bytes(wasmEl.textContent || '');
  const wasmBytes = wasmEl.dataset.encoding === 'gzip' ? await gunzip(raw) : raw;
  return { wasmBytes, workerSource: workerEl.textContent || '' };
}

/** Compiled once per page: the comparer and the caller share it. */
let embeddedModule = null;

function compileSources(options) {
  if (options.wasmBytes && options.workerSource) {
    return WebAssembly.compile(options.wasmBytes).then((module) => ({ module, workerSource: options.workerSource }));
  }
  if (!embeddedModule) {
    embeddedModule = (async () => {
      const sources = await embeddedSources(document);
      return { module: await WebAssembly.compile(sources.wasmBytes), workerSource: sources.workerSource };
    })();
    embeddedModule.catch(() => { embeddedModule = null; });
  }
  return embeddedModule;
}

/** Puts a report sent in parts (worker.js `inParts`) back together. */
export function assemble(report, parts) {
  if (!parts || !report) return report;
  for (const p of parts) {
    if (p.key === 'segments') {
      const d = report.documents && report.documents[p.doc];
      if (d) for (const x of p.items) d.segments.push(x);
    } else {
      if (!Array.isArray(report[p.key])) report[p.key] = [];
      for (const x of p.items) report[p.key].push(x);
    }
  }
  return report;
}

/**
 * Creates a comparer. `options` (for tests): {wasmBytes, workerSource} instead of the
 * embedded ones.
 */
export function createComparer(options = {}) {
  let workerSource;
  let module = null;
  let worker = null;
  let workerUrl = null;
  let workerReady = null;
  let current = null; // {id, resolve, reject, onProgress}
  let nextId = 1;

  const compiled = (async () => {
    ({ module, workerSource } = await compileSources(options));
    workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  })();

  function settle(fn, value) {
    const job = current;
    current = null;
    if (job) job[fn](value);
  }

  function startWorker() {
    const w = new Worker(workerUrl, { name: 'recoupe-compare' });
    worker = w;
    workerReady = new Promise((resolve, reject) => {
      w.onmessage = (event) => {
        if (w !== worker) return;
        const msg = event.data || {};
        if (msg.type === 'ready') resolve({ version: msg.version, defaults: msg.defaults });
        else if (msg.type === 'fatal') {
          reject(fail(msg.message, 'fatal'));
          settle('reject', fail(msg.message, 'fatal'));
        } else if (current && msg.id === current.id) {
          if (msg.type === 'progress') {
            if (current.onProgress) {
              try { current.onProgress({ phase: msg.phase, fraction: msg.fraction, within: msg.within }); } catch (e) { /* the caller's problem */ }
            }
          } else if (msg.type === 'result-part') {
            if (!current.parts) {
              current.parts = [];
              if (current.onProgress) {
                try { current.onProgress({ phase: 'receiving', fraction: 1 }); } catch (e) { /* the caller's problem */ }
              }
            }
            current.parts.push(msg);
          } else if (msg.type === 'result') settle('resolve', assemble(msg.report, current.parts));
          else if (msg.type === 'error') settle('reject', fail(msg.message, 'error'));
        }
      };
      w.onerror = (event) => {
        if (w !== worker) return;
        event.preventDefault();
        const e = fail('the comparison engine crashed: ' + (event.message || 'unknown error'), 'crashed');
        reject(e);
        settle('reject', e);
        restart();
      };
    });
    workerReady.catch(() => {}); // observed by `ready` and compare()
    w.postMessage({ type: 'init', module });
  }

  function restart() {
    if (worker) worker.terminate();
    worker = null;
    startWorker();
  }

  const ready = compiled.then(() => {
    startWorker();
    return workerReady;
  });
  ready.catch(() => {});

  async function compare(documents, config, onProgress) {
    if (current) settle('reject', fail('superseded by a newer comparison', 'superseded'));
    const job = { id: nextId++, onProgress };
    const done = new Promise((resolve, reject) => { job.resolve = resolve; job.reject = reject; });
    current = job;
    try {
      await ready;
      if (!worker) startWorker();
      await workerReady;
    } catch (e) {
      if (current === job) settle('reject', e instanceof Error ? e : fail(String(e)));
      return done;
    }
    if (current !== job) return done; // superseded or cancelled while starting
    worker.postMessage({ type: 'compare', id: job.id, documents, config: config || {} });
    return done;
  }

  function cancel() {
    if (!current) return; // nothing runs: keep the warm worker
    settle('reject', fail('cancelled', 'cancelled'));
    if (module && workerUrl) restart();
  }

  function dispose() {
    if (current) settle('reject', fail('cancelled', 'cancelled'));
    if (worker) worker.terminate();
    worker = null;
    if (workerUrl) URL.revokeObjectURL(workerUrl);
  }

  return { compare, cancel, dispose, ready };
}

/**
 * A second engine worker for the core's short functions (worker.js `call`: reading files),
 * so that reading never waits behind a comparison nor dies with a cancelled one.
 *
 *   const caller = createCaller();
 *   const result = await caller.call('read', [name, bytes]);
 *
 * Started on the first call (and again after a crash); calls are answered in order. Rejects
 * with an Error whose `reason` is 'engine' (the core threw), 'fatal' or 'crashed'.
 * `options`: as createComparer's.
 */
export function createCaller(options = {}) {
  let started = null;
  let nextId = 1;
  const pending = new Map(); // id → {resolve, reject}

  function start() {
    started = (async () => {
      const { module, workerSource } = await compileSources(options);
      const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
      const w = new Worker(url, { name: 'recoupe-read' });
      await new Promise((resolve, reject) => {
        w.onmessage = (event) => {
          const msg = event.data || {};
          if (msg.type === 'ready') resolve();
          else if (msg.type === 'fatal') reject(fail(msg.message, 'fatal'));
          else if (pending.has(msg.id)) {
            const job = pending.get(msg.id);
            pending.delete(msg.id);
            if (msg.type === 'return') job.resolve(msg.value);
            else job.reject(fail(msg.message, 'engine'));
          }
        };
        w.onerror = (event) => {
          event.preventDefault();
          const e = fail('the reading engine crashed: ' + (event.message || 'unknown error'), 'crashed');
          reject(e);
          for (const job of pending.values()) job.reject(e);
          pending.clear();
          started = null;
          w.terminate();
        };
        w.postMessage({ type: 'init', module });
      });
      return w;
    })();
    started.catch(() => { started = null; });
    return started;
  }

  async function call(fn, args = []) {
    const w = await (started || start());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ type: 'call', id, fn, args });
    });
  }

  return { call };
}

let sharedCaller = null;
/** Calls one of the core's short functions (src/wasm.rs) in the page's one reading worker. */
export function callCore(fn, args = []) {
  if (!sharedCaller) sharedCaller = createCaller();
  return sharedCaller.call(fn, args);
}
