// PDF → paragraphs, with Mozilla's pdf.js in a worker of its own (see pdf-worker.js).
//
//   const { blocks, pages, warnings } = await readPdf(bytes, maxChars);
//
// pdf.js (about 1.9 MB of script) is embedded gzipped in the single file as `#recoupe-pdfjs`
// and unpacked only when the first PDF arrives, so pages without PDFs never pay for it. The
// worker stays for the next PDF. A PDF that takes longer than PDF_TIME_LIMIT_MS stops the
// worker (the only way to stop pdf.js at once); the next PDF starts a fresh one. Errors carry
// `code` and `params` ('password', 'damaged', 'too-slow' as the core's; 'pdf-failed',
// 'pdf-unavailable'), worded by i18n.js; warnings are {code, params} ('truncated').

import { base64Bytes, gunzip } from './comparer.js';

const PDFJS_ID = 'recoupe-pdfjs';
/** A PDF whose text is not out after this long is given up (the page stays responsive). */
export const PDF_TIME_LIMIT_MS = 60_000;

let workerUrl = null;
let worker = null;
let nextId = 1;
const pending = new Map(); // id → {resolve, reject, timer}

function pdfError(code, params = {}) {
  const err = new Error(code);
  err.code = code;
  err.params = params;
  return err;
}

async function unpackWorkerSource() {
  const el = document.getElementById(PDFJS_ID);
  if (!el || typeof DecompressionStream !== 'function') {
    throw pdfError('pdf-unavailable');
  }
  const gz = base64Bytes(el.textContent || '');
  const source = new TextDecoder().decode(await gunzip(gz));
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

function stopWorker(reason) {
  if (worker) worker.terminate();
  worker = null;
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(reason);
    pending.delete(id);
  }
}

async function startWorker() {
  if (!workerUrl) workerUrl = await unpackWorkerSource();
  if (worker) return worker;
  worker = new Worker(workerUrl, { name: 'recoupe-pdf' });
  worker.onmessage = (event) => {
    const { id, ok, code, params, ...result } = event.data;
    const job = pending.get(id);
    // pdf.js's worker half, on loading, also posts its own "ready" message: it has no id.
    if (!job) return;
    pending.delete(id);
    clearTimeout(job.timer);
    if (ok) job.resolve(result);
    else job.reject(pdfError(code, params));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const detail = event.message || 'unknown error';
    stopWorker(pdfError('pdf-failed', { detail }));
  };
  return worker;
}

async function readOne(bytes, maxChars) {
  const w = await startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = PDF_TIME_LIMIT_MS / 1000;
      stopWorker(pdfError('too-slow', { format: 'pdf', seconds }));
    }, PDF_TIME_LIMIT_MS);
    pending.set(id, { resolve, reject, timer });
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    w.postMessage({ id, bytes: buffer, maxChars }, [buffer]);
  });
}

let queue = Promise.resolve();

/**
 * Reads the text of a PDF (Uint8Array; its buffer is handed over to the worker): resolves to
 * {blocks: [{text}], pages, warnings: [{code, params}]}; stops reading pages once `maxChars` are out. PDFs are
 * read one at a time, so the time limit of one never stops another.
 */
export function readPdf(bytes, maxChars) {
  const run = () => readOne(bytes, maxChars);
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}
