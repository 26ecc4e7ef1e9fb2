// Files and pastes → text to compare: the browser's half of reading. The core is the one
// reader (src/extract.rs, called in a worker of its own: comparer.js createCaller): limits,
// binary refusal, encodings, plain text, Markdown, .docx, and the white space, emptiness and
// text limit of every format. What needs a browser stays here: the file's bytes, and for
// HTML and PDF the text blocks (Mozilla Readability on an inert DOMParser document; pdf.js
// in pdfreader.js), which go back to the core (`read_blocks`).
//
// ingestFile(file)          → {name, text, format, encoding, warnings: [{code, params}]}, or
//                             throws an Error with `code` and `params` (worded by i18n.js,
//                             `error.<code>`; its message is the core's English fallback).
// ingestPaste(dataTransfer) → the same with name null, or null when the paste holds no text.
// checkTotal(sizes)         → throws (code `total-too-large`) when files are too large together.
//
// Safety: file content is parsed only by DOMParser, whose documents are inert (no script
// runs, no image, style or frame is fetched); nothing from a file is ever inserted into the
// live page as HTML, and only text leaves this module. No network.
//
// Line endings are kept (CRLF, CR, LF), as in the command line: offsets refer to the text.

import { Readability } from './vendor/readability.js';
import { readPdf } from './pdfreader.js';
import { callCore as core } from './comparer.js';

let limitsOnce = null;

/** The core's size limits: {max_file_bytes, max_total_bytes, max_text_bytes, max_unpacked_bytes}. */
export function limits() {
  if (!limitsOnce) {
    limitsOnce = core('limits', []);
    limitsOnce.catch(() => { limitsOnce = null; });
  }
  return limitsOnce;
}

/** An Error for a refusal of the core ({code, params, message}) or of this module. */
function refusal({ code, params, message }) {
  const err = new Error(message || code);
  err.code = code;
  err.params = params || {};
  return err;
}

/** Throws when files of these sizes (bytes) are too large together. */
export async function checkTotal(sizes) {
  const refused = await core('check_total', [[...sizes]]);
  if (refused) throw refusal(refused);
}

/** White space collapsed, for comparing a title with a first block. */
function squash(s) {
  return s.replace(/\s+/g, ' ').trim();
}

/** Collects blocks of raw text: [{text, kind}]; the core cleans them. */
function createBuilder() {
  const blocks = [];
  let current = '';
  let kind = 'paragraph';
  return {
    push(s) { current += s; },
    start(k) { this.flush(); kind = k; },
    flush() {
      if (current.trim()) blocks.push({ text: current, kind });
      current = '';
    },
    finish() {
      this.flush();
      return blocks;
    },
  };
}

// ---------------------------------------------------------------------------------------
// HTML: the article through Readability on an inert DOMParser document.

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math',
  'canvas', 'img', 'picture', 'video', 'audio', 'source', 'track', 'button', 'select', 'textarea', 'input', 'head',
  'link', 'meta', 'title', 'frame', 'frameset', 'applet']);
const NEVER_TEXT = 'script, style, noscript, template, iframe, frame, object, embed, applet, svg, math, canvas, textarea, select, button, input, body title';
const FURNITURE = 'nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]';
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BLOCKS = new Set(['address', 'article', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'li', 'caption', 'center', 'aside', 'body', 'html', 'menu']);

/** Blocks of an element's visible text, walked without recursion (hostile nesting). */
function elementBlocks(root) {
  const b = createBuilder();
  const stack = [[root, false]];
  const kinds = [];
  while (stack.length) {
    const [node, leaving] = stack.pop();
    if (leaving) {
      kinds.pop();
      b.start(kinds.length ? kinds[kinds.length - 1] : 'paragraph');
      continue;
    }
    if (node.nodeType === 3) {
      b.push(node.nodeValue || '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node.localName || '').toLowerCase();
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'br') {
      b.push('\n');
      continue;
    }
    if (tag === 'td' || tag === 'th') b.push(' ');
    let kind = null;
    if (HEADINGS.has(tag)) kind = 'heading';
    else if (tag === 'li' || tag === 'dt' || tag === 'dd') kind = 'item';
    else if (BLOCKS.has(tag)) {
      const inherited = kinds.length ? kinds[kinds.length - 1] : 'paragraph';
      kind = inherited === 'heading' ? 'heading' : inherited === 'item' && tag === 'p' ? 'item' : 'paragraph';
    }
    if (kind) {
      b.start(kind);
      kinds.push(kind);
      stack.push([node, true]);
    }
    const children = node.childNodes;
    for (let k = children.length - 1; k >= 0; k -= 1) stack.push([children[k], false]);
  }
  return b.finish();
}

/** Pages with more elements than this skip article detection (a news page has a few thousand). */
const READABILITY_MAX_ELEMENTS = 30_000;

/**
 * The article of an HTML text: {blocks: [{text, kind}], fromReadability}, white space as in
 * the page (the core collapses it). Never runs or loads anything.
 */
export function htmlBlocks(html) {
  const parse = () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // Code, forms and embedded things are never article text (as in src/extract.rs).
    for (const el of doc.querySelectorAll(NEVER_TEXT)) el.remove();
    return doc;
  };
  // Readability's scoring is slow on huge pages and runs on the page's thread: past
  // READABILITY_MAX_ELEMENTS it is skipped and all the visible text is taken instead.
  const doc = parse();
  const small = doc.getElementsByTagName('*').length <= READABILITY_MAX_ELEMENTS;
  let article = null;
  if (small) {
    try {
      article = new Readability(doc, { serializer: (el) => el }).parse();
    } catch (e) {
      article = null;
    }
  }
  let blocks = article && article.content ? elementBlocks(article.content) : [];
  let fromReadability = blocks.length > 0;
  let title = article && article.title ? squash(article.title) : '';
  if (!fromReadability) {
    // Readability rewrote `doc` as it worked; a page too big for it is still intact.
    const page = small ? parse() : doc;
    title = squash(page.title || '');
    for (const el of page.querySelectorAll(FURNITURE)) el.remove();
    blocks = page.body ? elementBlocks(page.body) : [];
  }
  if (title && blocks.length && squash(blocks[0].text) !== title) blocks.unshift({ text: title, kind: 'heading' });
  return { blocks, fromReadability, source: pageSource(small ? parse() : doc, article) };
}

