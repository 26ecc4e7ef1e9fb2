// The documents panel: loaded documents with their A/B choice, rename and remove; files
// that could not be read, each with its message next to its name; bundled examples.

import { t, errorMessage } from './i18n.js';

/**
 * Renders the panel list into `listEl` (and the examples into `examplesEl`).
 * `on` holds the callbacks: pick(id, side), rename(id, name), remove(id), dismiss(id),
 * addExample(seed).
 */
export function renderDocsPanel(listEl, examplesEl, state, seeds, on) {
  const hadFocus = listEl.contains(document.activeElement) ? focusKey(document.activeElement) : null;
  listEl.textContent = '';
  if (!state.docs.length && !state.failed.length) {
    const li = document.createElement('li');
    li.className = 'doc-empty';
    li.textContent = t('docs.empty');
    listEl.appendChild(li);
  }
  for (const d of state.docs) listEl.appendChild(docItem(d, state, on));
  for (const f of state.failed) listEl.appendChild(failedItem(f, on));

  examplesEl.textContent = '';
  for (const seed of seeds) {
    const li = document.createElement('li');
    li.className = 'example';
    const name = document.createElement('span');
    name.className = 'example-name';
    name.textContent = seed.name;
    name.title = `${seed.event}/${seed.name}`;
    const ev = document.createElement('span');
    ev.className = 'example-event';
    ev.textContent = seed.event;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn small';
    const loaded = state.docs.some((d) => d.name === seed.name && d.text === seed.text);
    b.textContent = loaded ? t('docs.example.added') : t('docs.example.add');
    b.disabled = loaded;
    b.setAttribute('aria-label', `${b.textContent}: ${seed.name}`);
    b.addEventListener('click', () => on.addExample(seed));
    const text = document.createElement('div');
    text.className = 'example-text';
    text.append(name, ev);
    li.append(text, b);
    examplesEl.appendChild(li);
  }
  if (hadFocus) {
    const el = listEl.querySelector(`[data-focus-key="${CSS.escape(hadFocus)}"]`);
    if (el) el.focus();
  }
}

function focusKey(el) {
  return el && el.dataset ? el.dataset.focusKey || null : null;
}

function docItem(d, state, on) {
  const li = document.createElement('li');
  li.className = 'doc';
  li.dataset.docId = d.id;
  if (d.id === state.left) li.classList.add('is-a');
  if (d.id === state.right) li.classList.add('is-b');

  const pick = document.createElement('div');
  pick.className = 'ab';
  for (const [side, letter, key] of [['left', 'A', 'docs.asA'], ['right', 'B', 'docs.asB']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `ab-btn ab-${letter.toLowerCase()}`;
    b.textContent = letter;
    const on_ = state[side] === d.id;
    b.setAttribute('aria-pressed', String(on_));
    b.setAttribute('aria-label', t(key, { name: d.name }));
    b.title = t(key, { name: d.name });
    b.dataset.focusKey = `${d.id}:${side}`;
    b.addEventListener('click', () => on.pick(d.id, side));
    pick.appendChild(b);
  }

  const main = document.createElement('div');
  main.className = 'doc-main';
  const name = document.createElement('span');
  name.className = 'doc-name';
  name.textContent = d.name;
  name.title = d.name;
  const meta = document.createElement('span');
  meta.className = 'doc-meta';
  meta.textContent = `${d.format || 'text'} · ${t('docs.chars', { n: d.text.length })}`;
  if (d.sample) meta.textContent += ` · ${t('docs.sample.badge')}`;
  main.append(name, meta);
  if (d.source) {
    const src = document.createElement('span');
    src.className = 'doc-source';
    src.textContent = [d.source.outlet, d.source.date, d.source.url].filter(Boolean).join(' · ');
    main.appendChild(src);
  }
  for (const w of d.warnings || []) {
    const p = document.createElement('span');
    p.className = 'doc-warning';
    p.textContent = w;
    main.appendChild(p);
  }

  const actions = document.createElement('div');
  actions.className = 'doc-actions';
  const ren = iconButton('rename', t('docs.rename') + ' ' + d.name, `${d.id}:rename`);
  ren.addEventListener('click', () => startRename(li, main, d, on));
  const srcBtn = iconButton('source', t('docs.source', { name: d.name }), `${d.id}:source`);
  srcBtn.addEventListener('click', () => editSource(li, main, d, on));
  const rem = iconButton('remove', t('docs.remove', { name: d.name }), `${d.id}:remove`);
  rem.addEventListener('click', () => on.remove(d.id));
  actions.append(ren, srcBtn, rem);
  li.append(pick, main, actions);
  return li;
}

/** The source form: outlet or author, date, address; Enter saves, Esc cancels. */
function editSource(li, main, d, on) {
  const form = document.createElement('form');
  form.className = 'source-form';
  const src = d.source || {};
  const field = (key, type, value) => {
    const label = document.createElement('label');
    const span = document.createElement('span');
    span.textContent = t(`docs.source.${key}`);
    const input = document.createElement('input');
    input.type = type;
    input.name = key;
    input.value = value || '';
    if (type === 'text') input.maxLength = 200;
    label.append(span, input);
    form.appendChild(label);
    return input;
  };
  const outlet = field('outlet', 'text', src.outlet);
  const date = field('date', 'date', src.date);
  const url = field('url', 'url', src.url);
  const buttons = document.createElement('div');
  buttons.className = 'source-buttons';
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'btn small';
  save.textContent = t('docs.source.save');
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'btn small ghost';
  cancel.textContent = t('docs.source.cancel');
  buttons.append(save, cancel);
  form.appendChild(buttons);
  const back = () => { form.replaceWith(main); li.querySelector('[data-focus-key$=":source"]')?.focus(); };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    on.setSource(d.id, { outlet: outlet.value, date: date.value, url: url.value });
  });
  cancel.addEventListener('click', back);
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); back(); } });
  main.replaceWith(form);
  outlet.focus();
}

