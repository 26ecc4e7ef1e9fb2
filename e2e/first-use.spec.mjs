// Browser tests of what a new user hit on a first visit (issue "One truth per concern"):
// ribbons drawn below their sentences after a drop or a pair change, the status toast over
// the word diffs, Esc and focus with the documents panel, column heads naming the next pair
// over the old text while it loads (and the core's progress stages shown meanwhile), and plurals ("share 1 passages", "0 identiques").

import { test, expect } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });

async function open(page) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

function textFile(name, text) {
  return { name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') };
}

/** The ribbons' paths as drawn now. */
function ribbons(page) {
  return page.evaluate(() => [...document.querySelectorAll('#ribbons path')].map((p) => `${p.dataset.link} ${p.getAttribute('d')}`).sort());
}

/** Ribbons as a scroll would redraw them (what the user sees after scrolling). */
async function ribbonsAfterScroll(page) {
  await page.evaluate(() => new Promise((done) => {
    document.getElementById('sheet').dispatchEvent(new Event('scroll'));
    requestAnimationFrame(() => requestAnimationFrame(done));
  }));
  return ribbons(page);
}

/** Waits until the page has drawn and settled (two frames and a short pause). */
async function settle(page) {
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  await page.waitForTimeout(400);
}

const A = [
  'Le Conseil du partenariat numérique s’est réuni à Montréal le 8 décembre 2025.',
  'Les ministres ont signé deux accords sur l’intelligence artificielle et les semi-conducteurs.',
  'La Commission européenne a salué un partenariat solide avec le Canada.',
  'Un nouveau groupe de travail sur la cybersécurité sera créé au printemps.',
  'Les deux parties se retrouveront à Bruxelles en 2026.',
].join(' ');
const B = [
  'Les ministres ont signé deux accords sur l’intelligence artificielle et les semi-conducteurs.',
  'Réunis à Montréal le 8 décembre 2025, les membres du Conseil du partenariat numérique ont fait le point.',
  'Un groupe de travail consacré à la cybersécurité verra le jour au printemps.',
  'La prochaine réunion aura lieu à Bruxelles en 2026.',
].join(' ');

test('after a drop and after a pair change, ribbons sit on their sentences without a scroll', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="add-documents"]').setInputFiles([textFile('drop-a.txt', A), textFile('drop-b.txt', B)]);
  await expect(page.locator('#left-select option:checked')).toHaveText('drop-a.txt');
  await settle(page);
  const drawn = await ribbons(page);
  expect(drawn.length).toBeGreaterThan(0);
  expect(drawn).toEqual(await ribbonsAfterScroll(page));

  // A pair change from the column head (the dropped files replaced the sample: B becomes A).
  await page.locator('#left-select').selectOption({ label: 'drop-b.txt' });
  await expect(page.locator('#left-select option:checked')).toHaveText('drop-b.txt');
  await settle(page);
  const again = await ribbons(page);
  expect(again.length).toBeGreaterThan(0);
  expect(again).toEqual(await ribbonsAfterScroll(page));
});

test('the status toast never covers the word diffs nor the keyboard hint', async ({ page }) => {
  await open(page);
  await page.keyboard.press('s'); // swap: says so in the toast
  const status = page.locator('#status');
  await expect(status).toHaveClass(/show/);
  const [s, i] = await Promise.all([status.boundingBox(), page.locator('#inspector').boundingBox()]);
  expect(s.y + s.height).toBeLessThanOrEqual(i.y);
  // The inspector grows (a passage in focus, its word diff shown) while the toast is up:
  // the toast moves up with it.
  const before = (await page.locator('#inspector').boundingBox()).height;
  await page.locator('.cell.left .seg.s-partial').first().focus();
  await expect.poll(async () => (await page.locator('#inspector').boundingBox()).height).toBeGreaterThan(before);
  await expect(status).toHaveClass(/show/);
  await page.waitForTimeout(100);
  const [s2, i2] = await Promise.all([status.boundingBox(), page.locator('#inspector').boundingBox()]);
  expect(s2.y + s2.height).toBeLessThanOrEqual(i2.y);
});

