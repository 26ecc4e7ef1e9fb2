// Files and pastes → text to compare. The page's twin of src/decode.rs + src/extract.rs.
//
// ingestFile(file)        → {name, text, format, encoding, warnings}, or throws an Error whose
//                           message can be shown next to the file name (err.code and
//                           err.params name the case, for translation).
// ingestPaste(dataTransfer) → {name: null, text, format, encoding, warnings}, or null when
//                           the paste holds no text; throws like ingestFile when too large.
// checkTotal(sizes)       → throws when the files of one comparison are too large together.
//
// Safety: file content is parsed only by DOMParser, whose documents are inert (no script
// runs, no image, style or frame is fetched); nothing from a file is ever inserted into the
// live page as HTML, and only text leaves this module. No network.
//
// Formats: plain text (UTF-8 with or without BOM, UTF-16 LE/BE, Windows-1252), Markdown,
// HTML (the article, through Mozilla Readability), Word .docx (a small zip reader with
// DecompressionStream and DOMParser for the XML), PDF (the text layer, with Mozilla's pdf.js
// in a worker of its own: pdfreader.js).
//
// Line endings are kept (CRLF, CR, LF), as in the command line: offsets refer to the text.

import { Readability } from './vendor/readability.js';
import { readPdf } from './pdfreader.js';
import { formatSize } from './size.js';

/** Largest file accepted, in bytes (same as MAX_FILE_BYTES in src/extract.rs). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Largest total of the files of one comparison, in bytes. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** Largest text extracted from one file, in UTF-8 bytes (about 300,000 words). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** Largest part unpacked from a .docx: a zip bomb stops here. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const READS = 'recoupe reads .txt, .md, .html, .docx and .pdf files';

function inputError(code, message, params) {
  const err = new Error(message);
  err.code = code;
  err.params = params || {};
  return err;
}

/** Throws when files of these sizes (bytes) are too large together. */
export function checkTotal(sizes) {
  const size = [...sizes].reduce((a, b) => a + b, 0);
  if (size > MAX_TOTAL_BYTES) {
    throw inputError('total-too-large',
      `the files together are ${formatSize(size)}, more than the limit of ${formatSize(MAX_TOTAL_BYTES)} in total`,
      { size, limit: MAX_TOTAL_BYTES });
  }
}

// ---------------------------------------------------------------------------------------
// Bytes → text.

const SIGNATURES = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Office document other than .docx)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old Microsoft Office document (.doc, .xls, .ppt)'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'a Rich Text Format (.rtf) document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF executable)'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
  [[0x4f, 0x67, 0x67, 0x53], 'an Ogg audio or video file'],
  [[0x66, 0x4c, 0x61, 0x43], 'a FLAC audio file'],
  [[0x77, 0x4f, 0x46, 0x46], 'a web font'],
  [[0x77, 0x4f, 0x46, 0x32], 'a web font'],
];

function startsWith(bytes, magic, at = 0) {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i += 1) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function binarySignature(bytes) {
  for (const [magic, what] of SIGNATURES) if (startsWith(bytes, magic)) return what;
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return 'an MP4/QuickTime video or audio file';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) return 'a RIFF media file (WebP, WAV, AVI)';
  if (startsWith(bytes, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) return 'an SQLite database';
  return null;
}

/** `detail` names the case for translation: {variant: 'nul-byte' | 'nul-char' | 'controls', ...numbers}. */
function binaryError(what, detail = {}) {
  return inputError('binary', `this is ${what}, not text; ${READS}`, { what, ...detail });
}

function sniffBomlessUtf16(bytes) {
  const n = Math.min(bytes.length, 4096) & ~1;
  const pairs = n / 2;
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven += 1;
    if (bytes[i + 1] === 0) zeroOdd += 1;
  }
  if (zeroOdd * 10 >= pairs * 9 && zeroEven * 50 <= pairs) return 'utf-16le';
  if (zeroEven * 10 >= pairs * 9 && zeroOdd * 50 <= pairs) return 'utf-16be';
  return null;
}

function checkTextual(text) {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw binaryError(`binary data (a NUL character at character ${nul})`, { variant: 'nul-char', at: nul });
  let total = 0;
  let controls = 0;
  for (const ch of text) {
    total += 1;
    const c = ch.codePointAt(0);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f && c !== 0x85)) {
      controls += 1;
    }
  }
  if (controls > 0 && controls * 100 > total) {
    throw binaryError(`binary data (${controls} control characters in ${total})`, { variant: 'controls', controls, total });
  }
}