function startRename(li, main, d, on) {
  const form = document.createElement('form');
  form.className = 'rename';
  const input = document.createElement('input');
  input.type = 'text';
  input.value = d.name;
  input.setAttribute('aria-label', t('docs.rename.label', { name: d.name }));
  input.maxLength = 200;
  form.appendChild(input);
  let done = false;
  const finish = (save) => {
    if (done) return;
    done = true;
    const v = input.value.trim();
    if (save && v && v !== d.name) on.rename(d.id, v);
    else { form.replaceWith(main); li.querySelector('[data-focus-key$=":rename"]')?.focus(); }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); finish(true); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(false); } });
  input.addEventListener('blur', () => finish(true));
  main.replaceWith(form);
  input.focus();
  input.select();
}

function failedItem(f, on) {
  const li = document.createElement('li');
  li.className = 'doc failed';
  const mark = document.createElement('span');
  mark.className = 'fail-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = '!';
  const main = document.createElement('div');
  main.className = 'doc-main';
  const name = document.createElement('span');
  name.className = 'doc-name';
  name.textContent = f.name;
  name.title = f.name;
  const msg = document.createElement('span');
  msg.className = 'doc-error';
  msg.setAttribute('role', 'alert');
  msg.textContent = `${t('docs.failed')} — ${errorMessage(f)}`;
  if (f.code) msg.dataset.code = f.code; // the reader's code (tests compare it with the command line's)
  main.append(name, msg);
  const actions = document.createElement('div');
  actions.className = 'doc-actions';
  const x = iconButton('remove', `${t('docs.dismiss')}: ${f.name}`, `${f.id}:dismiss`);
  x.addEventListener('click', () => on.dismiss(f.id));
  actions.appendChild(x);
  li.append(mark, main, actions);
  return li;
}

const ICONS = {
  rename: 'M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zm17.7-10.2a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
  source: 'M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8zM7.5 9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  remove: 'M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z',
};

/** A small button with an inline SVG icon and an accessible name. */
function iconButton(icon, label, key) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'icon-btn';
  b.setAttribute('aria-label', label);
  b.title = label;
  if (key) b.dataset.focusKey = key;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  p.setAttribute('d', ICONS[icon]);
  svg.appendChild(p);
  b.appendChild(svg);
  return b;
}
