// Browser tests of many-to-many links (issue 9): a sentence with several partners in the
// other account shows one ribbon per partner, highlights them all, lists them all in the
// inspector with what each shares, and the keyboard reaches each of them in turn.
// Fixtures (invented text): e2e/fixtures/m2m-depeche.txt, a short wire whose second
// sentence sums up three sentences spread across e2e/fixtures/m2m-article.txt.

import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const SHOTS = resolve(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });

const SUMMARY = 'Ce budget finance la rénovation';
// The summary's three partners, in the article's order.
const PARTNERS = ['du pont Sainte-Odile, pour 4,2', 'médiathèque Colette-Vernay en septembre', 'douze bus électriques, livrés'];

function fixture(name, file) {
  return { name, mimeType: 'text/plain', buffer: readFileSync(resolve(here, 'fixtures', file)) };
}

/** Opens the page, adds the two fixtures and waits for them to face each other. */
async function openFixture(page) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    fixture('depeche.txt', 'm2m-depeche.txt'),
    fixture('article.txt', 'm2m-article.txt'),
  ]);
  await expect(page.locator('#left-select option:checked')).toHaveText('depeche.txt', { timeout: 30_000 });
  await expect(page.locator('#right-select option:checked')).toHaveText('article.txt');
  await expect(page.locator('.seg[data-side="0"]', { hasText: SUMMARY })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

const summary = (page) => page.locator('.seg[data-side="0"]', { hasText: SUMMARY });

/** The "doc:seg" keys of the summary's partners, read from the page (in the article's order). */
async function partnerKeys(page) {
  const keys = [];
  for (const text of PARTNERS) {
    const el = page.locator('.seg[data-side="1"]', { hasText: text });
    await expect(el).toHaveCount(1);
    keys.push(`${await el.getAttribute('data-doc')}:${await el.getAttribute('data-seg')}`);
  }
  return keys;
}

function focusedKey(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el && el.classList.contains('seg') ? `${el.dataset.doc}:${el.dataset.seg}` : null;
  });
}

test('a sentence with three partners: data-links lists them, three ribbons, every segment once', async ({ page }) => {
  await openFixture(page);
  const keys = await partnerKeys(page);
  const links = (await summary(page).getAttribute('data-links')).split(' ');
  expect(links.sort()).toEqual([...keys].sort());
  // Each partner lists the summary back.
  const own = `${await summary(page).getAttribute('data-doc')}:${await summary(page).getAttribute('data-seg')}`;
  for (const text of PARTNERS) {
    await expect(page.locator('.seg[data-side="1"]', { hasText: text })).toHaveAttribute('data-links', new RegExp(`(^| )${own}( |$)`));
  }
  // No passage is lost or shown twice: each (doc, seg) once, every segment of both texts.
  const shown = await page.evaluate(() => [...document.querySelectorAll('.seg')].map((s) => `${s.dataset.doc}:${s.dataset.seg}`));
  expect(new Set(shown).size).toBe(shown.length);
  const nLeft = readFileSync(resolve(here, 'fixtures/m2m-depeche.txt'), 'utf8').trim().split('\n').length;
  const nRight = readFileSync(resolve(here, 'fixtures/m2m-article.txt'), 'utf8').trim().split('\n').length;
  expect(shown.length).toBe(nLeft + nRight);
  // One ribbon per link of the summary, each ending at a different height on the summary
  // (they fan out from its edge) and lit together when the summary is hovered.
  await summary(page).hover();
  const ribbons = page.locator('path.ribbon.on');
  await expect(ribbons).toHaveCount(3);
  const tops = await ribbons.evaluateAll((ps) => ps.map((p) => Number(/^M0,([\d.]+)/.exec(p.getAttribute('d'))?.[1])));
  expect(tops.every((y) => Number.isFinite(y))).toBe(true);
  expect(new Set(tops.map((y) => Math.round(y))).size).toBe(3);
});

