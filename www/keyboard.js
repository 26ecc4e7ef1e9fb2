// Page-wide shortcuts. Ignored while typing in a text field or when a dialog is open, and
// with Ctrl/Alt/Meta (those belong to the browser), except Ctrl+F: the page's own Find.

/** Installs the shortcuts; `actions` maps names to functions. */
export function installKeys(actions) {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    // Ctrl+F (Cmd+F) opens the page's own Find: the reading view builds only the rows near
    // the screen, so the browser's Find would miss most of the text.
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'f' || e.key === 'F')) {
      if (actions.find && !document.querySelector('dialog[open]')) { e.preventDefault(); actions.find(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const el = e.target;
    if (isTextEntry(el)) return;
    if (document.querySelector('dialog[open]')) return;
    // Esc closes the search, else the documents panel (focus goes back to what opened it),
    // else stops a long comparison; when nothing is open it is left to the browser.
    if (e.key === 'Escape') {
      if ((actions.closeFind && actions.closeFind()) || (actions.closeDocs && actions.closeDocs()) || (actions.cancel && actions.cancel())) e.preventDefault();
      return;
    }
    const map = {
      n: () => actions.next(), j: () => actions.next(),
      p: () => actions.prev(), k: () => actions.prev(),
      u: () => actions.nextUnique(), U: () => actions.prevUnique(),
      l: () => actions.nextPartner(), L: () => actions.prevPartner(),
      s: () => actions.swap(),
      d: () => actions.toggleDocs(),
      '/': () => actions.find(),
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
