// The one place the page turns a dropped/picked file or a paste into a document: a thin
// adapter over www/ingest.js (the input helper's module), so app.js does not depend on
// its details. Warnings come from the core as {code, params} and are worded here, in the
// current language (i18n.js, `warning.<code>`).

import { ingestFile, ingestPaste, checkTotal } from './ingest.js';
import { warningMessage } from './i18n.js';

function toDocument(d, name) {
  return { name, text: d.text, format: d.format || 'text', warnings: (d.warnings || []).map(warningMessage), source: d.source || null };
}

/** Reads a File into {name, text, format, warnings}; throws an Error with `code` and `params` when unusable. */
export async function readDocumentFile(file) {
  const d = await ingestFile(file);
  return toDocument(d, d.name || file.name);
}

/** Rejects (code `total-too-large`) when files dropped together are too large in total. */
export async function checkFilesTotal(files) {
  await checkTotal(files.map((f) => f.size));
}

/** Text from a paste or a drop of text (DataTransfer); null when it holds none; throws when too large. */
export async function readPaste(dataTransfer) {
  const d = await ingestPaste(dataTransfer);
  return d ? toDocument(d, d.name) : null;
}
