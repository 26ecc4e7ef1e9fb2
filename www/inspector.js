// The inspector: what the passage under the pointer or in focus has in common with its
// partner(s) — kind, score, move, split, flags, then the word diff or the marked words.
// A function of (layout, names, target); document text only ever as text nodes.

import { t, formatPercent } from './i18n.js';
import { appendRuns, appendMarks, diffMode, trimPlain } from './words.js';

const SIDE_LETTER = ['A', 'B'];

/**
 * Draws the inspector for `target` ({side, seg} or null) of `ctx` ({layout, names,
 * segText(side, seg)}). A list of several partners can overflow the inspector: it then
 * takes keyboard focus so that it can be scrolled without a mouse.
 */
export function drawInspector(inspector, ctx, target) {
  fillInspector(inspector, ctx, target);
  if (inspector.scrollHeight > inspector.clientHeight + 1) inspector.tabIndex = 0;
  else inspector.removeAttribute('tabindex');
}

function fillInspector(inspector, ctx, target) {
  const { layout, names, segText } = ctx;
  inspector.textContent = '';
  if (!layout || !target) {
    const p = document.createElement('p');
    p.className = 'insp-hint';
    p.textContent = t('inspector.empty');
    inspector.appendChild(p);
    return;
  }
  const info = layout.segs[target.side][target.seg];
  if (!info) return;
  const head = document.createElement('p');
  head.className = 'insp-head';
  if (info.status === 'unique') {
    head.appendChild(chip('unique', t('kind.unique')));
    head.appendChild(document.createTextNode(' ' + t('inspector.unique', { name: `${SIDE_LETTER[target.side]} (${names[target.side]})` })));
    inspector.appendChild(head);
    return;
  }
  const links = info.links;
  if (links.length > 1) {
    // Many partners: a header, then one entry per partner, in the other column's order.
    const other = 1 - target.side;
    head.classList.add('insp-many');
    const n = document.createElement('strong');
    n.className = 'insp-count';
    n.textContent = t('inspector.partners', { n: links.length });
    head.appendChild(n);
    head.appendChild(document.createTextNode(' ' + t('inspector.partnersIn', { name: `${SIDE_LETTER[other]} (${names[other]})` })));
    inspector.appendChild(head);
    const list = document.createElement('ol');
    list.className = 'insp-partners';
    links.forEach((l) => {
      const item = document.createElement('li');
      item.className = 'insp-partner';
      item.dataset.link = String(l.id);
      const segs = other === 0 ? l.L : l.R;
      item.dataset.seg = String(segs[0]);
      const h = document.createElement('p');
      h.className = 'insp-head';
      linkHead(h, l);
      item.appendChild(h);
      item.appendChild(linkBody(l, target.side, true, segText));
      list.appendChild(item);
    });
    inspector.appendChild(list);
    appendLegend(inspector, links);
    return;
  }
  const l = links[0];
  linkHead(head, l);
  inspector.appendChild(head);
  inspector.appendChild(linkBody(l, target.side, false, segText));
  appendLegend(inspector, links);
  if (l.why.length) {
    const why = document.createElement('p');
    why.className = 'insp-why';
    why.textContent = t('inspector.shared', { list: l.why.slice(0, 12).join(', ') });
    inspector.appendChild(why);
  }
}

/** The kind, score, move, split and flags of link `l`, appended to `head`. */
function linkHead(head, l) {
  head.appendChild(chip(l.kind, t(`kind.${l.kind}`)));
  head.appendChild(document.createTextNode(' ' + t('inspector.score', { p: formatPercent(l.score) })));
  if (l.moved) {
    head.appendChild(document.createTextNode(' · '));
    head.appendChild(chip('moved', t('kind.moved')));
  }
  if (l.L.length > 1 || l.R.length > 1) {
    head.appendChild(document.createTextNode(' · ' + t('inspector.split', { l: l.L.length, r: l.R.length })));
  }
  for (const f of l.flags) {
    const key = `flag.${f}`;
    const label = t(key);
    head.appendChild(document.createTextNode(' · '));
    const b = document.createElement('strong');
    b.className = 'flag';
    b.textContent = label === key ? f : label;
    head.appendChild(b);
  }
}

/**
 * What link `l` shares: the word diff (identical, equivalent), or both sides with their
 * shared words and differing figures marked (partial links with marks; `compact` trims
 * the plain words of the side in focus, which the column already shows in full).
 */
function linkBody(l, focusSide, compact, segText) {
  const body = document.createElement('div');
  body.className = 'insp-diff';
  if (l.kind === 'identical' || !l.diff.length) {
    body.textContent = l.kind === 'identical' ? t('inspector.identical') : l.L.map((s) => segText(0, s)).join(' ');
    return body;
  }
  const marked = l.kind === 'partial' && l.marks;
  if (marked || diffMode(l) === 'shared') {
    for (const [side, letter] of [[0, 'A'], [1, 'B']]) {
      const line = document.createElement('span');
      line.className = 'insp-side';
      const tag = document.createElement('span');
      tag.className = `letter ${letter.toLowerCase()}`;
      tag.textContent = letter;
      line.appendChild(tag);
      if (marked) {
        appendMarks(line, compact && side === focusSide ? trimPlain(l.marks[side]) : l.marks[side]);
      } else {
        const keep = side === 0 ? '-' : '+';
        appendRuns(line, l.diff.filter(([op]) => op === '=' || op === keep), l.flags, 'shared');
      }
      body.appendChild(line);
    }
  } else {
    appendRuns(body, l.diff, l.flags, 'changes');
  }
  return body;
}

/** A short legend under marked words: what the underline and the box mean. */
function appendLegend(inspector, links) {
  const marks = links.filter((l) => l.kind === 'partial' && l.marks);
  if (!marks.length) return;
  const p = document.createElement('p');
  p.className = 'insp-legend';
  const same = document.createElement('mark');
  same.className = 'same';
  same.textContent = t('marks.sameSample');
  p.appendChild(same);
  p.appendChild(document.createTextNode(' ' + t('marks.same')));
  if (marks.some((l) => l.marks.some((side) => side.some(([tag]) => tag === '!')))) {
    p.appendChild(document.createTextNode(' · '));
    const differ = document.createElement('mark');
    differ.className = 'differ';
    differ.textContent = '12';
    p.appendChild(differ);
    p.appendChild(document.createTextNode(' ' + t('marks.differ')));
  }
  inspector.appendChild(p);
}

function chip(kind, label) {
  const c = document.createElement('span');
  c.className = `chip c-${kind}`;
  c.textContent = label;
  return c;
}