/**
 * Who published a saved web page, when and where, from its metadata when present:
 * {outlet, date (YYYY-MM-DD), url}, each '' when unknown.
 */
export function pageSource(doc, article) {
  const meta = (...names) => {
    for (const n of names) {
      const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
      const v = el && squash(el.getAttribute('content') || '');
      if (v) return v;
    }
    return '';
  };
  const outlet = squash((article && article.siteName) || '') || meta('og:site_name', 'application-name', 'publisher')
    || squash((article && article.byline) || '') || meta('author');
  const when = (article && article.publishedTime) || meta('article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued');
  const date = /^\d{4}-\d{2}-\d{2}/.test(when || '') ? when.slice(0, 10) : '';
  const canonical = doc.querySelector('link[rel="canonical"]');
  const url = meta('og:url') || (canonical && canonical.getAttribute('href')) || '';
  return { outlet: outlet.slice(0, 200), date, url: /^https?:\/\//.test(url) ? url.slice(0, 2000) : '' };
}

// ---------------------------------------------------------------------------------------
// The entry points.

function result(name, r) {
  return { name, text: r.text, format: r.format, encoding: r.encoding, warnings: r.warnings || [], source: r.source || null };
}

/**
 * Text from blocks the page extracted, through the core (`read_blocks`); `own` are the
 * page's readers' warnings, `earlier` those `read` gave.
 */
async function fromBlocks(name, format, encoding, blocks, own, earlier = [], source = null) {
  const r = await core('read_blocks', [{ format, encoding, blocks, warnings: own }]);
  if (r.error) throw refusal(r.error);
  return result(name, { ...r, warnings: earlier.concat(r.warnings), source });
}

/** Extracts the text of bytes (Uint8Array) named `name`; see ingestFile. */
export async function ingestBytes(bytes, name) {
  const r = await core('read', [name, bytes]);
  if (r.error) throw refusal(r.error);
  if (!r.extract) return result(name, r);
  if (r.extract === 'pdf') {
    const { max_text_bytes: maxChars } = await limits();
    const pdf = await readPdf(bytes, maxChars);
    return fromBlocks(name, r.format, r.encoding, pdf.blocks, pdf.warnings, r.warnings);
  }
  // HTML: decoded by the core, or (an encoding the page declares) by the browser, as the
  // core decided.
  let source = r.source;
  if (typeof source !== 'string') {
    try {
      source = new TextDecoder(r.encoding).decode(bytes);
    } catch (e) {
      throw refusal({ code: 'engine', params: { detail: String(e && e.message) } });
    }
  }
  const html = htmlBlocks(source);
  const own = html.fromReadability ? [] : [{ code: 'no-article', params: {} }];
  return fromBlocks(name, r.format, r.encoding, html.blocks, own, r.warnings, html.source);
}

/** Reads a File (from a drop or an <input type=file>) into {name, text, format, encoding, warnings}. */
export async function ingestFile(file) {
  // A file too large is not even read into memory (the limit is the core's).
  const { max_file_bytes: limit } = await limits();
  if (file.size > limit) throw refusal({ code: 'too-large', params: { size: file.size, limit } });
  let buffer;
  try {
    buffer = await file.arrayBuffer();
  } catch (e) {
    throw refusal({ code: 'unreadable', params: {} });
  }
  return ingestBytes(new Uint8Array(buffer), file.name);
}

/** Text of a paste or a dropped selection: plain text first, else the text of rich HTML. */
export async function ingestPaste(dataTransfer) {
  if (!dataTransfer) return null;
  const text = dataTransfer.getData('text/plain') || '';
  try {
    if (text.trim()) return await ingestBytes(new TextEncoder().encode(text), 'pasted.txt').then((r) => ({ ...r, name: null }));
    const html = dataTransfer.getData('text/html') || '';
    if (!html.trim()) return null;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const blocks = doc.body ? elementBlocks(doc.body) : [];
    if (!blocks.length) return null;
    return await fromBlocks(null, 'html', 'UTF-8', blocks, []);
  } catch (e) {
    if (e && e.code === 'text-too-large') e.params = { ...e.params, variant: 'pasted' };
    if (e && (e.code === 'empty' || e.code === 'no-text')) return null;
    throw e;
  }
}
