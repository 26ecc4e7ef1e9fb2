// The comparison on screen, saved as a file: a static HTML report to read, print or send, or
// the engine's JSON report (schema recoupe/1) for other tools.
//
// The HTML report has no script and a Content-Security-Policy that forbids everything but
// its own inline style; every string that comes from a document (names included) goes
// through escapeHtml, so a file's text can never become markup there either.

import { diffPerSegment } from './layout.js';
import { t, getLang, formatNumber } from './i18n.js';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text: the five characters that can start or end markup, escaped. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d232b;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .3rem}.meta{color:#5b6472;font-size:.85rem;margin:0 0 1rem}
.summary{margin:0 0 1.2rem}table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #e3e6ea;text-align:left}
th{font-size:.85rem;color:#5b6472}th.mid,td.mid{width:7.5rem;font-size:.78rem;color:#5b6472;text-align:center}
p.seg{margin:0 0 .35rem;font-family:Georgia,"DejaVu Serif",serif}
p.seg.unique{background:#fdf3e1;border-left:3px solid #c77700;padding-left:.4rem}
del{background:#fbe1e1;color:#8a1c1c}ins{background:#dff3e4;color:#145c2c;text-decoration:none}
.note{margin:.2rem 0 .1rem;font-size:.75rem;color:#5b6472}.legend{font-size:.8rem;color:#5b6472;margin-top:1rem}
@media print{body{margin:0}tr{break-inside:avoid}}`;

function segmentHtml(text, runs, side, unique) {
  const cls = unique ? 'seg unique' : 'seg';
  if (!runs) return `<p class="${cls}">${escapeHtml(text)}</p>`;
  const tag = side === 0 ? 'del' : 'ins';
  const body = runs.map(([op, s]) => (op === '=' ? escapeHtml(s) : `<${tag}>${escapeHtml(s)}</${tag}>`)).join('');
  return `<p class="${cls}">${body}</p>`;
}

function linkLabel(l) {
  const parts = [t(`kind.${l.kind}`), formatNumber(l.score, { maximumFractionDigits: 2 })];
  if (l.moved) parts.push(t('kind.moved'));
  return parts.map(escapeHtml).join('<br>');
}

/**
 * The HTML report of `layout` (buildLayout) over `report`, for documents named `names`
 * [left, right]; `summary` is the sentence shown above the view; `settings` a short line.
 */
export function reportHtml({ report, layout, names, sources = [], summary, settings, now = new Date() }) {
  const docs = report.documents || [];
  const segTexts = [docs[layout.li]?.segments || [], docs[layout.ri]?.segments || []];
  const textOf = (side, s) => segTexts[side][s]?.text ?? '';
  // Word diffs per segment: from the link a segment belongs to. A segment with several
  // partners (many-to-many) stays plain: no one partner's diff says what it shares.
  const runsOf = new Map();
  for (const l of layout.links) {
    if (l.kind === 'identical') continue;
    for (const side of [0, 1]) {
      const runs = diffPerSegment(l, side, (s) => textOf(side, s));
      if (!runs) continue;
      for (const [s, r] of runs) if (layout.segs[side][s].links.length === 1) runsOf.set(`${side}:${s}`, r);
    }
  }
  // In a gap row, a linked passage faces its partner elsewhere (a move), and a passage with
  // several partners has more links than its row shows: it says so itself.
  const cell = (side, list, inGap) => list.map((s) => {
    const info = layout.segs[side][s];
    const unique = info.status === 'unique';
    const note = !unique && (inGap || info.links.length > 1)
      ? `<p class="note">${info.links.map((l) => linkLabel(l).replace(/<br>/g, ' · ')).join(' ; ')}</p>` : '';
    return note + segmentHtml(textOf(side, s), unique ? null : runsOf.get(`${side}:${s}`) || null, side, unique);
  }).join('');
  const rows = layout.rows.map((row) => {
    const gap = row.type !== 'pair';
    const mid = gap ? '' : linkLabel(row.link);
    return `<tr><td>${cell(0, row.left, gap)}</td><td class="mid">${mid}</td><td>${cell(1, row.right, gap)}</td></tr>`;
  }).join('\n');
  const title = `recoupe — ${names[0]} / ${names[1]}`;
  const date = new Intl.DateTimeFormat(getLang(), { dateStyle: 'long', timeStyle: 'short' }).format(now);
  return `<!doctype html>
<html lang="${escapeHtml(getLang())}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(names[0])} / ${escapeHtml(names[1])}</h1>
<p class="meta">${escapeHtml(t('export.made', { date }))} · ${escapeHtml(settings)}</p>
${sources.map((src, k) => (src ? `<p class="meta">${k ? 'B' : 'A'} · ${escapeHtml(names[k])} — ${escapeHtml([src.outlet, src.date, src.url].filter(Boolean).join(' · '))}</p>` : '')).join('\n')}
<p class="summary">${escapeHtml(summary)}</p>
<table>
<thead><tr><th>A · ${escapeHtml(names[0])}</th><th class="mid"></th><th>B · ${escapeHtml(names[1])}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="legend">${escapeHtml(t('export.legend'))}</p>
</body>
</html>
`;
}

/** The engine's report as pretty JSON. */
export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A file name from the two document names: "recoupe-a-vs-b.html". */
export function exportName(names, ext) {
  const slug = (n) => String(n).replace(/\.[a-z0-9]{1,5}$/i, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase() || 'document';
  return `recoupe-${slug(names[0])}-vs-${slug(names[1])}.${ext}`;
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