function labelName(label) {
  try {
    return new TextDecoder(label).encoding;
  } catch (e) {
    return null;
  }
}

/**
 * Decodes the bytes of a text file (Uint8Array) as src/decode.rs does: BOM, binary
 * signature, UTF-16 without BOM, NUL refused, UTF-8, the file's declared encoding (`hint`,
 * a label), mostly-UTF-8, else Windows-1252. Returns {text, encoding, warnings}.
 */
export function decodeBytes(bytes, hint) {
  const warnings = [];
  let bom = null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bom = ['utf-8', 3];
  else if (startsWith(bytes, [0xff, 0xfe])) bom = ['utf-16le', 2];
  else if (startsWith(bytes, [0xfe, 0xff])) bom = ['utf-16be', 2];
  if (bom) {
    const text = new TextDecoder(bom[0], { ignoreBOM: true }).decode(bytes.subarray(bom[1]));
    if (text.includes('\uFFFD') && !hasReplacementChar(bytes, bom[0])) {
      warnings.push(`some bytes are not valid ${bom[0].toUpperCase()}; they were replaced by \uFFFD`);
    }
    checkTextual(text);
    return { text, encoding: bom[0], warnings };
  }
  const what = binarySignature(bytes);
  if (what) throw binaryError(what);
  const utf16 = sniffBomlessUtf16(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes);
    checkTextual(text);
    warnings.push(`the file has no byte-order mark; it was read as ${utf16.toUpperCase()} because every other byte is zero`);
    return { text, encoding: utf16, warnings };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw binaryError(`binary data (a NUL byte at byte ${nul})`, { variant: 'nul-byte', at: nul });
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    checkTextual(text);
    return { text, encoding: 'utf-8', warnings };
  } catch (e) {
    if (e && e.code) throw e;
  }
  const hinted = hint ? labelName(hint) : null;
  if (hinted && hinted !== 'utf-8' && !hinted.startsWith('utf-16')) {
    const text = new TextDecoder(hinted, { ignoreBOM: true }).decode(bytes);
    checkTextual(text);
    return { text, encoding: hinted, warnings };
  }
  // Mostly UTF-8 with a few broken bytes, or a legacy single-byte file?
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let bad = 0;
  let goodMultibyte = 0;
  for (const ch of lossy) {
    if (ch === '\uFFFD') bad += 1;
    else if (ch.codePointAt(0) > 0x7f) goodMultibyte += 1;
  }
  if (goodMultibyte > bad) {
    checkTextual(lossy);
    warnings.push(`${bad} invalid UTF-8 sequence${bad === 1 ? ' was' : 's were'} replaced by \uFFFD`);
    return { text: lossy, encoding: 'utf-8', warnings };
  }
  const text = new TextDecoder('windows-1252').decode(bytes);
  checkTextual(text);
  warnings.push('the file is not UTF-8; it was read as Windows-1252 (Western European, Latin-1)');
  return { text, encoding: 'windows-1252', warnings };
}

function hasReplacementChar(bytes, encoding) {
  // U+FFFD written in the file itself is not a decoding error.
  if (encoding === 'utf-8') return indexOfBytes(bytes, [0xef, 0xbf, 0xbd]) >= 0;
  return indexOfBytes(bytes, encoding === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd]) >= 0;
}

function indexOfBytes(bytes, needle, from = 0, to = bytes.length) {
  const end = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = from; i <= end; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Format detection.

function extension(name) {
  const base = String(name || '').split(/[\\/]/).pop();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function looksLikeHtml(bytes) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/^\u00ef\u00bb\u00bf/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body')
    || ((head.startsWith('<?xml') || head.startsWith('<!--')) && head.includes('<html'));
}

/** "text" | "markdown" | "html" | "docx" | "pdf", as detect_format in src/extract.rs. */
export function detectFormat(bytes, name) {
  if (indexOfBytes(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d], 0, 1024) >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  const ext = extension(name);
  if (['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'].includes(ext)) return 'markdown';
  if (['html', 'htm', 'xhtml', 'xht', 'shtml'].includes(ext)) return 'html';
  if (ext === 'docx') return 'docx';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'txt' || ext === 'text') return 'text';
  return looksLikeHtml(bytes) ? 'html' : 'text';
}

