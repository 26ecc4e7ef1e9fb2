// The comparison saved as a file. Every format is rendered by the core (src/render/, the
// wasm `export_report`), from the same report the command line's `--format` renders, so a file
// saved here equals the one `recoupe --format ...` writes. This module only names the
// formats, the files and the download.

/** The Export menu's entries: the core's format (and CSV table), the file's ending and type. */
export const EXPORTS = [
  { id: 'html', format: 'html', ext: 'html', type: 'text/html;charset=utf-8' },
  { id: 'md', format: 'md', ext: 'md', type: 'text/markdown;charset=utf-8' },
  { id: 'csv-links', format: 'csv', table: 'links', ext: 'links.csv', type: 'text/csv;charset=utf-8' },
  { id: 'csv-facts', format: 'csv', table: 'facts', ext: 'facts.csv', type: 'text/csv;charset=utf-8' },
  { id: 'tei', format: 'tei', ext: 'tei.xml', type: 'application/tei+xml' },
  { id: 'collatex', format: 'collatex', ext: 'collatex.json', type: 'application/json' },
  { id: 'json', format: 'json', ext: 'json', type: 'application/json' },
];

/** The export entry named `id`, or undefined. */
export function exportEntry(id) {
  return EXPORTS.find((e) => e.id === id);
}

const slug = (n) => String(n).replace(/\.[a-z0-9]{1,5}$/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase() || 'document';

/**
 * A file name from the documents' names: "recoupe-a-vs-b.html" for a pair,
 * "recoupe-a-b-c.md" for up to four accounts, "recoupe-a-and-6-more.tei.xml" beyond.
 */
export function exportName(names, ext) {
  if (names.length === 2) return `recoupe-${slug(names[0])}-vs-${slug(names[1])}.${ext}`;
  const head = names.length <= 4 ? names.map(slug).join('-') : `${slug(names[0])}-and-${names.length - 1}-more`;
  return `recoupe-${head}.${ext}`;
}

/** Saves `text` as a file named `name` (a download; nothing leaves the machine). */
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