test('Esc closes the documents panel, and closing gives focus back to what opened it', async ({ page }) => {
  await open(page);
  const panel = page.locator('#docs-panel');
  const toggle = page.locator('#docs-toggle');
  await toggle.click();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();

  // Opened with the toggle, closed with `d` from inside the panel: focus back on the toggle.
  await toggle.click();
  await expect(panel).toBeVisible();
  await page.locator('#paste-button').focus();
  await page.keyboard.press('d');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();

  // Opened with `d` from a passage, closed with Esc from inside: focus back on the passage.
  await page.keyboard.press('n');
  const seg = await page.evaluate(() => document.activeElement.dataset.seg);
  await page.keyboard.press('d');
  await expect(panel).toBeVisible();
  await page.locator('#paste-button').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(await page.evaluate(() => document.activeElement.classList.contains('seg') && document.activeElement.dataset.seg)).toBe(seg);
});

test('while a large pair loads, the column heads keep naming the text under them', async ({ page }) => {
  await open(page);
  const oldLeft = await page.locator('#left-select option:checked').textContent();
  // In every frame, record the name in the left head and the first passage under it.
  await page.evaluate(() => {
    window.__frames = [];
    const tick = () => {
      const sel = document.querySelector('#left-select option:checked');
      const seg = document.querySelector('.cell.left .seg');
      window.__frames.push([sel ? sel.textContent : '', seg ? seg.lastChild.textContent : '',
        document.querySelector('#progress .progress-bar').getAttribute('aria-valuetext') || '']);
      if (window.__frames.length < 100000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const big = (prefix, n) => Array.from({ length: n }, (_, k) => `${prefix} phrase numéro ${k} sur le Conseil de Montréal et ses ${k % 17} accords.`).join(' ');
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    textFile('large-a.txt', `Première phrase de A. ${big('Une', 3000)}`),
    textFile('large-b.txt', `Première phrase de B. ${big('Cette', 3000)}`),
  ]);
  await expect(page.locator('#left-select option:checked')).toHaveText('large-a.txt', { timeout: 60_000 });
  await expect(page.locator('.cell.left .seg').first()).toContainText('Première phrase de A.');
  const frames = await page.evaluate(() => window.__frames);
  // The new name never stands over the old text.
  const wrong = frames.filter(([name, text]) => name === 'large-a.txt' && !text.startsWith('Première phrase de A.'));
  expect(wrong).toEqual([]);
  expect(frames.some(([name]) => name === oldLeft)).toBe(true);
  // The core said how far it was (its stages, throttled), in the progress bar.
  const stages = new Set(frames.map((f) => f[2]).filter(Boolean));
  expect([...stages].length).toBeGreaterThan(0);
  for (const s of stages) expect(s).toMatch(/^(Reading…|Aligning…( \d+ ?%)?|Comparing words…( \d+ ?%)?|Drawing…)$/);
});

test('plurals: one passage is "1 passage"; in French 0 and 1 are singular', async ({ browser }) => {
  for (const [locale, expected] of [
    ['en-US', /share 1 passage:/],
    ['fr-FR', /ont 1 passage en commun : 1 identique, 0 reformulé, 0 en partie commun\./],
  ]) {
    const ctx = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await open(page);
    await page.locator('[data-testid="add-documents"]').setInputFiles([
      textFile('un.txt', 'Le Conseil du partenariat numérique s’est réuni à Montréal le 8 décembre 2025. Il pleuvait.'),
      textFile('deux.txt', 'Le Conseil du partenariat numérique s’est réuni à Montréal le 8 décembre 2025. Les ministres sont venus en train.'),
    ]);
    await expect(page.locator('#left-select option:checked')).toHaveText('un.txt');
    await expect(page.locator('#summary-text')).toContainText(expected);
    if (locale === 'fr-FR') {
      await expect(page.locator('.st-identical .lab')).toHaveText('identique');
      await expect(page.locator('.st-moved .lab')).toHaveText('déplacé');
    }
    await ctx.close();
  }
});

test('the sample shows the report the build made, which is the one the page\'s own engine computes', async ({ page }) => {
  const shown = Date.now();
  await open(page);
  const firstScreen = Date.now() - shown;
  const built = await page.evaluate(() => JSON.parse(document.getElementById('recoupe-seeds').textContent).default.report);
  expect(built.schema).toBe('recoupe/1');
  expect(built.links.length).toBeGreaterThan(5);
  // The JSON export runs the comparison again in the engine (the wasm in its worker).
  await page.locator('#export > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const { readFileSync } = await import('node:fs');
  const computed = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(computed).toEqual(built);
  test.info().annotations.push({ type: 'first screen', description: `${firstScreen} ms from navigation to the sample's rows` });
});
