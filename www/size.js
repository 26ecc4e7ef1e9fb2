// The one size formatter of the page: ingest's English messages, the localised error
// messages (i18n.js) and the documents panel all say sizes the same way, as the core's
// `human_size` (src/decode.rs) does: "812 bytes", "3.4 KB", "16 MB"; "3,4 Ko" in French.

const UNITS = {
  en: ['bytes', 'KB', 'MB', 'GB', 'TB'],
  fr: ['octets', 'Ko', 'Mo', 'Go', 'To'],
};

const formats = new Map();
function format(lang, digits) {
  const key = `${lang}|${digits}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }));
  }
  return formats.get(key);
}

/** `bytes` for people, in `lang` ('en' when not given): one decimal under 10 of a unit. */
export function formatSize(bytes, lang) {
  const code = UNITS[lang] ? lang : 'en';
  const units = UNITS[code];
  let value = Math.max(0, Number(bytes) || 0);
  let unit = 0;
  while (value >= 1024 && unit + 1 < units.length) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${format(code, digits).format(value)} ${units[unit]}`;
}
