import { test, expect } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
const here = dirname(fileURLToPath(import.meta.url));
const PAGE = pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
test('shots', async ({ page }) => {
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shots/seeds.png' });
  const multi = page.locator('.seg').filter({ has: page.locator('xpath=self::*[contains(@data-links, " ")]') });
  console.log('multi in seeds', await page.evaluate(() => [...document.querySelectorAll('.seg')].filter((s) => (s.dataset.links || '').split(' ').filter(Boolean).length > 1).map((s) => s.dataset.doc + ':' + s.dataset.seg + '->' + s.dataset.links)));
  const m = await page.evaluate(() => { const s = [...document.querySelectorAll('.seg')].find((s) => (s.dataset.links || '').split(' ').filter(Boolean).length > 1); return s ? [s.dataset.doc, s.dataset.seg] : null; });
  if (m) {
    const el = page.locator(`.seg[data-doc="${m[0]}"][data-seg="${m[1]}"]`);
    await el.scrollIntoViewIfNeeded();
    await el.focus();
    await page.waitForTimeout(400);
    await page.screenshot({ path: '/tmp/shots/seeds-multi.png' });
  }
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    { name: 'depeche.txt', mimeType: 'text/plain', buffer: readFileSync(resolve(here, 'fixtures/m2m-depeche.txt')) },
    { name: 'article.txt', mimeType: 'text/plain', buffer: readFileSync(resolve(here, 'fixtures/m2m-article.txt')) },
  ]);
  await expect(page.locator('#right-select option:checked')).toHaveText('article.txt', { timeout: 30_000 });
  await expect(page.locator('.seg', { hasText: 'Ce budget finance' })).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shots/fixture.png' });
  await page.locator('.seg', { hasText: 'Ce budget finance' }).focus();
  await page.waitForTimeout(400);
  await page.screenshot({ path: '/tmp/shots/fixture-focus.png' });
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  await page.waitForTimeout(400);
  await page.screenshot({ path: '/tmp/shots/fixture-l2.png' });
});
