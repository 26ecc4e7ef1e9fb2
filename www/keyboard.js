// Page-wide shortcuts. Ignored while typing in a text field or when a dialog is open, and
// with Ctrl/Alt/Meta (those belong to the browser).

/** Installs the shortcuts; `actions` maps names to functions. */
export function installKeys(actions) {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const el = e.target;
    if (isTextEntry(el)) return;
    if (document.querySelector('dialog[open]')) return;
    // Esc closes the documents panel (focus goes back to what opened it); when nothing is
    // open it is left to the browser.
    if (e.key === 'Escape') {
      if (actions.closeDocs && actions.closeDocs()) e.preventDefault();
      return;
    }
    const map = {
      n: () => actions.next(), j: () => actions.next(),
      p: () => actions.prev(), k: () => actions.prev(),
      u: () => actions.nextUnique(), U: () => actions.prevUnique(),
      l: () => actions.nextPartner(), L: () => actions.prevPartner(),
      s: () => actions.swap(),
      d: () => actions.toggleDocs(),
      '?': () => actions.help(),
    };
    const fn = map[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  });
}

function isTextEntry(el) {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.type || 'text').toLowerCase();
    return !['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'file', 'color'].includes(type);
  }
  return false;
}