// ---------------------------------------------------------------------------------------
// Block-structured text: blocks separated by a blank line, white space collapsed inside.

function cleanBlock(raw) {
  return raw
    .split(/[\n\r\u2028\u2029]/)
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/[\s\u0000-\u001f\u007f-\u009f\uFEFF]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function createBuilder() {
  const blocks = [];
  let current = '';
  let kind = 'paragraph';
  return {
    push(s) { current += s; },
    start(k) { this.flush(); kind = k; },
    setKind(k) { kind = k; },
    flush() {
      const cleaned = cleanBlock(current);
      current = '';
      if (cleaned) blocks.push({ text: cleaned, kind });
    },
    get current() { return current; },
    finish() {
      this.flush();
      return blocks;
    },
  };
}

function joinBlocks(blocks) {
  return blocks.map((b) => b.text).join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Markdown: a line-based reader that is enough to take the text out (CommonMark-ish).

function markdownInline(s) {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')            // images
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\(\s*(<[^>]*>|[^\s)]*)(\s+("[^"]*"|'[^']*'))?\s*\)/g, '$1') // [text](url "title")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')           // [text][ref]
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')   // autolinks
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')                 // inline HTML
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/`+([^`]*?)`+/g, '$1')                     // code spans
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')         // strong **x**
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1$2') // strong __x__, not inside words
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2') // emphasis *x*
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')   // emphasis _x_
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')           // strikethrough
    .replace(/\[\^[^\]]+\]/g, '')                        // footnote markers
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');              // backslash escapes
}

/** Blocks of a Markdown text: [{text, kind: "heading"|"item"|"paragraph"}]. */
export function markdownBlocks(md) {
  const b = createBuilder();
  const lines = md.split(/\r\n|\r|\n/);
  let i = 0;
  // Front matter (YAML --- or TOML +++).
  if (lines[0] === '---' || lines[0] === '+++') {
    const end = lines.indexOf(lines[0], 1);
    if (end > 0) i = end + 1;
  }
  let fence = null;
  let inItem = false;
  for (; i < lines.length; i += 1) {
    let line = lines[i];
    if (fence) {
      if (line.trim().startsWith(fence)) {
        fence = null;
        b.start(inItem ? 'item' : 'paragraph');
      } else {
        b.push(`${line}\n`);
      }
      continue;
    }
    const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMatch) {
      fence = fenceMatch[1];
      b.start('paragraph');
      continue;
    }
    // Block quotes: take the text inside.
    line = line.replace(/^(\s{0,3}>\s?)+/, '');
    if (!line.trim()) {
      b.flush();
      inItem = false;
      b.setKind('paragraph');
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      b.start('paragraph');
      inItem = false;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && b.current.trim() === '' && /^\s{0,3}(=+|-+)\s*$/.test(next) && !/^\s*([-*+]|\d+[.)])\s/.test(line)) {
      b.start('heading');
      b.push(markdownInline(line));
      b.start('paragraph');
      i += 1;
      continue;
    }
    const heading = /^\s{0,3}#{1,6}(\s+|$)(.*?)(\s+#+\s*)?$/.exec(line);
    if (heading) {
      b.start('heading');
      b.push(markdownInline(heading[2]));
      b.start('paragraph');
      inItem = false;
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S/.test(line)) continue; // link reference definitions
    // Raw HTML blocks (CommonMark types 1-7, simplified) are markup, not text: skip them up
    // to their end marker or the next blank line.
    const htmlStart = b.current.trim() === '' && /^ {0,3}<(\/?[a-zA-Z][a-zA-Z0-9-]*|!--|\?|![A-Z]|!\[CDATA\[)/.exec(line);
    if (htmlStart) {
      const opener = htmlStart[1].toLowerCase();
      const ends = { script: /<\/script>/i, style: /<\/style>/i, pre: /<\/pre>/i, textarea: /<\/textarea>/i, '!--': /-->/, '?': /\?>/ };
      const end = ends[opener] || (opener.startsWith('![') ? /]]>/ : opener.startsWith('!') ? />/ : null);
      while (i < lines.length) {
        const l = lines[i];
        if (end ? end.test(l) : !l.trim()) break;
        i += 1;
      }
      b.start('paragraph');
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && line.includes('-') && line.includes('|')) continue;
    const item = /^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (item) {
      b.start('item');
      inItem = true;
      b.push(markdownInline(item[3]));
      continue;
    }
    if (line.includes('|') && /^\s*\|.*\|\s*$/.test(line)) {
      b.start(inItem ? 'item' : 'paragraph');
      const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => markdownInline(c.trim())).filter(Boolean);
      b.push(cells.join(' | '));
      b.start('paragraph');
      continue;
    }
    const hardBreak = / {2,}$/.test(line) || /\\$/.test(line);
    const body = markdownInline(line.replace(/\\$/, ''));
    if (b.current && !b.current.endsWith('\n')) b.push(' ');
    b.push(body);
    if (hardBreak) b.push('\n');
  }
  return b.finish();
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

function htmlDeclaredEncoding(bytes) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).toLowerCase();
  const re = /charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/g;
  let m;
  while ((m = re.exec(head))) {
    if (labelName(m[1])) return m[1];
  }
  return null;
}

/** Pages with more elements than this skip article detection (a news page has a few thousand). */
const READABILITY_MAX_ELEMENTS = 30_000;

/** The article of an HTML text: {blocks, fromReadability}. Never runs or loads anything. */
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
  let title = article && article.title ? cleanBlock(article.title) : '';
  if (!fromReadability) {
    // Readability rewrote `doc` as it worked; a page too big for it is still intact.
    const page = small ? parse() : doc;
    title = cleanBlock(page.title || '');
    for (const el of page.querySelectorAll(FURNITURE)) el.remove();
    blocks = page.body ? elementBlocks(page.body) : [];
  }
  if (title && blocks.length && blocks[0].text !== title) blocks.unshift({ text: title, kind: 'heading' });
  return { blocks, fromReadability };
}

// ---------------------------------------------------------------------------------------
// Word .docx: zip directory, inflate with DecompressionStream, XML with DOMParser.

function u16(b, at) { return at + 2 <= b.length ? b[at] | (b[at + 1] << 8) : -1; }
function u32(b, at) { return at + 4 <= b.length ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000 : -1; }

function docxError(detail) {
  return inputError('malformed', `this Word (.docx) file is damaged or is not what its name says: ${detail}`, { format: 'Word (.docx)', detail });
}

function zipEntries(bytes) {
  let eocd = -1;
  const stop = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= stop; i -= 1) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw docxError('the zip directory is missing (the file is cut short?)');
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const entries = [];
  for (let k = 0; k < count; k += 1) {
    if (!startsWith(bytes, [0x50, 0x4b, 1, 2], at)) throw docxError('a zip directory entry is damaged');
    const nameLen = u16(bytes, at + 28);
    const extraLen = u16(bytes, at + 30);
    const commentLen = u16(bytes, at + 32);
    if (at + 46 + nameLen > bytes.length) throw docxError('a zip directory entry is damaged');
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      method: u16(bytes, at + 10),
      compressed: u32(bytes, at + 20),
      uncompressed: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function zipRead(bytes, entry) {
  if (entry.uncompressed > MAX_UNPACKED_BYTES) {
    throw inputError('too-large', `a part of this file unpacks to ${formatSize(entry.uncompressed)}, more than the limit of ${formatSize(MAX_UNPACKED_BYTES)}`,
      { size: entry.uncompressed, limit: MAX_UNPACKED_BYTES, variant: 'part' });
  }
  const at = entry.offset;
  if (!startsWith(bytes, [0x50, 0x4b, 3, 4], at)) throw docxError('a zip entry is damaged');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressed);
  if (data.length !== entry.compressed) throw docxError('the file is cut short');
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw docxError('it uses a compression method recoupe does not know');
  if (typeof DecompressionStream !== 'function') {
    throw inputError('unsupported', 'this browser cannot unpack .docx files; use a recent browser or the command line', { variant: 'no-decompression' });
  }
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_UNPACKED_BYTES) {
        reader.cancel().catch(() => {});
        throw inputError('too-large', `a part of this file unpacks to more than the limit of ${formatSize(MAX_UNPACKED_BYTES)}`,
          { size: total, limit: MAX_UNPACKED_BYTES, variant: 'part' });
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e && e.code) throw e;
    throw docxError('a compressed part is damaged');
  }
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

function parseXml(bytes) {
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw docxError('its XML is not well-formed');
  return doc;
}

function attrLocal(el, local) {
  for (const a of el.attributes) if (a.localName === local) return a.value;
  return null;
}

function headingStyles(stylesDoc) {
  const ids = new Set();
  for (const style of stylesDoc.getElementsByTagNameNS('*', 'style')) {
    const id = attrLocal(style, 'styleId');
    if (!id) continue;
    for (const child of style.getElementsByTagNameNS('*', 'name')) {
      const name = (attrLocal(child, 'val') || '').toLowerCase();
      if (name.startsWith('heading') || name === 'title' || name === 'subtitle') ids.add(id);
    }
    if (style.getElementsByTagNameNS('*', 'outlineLvl').length) ids.add(id);
  }
  return ids;
}

function docxBlocks(doc, headingIds) {
  const b = createBuilder();
  const stack = [[doc.documentElement, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop();
    if (leaving) {
      b.flush();
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.localName;
    if (name === 'del' || name === 'moveFrom' || name === 'instrText' || name === 'delText') continue;
    if (name === 't') {
      b.push(node.textContent || '');
      continue;
    }
    if (name === 'tab' || name === 'ptab') { b.push(' '); continue; }
    if (name === 'br' || name === 'cr') { b.push('\n'); continue; }
    if (name === 'noBreakHyphen') { b.push('-'); continue; }
    if (name === 'pPr') {
      let kind = 'paragraph';
      for (const el of node.getElementsByTagNameNS('*', '*')) {
        if (el.localName === 'pStyle') {
          const style = attrLocal(el, 'val') || '';
          if (headingIds.has(style) || style.toLowerCase().startsWith('heading') || style === 'Title') kind = 'heading';
        } else if (el.localName === 'outlineLvl') kind = 'heading';
        else if (el.localName === 'numPr' && kind !== 'heading') kind = 'item';
      }
      b.setKind(kind);
      continue;
    }
    if (name === 'p') {
      b.start('paragraph');
      stack.push([node, true]);
    }
    const children = node.childNodes;
    for (let k = children.length - 1; k >= 0; k -= 1) stack.push([children[k], false]);
  }
  return b.finish();
}

async function docx(bytes) {
  const entries = zipEntries(bytes);
  const find = (n) => entries.find((e) => e.name === n);
  const document = find('word/document.xml');
  if (!document) {
    let what = 'a ZIP archive';
    if (find('xl/workbook.xml')) what = 'an Excel workbook';
    else if (find('ppt/presentation.xml')) what = 'a PowerPoint presentation';
    else if (find('content.xml') && find('mimetype')) what = 'an OpenDocument file';
    throw inputError('unsupported', `${what} cannot be read; recoupe reads Word documents (.docx); save the text as .docx, .pdf or .txt`, { what, variant: 'zip-not-docx' });
  }
  const xml = parseXml(await zipRead(bytes, document));
  let headingIds = new Set();
  const styles = find('word/styles.xml');
  if (styles) {
    try {
      headingIds = headingStyles(parseXml(await zipRead(bytes, styles)));
    } catch (e) {
      headingIds = new Set();
    }
  }
  return docxBlocks(xml, headingIds);
}

// ---------------------------------------------------------------------------------------
// The entry points.

const NO_TEXT_HINT = {
  html: 'the page has no article text',
  pdf: 'it may be a scanned image; recoupe does not read text in images',
};
const LABEL = { text: 'text', markdown: 'Markdown', html: 'HTML', docx: 'Word (.docx)', pdf: 'PDF' };

function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

function finish(name, text, format, encoding, warnings) {
  if (!text.trim()) {
    if (format === 'text' || format === 'markdown') throw inputError('empty', 'the file is empty', {});
    const hint = NO_TEXT_HINT[format];
    throw inputError('no-text', `no text was found in this ${LABEL[format]} file${hint ? ` (${hint})` : ''}`,
      { format: LABEL[format], variant: hint ? format : undefined });
  }
  const size = text.length > MAX_TEXT_BYTES / 3 ? utf8Length(text) : text.length;
  if (size > MAX_TEXT_BYTES) {
    throw inputError('text-too-large', `its text is ${formatSize(size)}, more than the limit of ${formatSize(MAX_TEXT_BYTES)} of text per document`,
      { size, limit: MAX_TEXT_BYTES });
  }
  return { name, text, format, encoding, warnings: [...new Set(warnings)] };
}

function looksLikeSvg(bytes) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).toLowerCase();
  const at = head.indexOf('<svg');
  if (at < 0) return false;
  const before = head.slice(0, at);
  // Only white space, an XML declaration, comments and a doctype before <svg.
  return !/<[^?!]/.test(before) && !before.replace(/<[?!][^>]*>/g, '').trim();
}

/** Extracts the text of bytes (Uint8Array) named `name`; see ingestFile. */
export async function ingestBytes(bytes, name) {
  if (bytes.length > MAX_FILE_BYTES) {
    throw inputError('too-large', `the file is ${formatSize(bytes.length)}, more than the limit of ${formatSize(MAX_FILE_BYTES)} per file`,
      { size: bytes.length, limit: MAX_FILE_BYTES });
  }
  if (bytes.every((x) => x === 0x20 || x === 0x09 || x === 0x0a || x === 0x0d || x === 0x0c)) {
    throw inputError('empty', 'the file is empty', {});
  }
  const ext = extension(name);
  if (['doc', 'rtf', 'odt', 'pages', 'wpd', 'epub'].includes(ext)) {
    throw inputError('unsupported', `a .${ext} document cannot be read; save it as .docx, .pdf or .txt and add it again`, { what: `.${ext}`, variant: 'old-format' });
  }
  if (['mhtml', 'mht', 'webarchive'].includes(ext)) {
    throw inputError('unsupported', `a .${ext} web archive cannot be read; save the page as "Web page, HTML only" (.html) and add that`, { what: `.${ext}`, variant: 'web-archive' });
  }
  if (ext === 'svg' || ext === 'svgz' || looksLikeSvg(bytes)) throw binaryError('an SVG image');
  const format = detectFormat(bytes, name);
  if (format === 'pdf') {
    const { blocks, warnings } = await readPdf(bytes, MAX_TEXT_BYTES);
    return finish(name, joinBlocks(blocks), format, 'binary', warnings);
  }
  if (format === 'docx') {
    return finish(name, joinBlocks(await docx(bytes)), format, 'binary', []);
  }
  if (format === 'html') {
    const decoded = decodeBytes(bytes, htmlDeclaredEncoding(bytes));
    const { blocks, fromReadability } = htmlBlocks(decoded.text);
    const warnings = decoded.warnings.slice();
    if (!fromReadability) warnings.push('no article was recognised in this page; all its visible text was taken');
    return finish(name, joinBlocks(blocks), format, decoded.encoding, warnings);
  }
  const decoded = decodeBytes(bytes, null);
  const text = format === 'markdown' ? joinBlocks(markdownBlocks(decoded.text)) : decoded.text;
  return finish(name, text, format, decoded.encoding, decoded.warnings);
}

/** Reads a File (from a drop or an <input type=file>) into {name, text, format, encoding, warnings}. */
export async function ingestFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw inputError('too-large', `the file is ${formatSize(file.size)}, more than the limit of ${formatSize(MAX_FILE_BYTES)} per file`,
      { size: file.size, limit: MAX_FILE_BYTES });
  }
  let buffer;
  try {
    buffer = await file.arrayBuffer();
  } catch (e) {
    throw inputError('unreadable', 'the file could not be read (was it moved or deleted?)', {});
  }
  return ingestBytes(new Uint8Array(buffer), file.name);
}

/** Text of a paste or a dropped selection: plain text first, else the text of rich HTML. */
export function ingestPaste(dataTransfer) {
  if (!dataTransfer) return null;
  let text = dataTransfer.getData('text/plain') || '';
  let format = 'text';
  if (!text.trim()) {
    const html = dataTransfer.getData('text/html') || '';
    if (html.trim()) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      text = doc.body ? joinBlocks(elementBlocks(doc.body)) : '';
      format = 'html';
    }
  }
  if (!text.trim()) return null;
  const size = utf8Length(text);
  if (size > MAX_TEXT_BYTES) {
    throw inputError('text-too-large', `the pasted text is ${formatSize(size)}, more than the limit of ${formatSize(MAX_TEXT_BYTES)} of text per document`,
      { size, limit: MAX_TEXT_BYTES, variant: 'pasted' });
  }
  return { name: null, text, format, encoding: 'utf-8', warnings: [] };
}
