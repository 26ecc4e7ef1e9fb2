// The header that says in words and numbers what the comparison found.

import { t, formatPercent, formatNumber } from './i18n.js';

/** Fills the summary sentence and the figures; `onFilter(f)` is called by the figures. */
export function renderSummary(textEl, statsEl, layout, names, onFilter) {
  textEl.textContent = '';
  statsEl.textContent = '';
  if (!layout) {
    textEl.textContent = t('summary.waiting');
    return;
  }
  const c = layout.counts;
  const a = names[0], b = names[1];
  const nameNode = (s, letter) => {
    const el = document.createElement('strong');
    el.className = `sum-name ${letter}`;
    el.textContent = displayName(s);
    el.title = s;
    return el;
  };
  const sentence = c.links
    ? t('summary.share', {
      n: c.links, ident: c.identical, equiv: c.equivalent, part: c.partial,
    })
    : t('summary.share.none');
  appendWithNames(textEl, sentence, nameNode(a, 'a'), nameNode(b, 'b'));
  textEl.appendChild(document.createTextNode(' '));
  appendWithNames(textEl, t('summary.cover', { pb: formatPercent(c.coverLeft), pa: formatPercent(c.coverRight) }),
    nameNode(a, 'a'), nameNode(b, 'b'));

  const items = [
    ['identical', c.identical, t('summary.identical', { n: c.identical }), null],
    ['equivalent', c.equivalent, t('summary.equivalent', { n: c.equivalent }), null],
    ['partial', c.partial, t('summary.partial', { n: c.partial }), null],
    ['moved', c.moved, t('summary.moved', { n: c.moved }), 'diff'],
    ['split', c.splits, t('summary.splits', { n: c.splits }), 'diff'],
    ['unique-a', c.uniqueLeft, t('summary.onlyA'), 'left'],
    ['unique-b', c.uniqueRight, t('summary.onlyB'), 'right'],
  ];
  for (const [kind, n, label, filter] of items) {
    const li = document.createElement('li');
    li.className = `stat st-${kind}`;
    const inner = document.createElement(filter ? 'button' : 'span');
    inner.className = 'stat-inner';
    if (filter) {
      inner.type = 'button';
      inner.addEventListener('click', () => onFilter(filter));
    }
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.setAttribute('aria-hidden', 'true');
    const num = document.createElement('span');
    num.className = 'num';
    num.textContent = formatNumber(n);
    const lab = document.createElement('span');
    lab.className = 'lab';
    lab.textContent = label;
    inner.append(sw, num, lab);
    li.appendChild(inner);
    statsEl.appendChild(li);
  }
}

/** Appends `text` with `{a}`/`{b}` (left in by `t`) replaced by the given nodes. */
function appendWithNames(el, text, aNode, bNode) {
  const parts = text.split(/(\{a\}|\{b\})/);
  for (const p of parts) {
    if (p === '{a}') el.appendChild(aNode.cloneNode(true));
    else if (p === '{b}') el.appendChild(bNode.cloneNode(true));
    else if (p) el.appendChild(document.createTextNode(p));
  }
}

/** A file name made readable for a sentence: no extension, no language suffix, spaces for dashes. */
export function displayName(name) {
  let n = String(name).replace(/\.(txt|md|markdown|html?|xhtml|docx|pdf|text)$/i, '');
  n = n.replace(/\.(fr|en|de|es|it)$/i, '');
  n = n.replace(/[-_]+/g, ' ').trim();
  return n || String(name);
}
