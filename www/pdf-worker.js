// The PDF worker: text out of a PDF with Mozilla's pdf.js, off the page's thread.
/* global pdfjsLib */
//
// Not a module of the page: `cargo xtask build` puts pdf.js's worker half and API half in
// front of this file (as `pdfjsWorker` and `pdfjsLib`) and embeds the whole, gzipped, as
// `#recoupe-pdfjs`; `pdfreader.js` starts it as a (classic) worker from a Blob URL on the first
// PDF. pdf.js finds its worker half already loaded and runs it in this same thread, so
// nothing else is started or fetched.
//
// In:  {id, bytes: ArrayBuffer, maxChars}
// Out: {id, ok: true, blocks: [{text}], pages, warnings: [{code, params}]} or
//      {id, ok: false, code, params}: codes only, worded by the page (i18n.js, error.<code>)
//
// Reading order is the order of the text in the page's content (as in Firefox's reader and
// find bar), not a geometric sort, which would mix the columns of a two-column page. Lines
// become paragraphs on a vertical gap, a change of font size or a jump back up the page;
// running headers, footers and page numbers that repeat on most pages are left out.

const OPTIONS = {
  isEvalSupported: false, // pdf.js never compiles code from a file (our CSP forbids it anyway)
  enableXfa: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  useWasm: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  disableAutoFetch: true,
  disableStream: true,
  disableRange: true,
  stopAtErrors: false,
  verbosity: 0,
};

const PAGE_NUMBER = /^\s*(?:(?:page|p\.)\s*)?\d{1,4}\s*(?:(?:\/|sur|of|de)\s*\d{1,4})?\s*$/i;
const ENDS_SENTENCE = /[.!?…:;»”"')\]]\s*$/;

function median(values) {
  if (!values.length) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** pdf.js text items → lines [{text, y, size}], in content order. */
function pageLines(items) {
  const lines = [];
  let cur = null;
  const flush = () => {
    if (cur && cur.text.trim()) {
      lines.push({ text: cur.text.replace(/\s+/g, ' ').trim(), y: cur.y, size: cur.size, x0: cur.x0, x1: cur.endX });
    }
    cur = null;
  };
  for (const item of items) {
    if (typeof item.str !== 'string') continue; // marked-content markers
    const [, , c, d, x, y] = item.transform;
    const size = Math.hypot(c, d) || item.height || 10;
    if (cur && item.str.trim() && Math.abs(y - cur.y) > Math.max(size, cur.size) * 0.5) flush();
    if (!cur) cur = { text: '', y, size, x0: x, endX: x };
    if (cur.text && item.str && x - cur.endX > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(item.str)) {
      cur.text += ' ';
    }
    cur.text += item.str;
    if (item.str.trim()) {
      cur.endX = x + (item.width || 0);
      cur.size = Math.max(cur.size, size);
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

/**
 * Lines of one page → paragraphs (arrays of lines). A paragraph ends at a gap wider than the
 * page's usual line spacing, at a jump back up (a new column), at a change of font size (a
 * heading), or after a line that stops well short of the usual right edge when the next
 * starts with a capital (the last line of a paragraph set without space between paragraphs).
 */
function pageParagraphs(lines) {
  const gaps = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (gap > 0) gaps.push(gap);
  }
  const usual = median(gaps);
  const rightEdge = median(lines.map((l) => l.x1));
  const width = rightEdge - median(lines.map((l) => l.x0));
  const paragraphs = [];
  let para = [];
  for (let i = 0; i < lines.length; i++) {
    if (para.length) {
      const prev = lines[i - 1];
      const line = lines[i];
      const gap = prev.y - line.y;
      const resized = line.size > prev.size * 1.15 || prev.size > line.size * 1.15;
      const short = lines.length >= 4 && width > 0 && prev.x1 < rightEdge - width * 0.25 && /^[\p{Lu}\d«“"]/u.test(line.text);
      if (gap <= 0 || (usual > 0 && gap > usual * 1.4 + 0.5) || resized || short) {
        paragraphs.push(para);
        para = [];
      }
    }
    para.push(lines[i]);
  }
  if (para.length) paragraphs.push(para);
  return paragraphs;
}

/** Drops page numbers and the running headers and footers that repeat on most pages. */
function dropFurniture(pages) {
  const key = (line) => line.text.toLowerCase().replace(/\d+/g, '#');
  const edges = (lines) => new Set([0, 1, lines.length - 2, lines.length - 1].filter((i) => i >= 0 && i < lines.length));
  const counts = new Map();
  for (const lines of pages) {
    const seen = new Set([...edges(lines)].map((i) => key(lines[i])));
    for (const k of seen) counts.set(k, (counts.get(k) || 0) + 1);
  }
  const repeated = (k) => pages.length >= 3 && counts.get(k) >= Math.max(3, Math.ceil(pages.length * 0.6));
  return pages.map((lines) => {
    const at = edges(lines);
    return lines.filter((line, i) => !(at.has(i) && (PAGE_NUMBER.test(line.text) || repeated(key(line)))));
  });
}

/** Joins the lines of a paragraph: a line end is a space, except after a word broken by a hyphen. */
function joinLines(lines) {
  let text = '';
  for (const { text: line } of lines) {
    if (!text) text = line;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) text += line;
    else text += ` ${line}`;
  }
  return text;
}

async function extract(bytes, maxChars) {
  const task = pdfjsLib.getDocument({ ...OPTIONS, data: new Uint8Array(bytes) });
  // No onPassword: pdf.js then rejects with a PasswordException, which failure() names.
  const warnings = [];
  try {
    const doc = await task.promise;
    const pages = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages && chars <= maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const lines = pageLines(content.items);
      for (const line of lines) chars += line.text.length + 1;
      pages.push(lines);
      page.cleanup();
    }
    if (pages.length < doc.numPages) warnings.push({ code: 'truncated', params: { read: pages.length, pages: doc.numPages } });
    // Paragraphs may run over a page break: continue one when it stops mid-sentence and the
    // next page starts in lower case.
    const blocks = [];
    let open = null;
    for (const lines of dropFurniture(pages)) {
      const paragraphs = pageParagraphs(lines);
      paragraphs.forEach((para, i) => {
        if (i === 0 && open && !ENDS_SENTENCE.test(joinLines(open)) && /^\p{Ll}/u.test(para[0].text)) {
          open = open.concat(para);
          return;
        }
        if (open) blocks.push({ text: joinLines(open) });
        open = para;
      });
    }
    if (open) blocks.push({ text: joinLines(open) });
    return { blocks, pages: doc.numPages, warnings };
  } finally {
    task.destroy();
  }
}

function failure(err) {
  const name = (err && err.name) || '';
  if (name === 'PasswordException') {
    return { code: 'password', params: { format: 'pdf' } };
  }
  if (name === 'InvalidPDFException' || name === 'MissingPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return { code: 'damaged', params: { format: 'pdf' } };
  }
  const detail = String((err && err.message) || err).slice(0, 200);
  return { code: 'pdf-failed', params: { detail } };
}

self.onmessage = async (event) => {
  const { id, bytes, maxChars } = event.data;
  try {
    const result = await extract(bytes, maxChars);
    self.postMessage({ id, ok: true, ...result });
  } catch (err) {
    self.postMessage({ id, ok: false, ...failure(err) });
  }
};
