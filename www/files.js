// The one place the page turns a dropped/picked file or a paste into a document: a thin
// adapter over www/ingest.js (the input helper's module), so app.js does not depend on
// its details.

import { ingestFile, ingestPaste, checkTotal } from './ingest.js';

/** Reads a File into {name, text, format, warnings}; throws Error(message) when unusable. */
export async function readDocumentFile(file) {
  const d = await ingestFile(file);
  return { name: d.name || file.name, text: d.text, format: d.format || 'text', warnings: d.warnings || [] };
}

/** Throws Error(message) when files dropped together are too large in total. */
export function checkFilesTotal(files) {
  checkTotal(files.map((f) => f.size));
}

/** Text from a paste or a drop of text (DataTransfer); null when it holds none; throws when too large. */
export async function readPaste(dataTransfer) {
  const d = ingestPaste(dataTransfer);
  return d ? { name: d.name, text: d.text, format: d.format || 'text', warnings: d.warnings || [] } : null;
}