test('hover and focus highlight all three partners; the inspector lists them with the shared words', async ({ page }) => {
  await openFixture(page);
  await summary(page).hover();
  const partners = page.locator('.seg.partner');
  await expect(partners).toHaveCount(3);
  for (const text of PARTNERS) await expect(page.locator('.seg.partner', { hasText: text })).toHaveCount(1);
  await expect(summary(page)).toHaveClass(/\bactive\b/);
  // In the columns: each partner shows the words it shares with the summary, and the
  // summary what it shares with any of them.
  await expect(page.locator('.seg.partner', { hasText: PARTNERS[0] }).locator('mark.same', { hasText: 'pont' })).toHaveCount(1);
  await expect(page.locator('.seg.partner', { hasText: PARTNERS[1] }).locator('mark.same', { hasText: 'médiathèque' })).toHaveCount(1);
  await expect(page.locator('.seg.partner', { hasText: PARTNERS[2] }).locator('mark.same', { hasText: 'bus' })).toHaveCount(1);
  for (const word of ['pont', 'médiathèque', 'bus']) {
    await expect(summary(page).locator('mark.same', { hasText: word })).toHaveCount(1);
  }
  // The inspector: "3 partners", one entry per partner, in the article's order, each with
  // shared words marked on both sides.
  const insp = page.locator('#inspector');
  await expect(insp.locator('.insp-count')).toHaveText('3 partners');
  const items = insp.locator('.insp-partner');
  await expect(items).toHaveCount(3);
  const shared = [['pont', 'Sainte'], ['médiathèque', 'Colette'], ['bus', 'électriques']];
  for (let k = 0; k < 3; k++) {
    const item = items.nth(k);
    await expect(item.locator('.chip.c-partial')).toBeVisible();
    const sides = item.locator('.insp-side');
    await expect(sides).toHaveCount(2);
    for (const word of shared[k]) {
      await expect(sides.nth(0).locator('mark.same', { hasText: word })).toHaveCount(1);
      await expect(sides.nth(1).locator('mark.same', { hasText: word })).toHaveCount(1);
    }
  }
  // "douze" (the wire's bus count) against "4,2" (the bridge's cost): figures the other side
  // does not state, marked as facts that may differ, with a title and a legend.
  const differ = items.nth(0).locator('mark.differ');
  await expect(differ).toHaveCount(2);
  await expect(differ.first()).toHaveAttribute('title', /may differ/);
  await expect(insp.locator('.insp-legend')).toContainText('may differ');
  await page.screenshot({ path: resolve(SHOTS, 'many-to-many-hover.png') });

  // Keyboard focus does the same, without the mouse.
  await page.mouse.move(2, 2);
  await summary(page).focus();
  await expect(page.locator('.seg.partner')).toHaveCount(3);
  await expect(page.locator('path.ribbon.on')).toHaveCount(3);
  await expect(insp.locator('.insp-partner')).toHaveCount(3);
  // Partners show their number in the list (decoration, hidden from screen readers).
  await expect(page.locator('.seg.partner .pn[aria-hidden="true"]')).toHaveText(['1', '2', '3']);
  // The list and its marks pass axe-core (contrast of the marks, names, roles).
  const axe = await new AxeBuilder({ page }).include('#inspector').include('#content').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  // A partner with one link shows one entry, not a list.
  await page.locator('.seg[data-side="1"]', { hasText: PARTNERS[1] }).focus();
  await expect(insp.locator('.insp-partner')).toHaveCount(0);
  await expect(insp.locator('.insp-side mark.same', { hasText: 'Colette' })).toHaveCount(2);
  // The DOM stays text-only: only the page's own elements inside passages and the inspector.
  const tags = await page.evaluate(() => [...document.querySelectorAll('.seg *, #inspector *')].map((e) => e.tagName.toLowerCase()));
  expect([...new Set(tags)].filter((t) => !['span', 'mark', 'del', 'ins', 'b', 'p', 'div', 'ol', 'li', 'strong'].includes(t))).toEqual([]);
});

test('keyboard: l walks through every partner of the sentence in turn, L back; Enter reaches the first', async ({ page }) => {
  await openFixture(page);
  const keys = await partnerKeys(page);
  const own = `${await summary(page).getAttribute('data-doc')}:${await summary(page).getAttribute('data-seg')}`;
  await summary(page).focus();
  const visited = [];
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press('l');
    visited.push(await focusedKey(page));
  }
  expect(visited).toEqual(keys);
  await expect(page.locator('#status')).toContainText('Partner 3 of 3');
  // Around again, and back with Shift.
  await page.keyboard.press('l');
  expect(await focusedKey(page)).toBe(keys[0]);
  await page.keyboard.press('L');
  expect(await focusedKey(page)).toBe(keys[2]);
  await page.keyboard.press('L');
  expect(await focusedKey(page)).toBe(keys[1]);
  // The partner in focus is on screen.
  const box = await page.locator(':focus').boundingBox();
  const sheet = await page.locator('#sheet').boundingBox();
  expect(box.y).toBeGreaterThanOrEqual(sheet.y - 1);
  expect(box.y + box.height).toBeLessThanOrEqual(sheet.y + sheet.height + 1);
  // From a partner with one link, Enter goes back to the summary; from the summary, Enter
  // goes to its first partner.
  await page.keyboard.press('Enter');
  expect(await focusedKey(page)).toBe(own);
  await page.keyboard.press('Enter');
  expect(await focusedKey(page)).toBe(keys[0]);
  // l from a sentence with a single partner goes to it.
  await page.locator('.seg[data-side="0"]', { hasText: 'Le maire, Henri Dossat' }).focus();
  await page.keyboard.press('l');
  await expect(page.locator(':focus')).toContainText('a défendu un budget');
  // The shortcut is in the help.
  await page.keyboard.press('?');
  await expect(page.locator('#help-dialog')).toBeVisible();
  await expect(page.locator('#help-dialog')).toContainText('next partner of the sentence');
  await page.keyboard.press('Escape');
});

test('in French: "3 partenaires", the legend and the status', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openFixture(page);
  await summary(page).focus();
  await expect(page.locator('#inspector .insp-count')).toHaveText('3 partenaires');
  await expect(page.locator('#inspector .insp-legend')).toContainText('peut différer');
  await page.keyboard.press('l');
  await expect(page.locator('#status')).toContainText('Partenaire 1 sur 3');
  await page.screenshot({ path: resolve(SHOTS, 'many-to-many-fr.png') });
  await context.close();
});
