// Word diffs and marks drawn as text: <del>/<ins> runs, shared words and differing figures
// marked, and how a passage reads inside one link or against all its partners.
// Document text is only ever put in the page as text nodes.

import { diffPerSegment, marksPerSegment, mergeRuns } from './layout.js';
import { t } from './i18n.js';

/**
 * How segment `s` of column `side` reads inside link `l`: ['marks', runs] (shared words
 * and differing figures, for partial links that carry marks), [mode, diff runs], or null.
 */
export function wordsIn(l, side, s, segText) {
  if (l.kind === 'identical') return null;
  if (l.kind === 'partial') {
    const m = marksPerSegment(l, side, (x) => segText(side, x));
    if (m && m.get(s)) return ['marks', m.get(s)];
  }
  const runs = diffPerSegment(l, side, (x) => segText(side, x));
  return runs && runs.get(s) ? [diffMode(l), runs.get(s)] : null;
}

/** One passage's words against all its partners at once: what it shares with any of them. */
export function sharedWithAll(links, side, s, segText) {
  const text = segText(side, s);
  const all = links.map((l) => {
    const w = wordsIn(l, side, s, segText);
    if (!w) return l.kind === 'identical' ? [['=', text]] : null;
    return w[0] === 'marks' ? w[1]
      : w[1].map(([op, str]) => [op === '=' && /\p{L}|\p{N}/u.test(str) ? '=' : ' ', str]);
  });
  return mergeRuns(text, all);
}

/**
 * Appends diff runs to `el` as text, <del> and <ins>; inside changed runs, the words that
 * matter most (numbers; names when the link flags them) are emphasised one by one.
 */
export function appendRuns(el, runs, flags, mode) {
  for (const [op, str] of runs) {
    if (op === '=') {
      if (mode === 'shared' && /\p{L}|\p{N}/u.test(str)) {
        const m = document.createElement('mark');
        m.className = 'same';
        m.textContent = str;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(str));
      }
      continue;
    }
    if (mode === 'shared') { el.appendChild(document.createTextNode(str)); continue; }
    const m = document.createElement(op === '-' ? 'del' : 'ins');
    for (const part of str.split(/(\s+)/)) {
      if (!part) continue;
      if (emphasised(part, flags)) {
        const b = document.createElement('b');
        b.className = 'em';
        b.textContent = part;
        m.appendChild(b);
      } else {
        m.appendChild(document.createTextNode(part));
      }
    }
    el.appendChild(m);
  }
}

/**
 * How to show a link's words: 'changes' (deletions and insertions) when most of the text is
 * shared, 'shared' (the common words marked) when little is: a wall of struck-through text
 * says nothing.
 */
export function diffMode(link) {
  let same = 0, all = 0;
  for (const [op, str] of link.diff) {
    const n = str.replace(/\s+/g, '').length;
    all += op === '=' ? 2 * n : n;
    if (op === '=') same += 2 * n;
  }
  return all && same / all >= 0.5 ? 'changes' : 'shared';
}

/** Whether a changed word deserves emphasis: numbers, and names when the link flags them. */
function emphasised(word, flags) {
  if (/\d/.test(word)) return true;
  if (flags.includes('name') && /^[("«“']?\p{Lu}/u.test(word)) return true;
  return false;
}

/** The link with the highest score (the first of equals). */
export function strongest(links) {
  return links.reduce((b, l) => (l.score > b.score ? l : b), links[0]);
}

/**
 * Appends marks runs ([tag, text], tag ' ', '=' or '!') to `el`: words both sides state in
 * <mark class="same">, figures only this side states (while the other states some) in
 * <mark class="differ"> with a title saying so.
 */
export function appendMarks(el, runs) {
  for (const [tag, str] of runs) {
    if (tag === '=' || tag === '!') {
      const m = document.createElement('mark');
      m.className = tag === '=' ? 'same' : 'differ';
      if (tag === '!') m.title = t('marks.differ');
      m.textContent = str;
      el.appendChild(m);
    } else {
      el.appendChild(document.createTextNode(str));
    }
  }
}

/** Marks runs with long plain stretches cut to a few words around what is marked. */
export function trimPlain(runs) {
  const KEEP = 3;
  return runs.map(([tag, str], k) => {
    if (tag !== ' ') return [tag, str];
    const count = str.split(/\s+/).filter(Boolean).length;
    if (count <= 2 * KEEP + 1) return [tag, str];
    // Keep the words next to the marks: the start of a run after a mark, its end before one.
    const head = k === 0 ? '' : takeWords(str, KEEP, false).trimEnd();
    const tail = k === runs.length - 1 ? '' : takeWords(str, KEEP, true).trimStart();
    return [tag, `${head}${head ? ' ' : ''}…${tail ? ' ' : ''}${tail}`];
  });
}

/** The first (or, with `fromEnd`, last) `n` words of `str`, with their spacing. */
function takeWords(str, n, fromEnd) {
  const parts = str.split(/(\s+)/);
  if (fromEnd) parts.reverse();
  let words = 0;
  const out = [];
  for (const p of parts) {
    if (p && !/^\s+$/.test(p)) { if (words === n) break; words++; }
    out.push(p);
  }
  if (fromEnd) out.reverse();
  return out.join('');
}
