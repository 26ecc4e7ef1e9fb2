// Browser tests of a large comparison (issue 13, "a page that never stutters"): a pair of
// about 100,000 words a side, generated here from a fixed seed (e2e/gen/bigpair.mjs; no
// committed text). No main-thread task takes more than 50 ms of CPU while it is compared,
// drawn, scrolled from top to bottom and searched (a Chromium trace, e2e/mainthread.mjs);
// the end is shown after a jump to it; the rows in the page stay few (a virtual list); the
// progress is said in words; Cancel keeps the view on screen; the heads name the text
// shown; the page's own Find reaches every passage; "who reports what" builds only the
// rows near the screen and its keyboard grid reaches the last row.

import { test, expect } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { generatePair, stageFiles, addStaged } from './gen/bigpair.mjs';
import { watchMainThread as traceMainThread, describe } from './mainthread.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const SHOTS = resolve(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const WORDS = 100_000;
const { a: BIG_A, b: BIG_B } = generatePair({ words: WORDS, seed: 13 });

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
test.describe.configure({ timeout: 180_000 });

async function open(page) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

/** Starts counting main-thread tasks longer than 50 ms (and the words of the progress note in every frame). */
async function watchMainThread(page) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(Math.round(e.duration)); })
      .observe({ type: 'longtask' });
    // What the page says and names, recorded when it changes (a MutationObserver: polling
    // every frame would itself load the main thread being measured).
    window.__words = new Set();
    window.__heads = [];
    const sel = document.getElementById('left-select');
    const record = () => {
      const w = document.getElementById('working');
      if (!w.hidden) window.__words.add(document.getElementById('working-text').textContent);
      if (!document.getElementById('progress').hidden) {
        const first = document.querySelector('.cell.left .seg');
        window.__heads.push([sel.options[sel.selectedIndex]?.text, first?.lastChild?.textContent || '']);
      }
    };
    const watch = new MutationObserver(record);
    watch.observe(document.getElementById('working'), { attributes: true, childList: true, subtree: true, characterData: true });
    watch.observe(document.getElementById('progress'), { attributes: true });
    watch.observe(sel, { childList: true, subtree: true, attributes: true });
    watch.observe(document.getElementById('content'), { childList: true });
  });
}

/** Adds the big pair and waits until it is drawn; `before()` runs once the files are staged. */
async function compareBig(page, before) {
  await stageFiles(page, BIG_A, BIG_B);
  await watchMainThread(page);
  if (before) await before();
  await addStaged(page);
  await expect(page.locator('#left-select option:checked')).toHaveText('big-a.txt', { timeout: 120_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 120_000 });
  await expect(page.locator('.cell.left .seg').first()).toContainText('on day 0.');
}

test('100k words a side: progress in words, heads naming the text on screen, and few rows in the page while scrolled', async ({ page }) => {
  await open(page);
  const sampleLeft = await page.locator('#left-select option:checked').textContent();
  await compareBig(page);
  // Progress in words: reading, then aligning with how far it is.
  const words = await page.evaluate(() => [...window.__words]);
  expect(words).toContain('Reading…');
  expect(words.some((w) => /^Aligning… \d+ ?%$/.test(w)), words.join(' | ')).toBe(true);
  // While it ran, the heads named the text under them (the sample), never the new one.
  const heads = await page.evaluate(() => window.__heads);
  expect(heads.length).toBeGreaterThan(0);
  expect(heads.filter(([name, text]) => name === 'big-a.txt' && !/on day/.test(text))).toEqual([]);
  expect(heads.some(([name]) => name === sampleLeft)).toBe(true);
  // Scroll with the wheel: the rows in the page stay few.
  await page.mouse.move(720, 500);
  const total = await page.locator('#sheet').evaluate((s) => s.scrollHeight);
  let most = 0;
  for (let k = 0; k < 60; k++) {
    await page.mouse.wheel(0, Math.ceil(total / 150));
    await page.waitForTimeout(20);
    if (k % 10 === 0) most = Math.max(most, await page.locator('.row').count());
  }
  expect(most).toBeGreaterThan(3);
  expect(most).toBeLessThan(300);
  // The ribbons wait until the jumps stop (rows.js SETTLE), then come back.
  await expect.poll(() => page.locator('.ribbon').count()).toBeGreaterThan(0);
});

// The page's own work never holds the main thread more than 50 ms at a time: measured as
// the CPU time of each main-thread task in a Chromium trace (e2e/mainthread.mjs says why not
// wall time: on CI's shared 2-core machines a 20 ms task often takes 60–100 ms of wall time
// waiting for a core, and a run saw 235 ms from something that was not ours). A real
// regression (a whole comparison laid out or drawn in one task: 200–250 ms) still shows as
// CPU time. The wall-time long tasks are recorded as an annotation, not asserted.
// Also: a jump to the very end shows the last rows (it once showed a blank sheet), and the
// rows in the page stay few throughout.
test('100k words a side: no main-thread task over 50 ms of CPU while compared, drawn and scrolled to the end; the end is shown', async ({ page, browser }) => {
  await open(page);
  let watch;
  await compareBig(page, async () => { watch = await traceMainThread(browser, page); });
  await page.waitForTimeout(500);
  // Progress words and heads: asserted by the test above.
  // Scroll from top to bottom with the wheel: every step a jump (a 150th of the height).
  await page.mouse.move(720, 500);
  const total = await page.locator('#sheet').evaluate((s) => s.scrollHeight);
  const steps = 150;
  let most = 0;
  for (let k = 0; k < steps; k++) {
    await page.mouse.wheel(0, Math.ceil(total / steps));
    await page.waitForTimeout(20);
    if (k % 10 === 0) most = Math.max(most, await page.locator('.row').count());
  }
  // To the very end (twice: the rows' real heights settle as they are built, as a reader's
  // second flick of the wheel would).
  for (let k = 0; k < 2; k++) {
    await page.locator('#sheet').evaluate((s) => { s.scrollTop = s.scrollHeight; });
    await page.waitForTimeout(400);
  }
  most = Math.max(most, await page.locator('.row').count());
  const tasks = await watch.stop();
  const wall = await page.evaluate(() => window.__long.splice(0));
  const costly = [...tasks].sort((x, y) => y.cpu - x.cpu).slice(0, 3);
  test.info().annotations.push({ type: 'main thread', description: `${tasks.length} tasks; most CPU (CPU/wall): ${describe(costly)}; long tasks by wall time: ${wall.join(' ') || 'none'}` });
  expect(tasks.length, 'the trace saw the page at work').toBeGreaterThan(200);
  // The test driver's own commands (counting rows with a locator ...) are not the page's work.
  const over = tasks.filter((t) => t.cpu > 50 && !t.harness);
  expect(over, `tasks over 50 ms of CPU (CPU/wall): ${describe(over)}`).toEqual([]);
  expect(most).toBeGreaterThan(3);
  expect(most).toBeLessThan(300);
  // At the bottom: the last passage of A is built and on screen.
  const lastA = BIG_A.trim().split(/(?<=\.)\s+/).pop();
  await expect(page.locator('.cell.left .seg').filter({ hasText: lastA }).first()).toBeInViewport();
  // Keyboard navigation still works at the end of a long pair, and from there to the start.
  await page.keyboard.press('n');
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('seg'))).toBe(true);
  await page.locator('.seg').first().focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.seg:focus')).toContainText('on day 0.');
  await expect(page.locator('.seg:focus')).toBeInViewport();
  await expect.poll(() => page.locator('.ribbon').count()).toBeGreaterThan(0);
});

test('Cancel stops a long comparison at once, keeps the view on screen, and comparing still works', async ({ page }) => {
  await open(page);
  const sampleLeft = await page.locator('#left-select option:checked').textContent();
  const firstText = await page.locator('.cell.left .seg').first().textContent();
  await stageFiles(page, BIG_A, BIG_B);
  await addStaged(page);
  await expect(page.locator('#working')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#cancel-button')).toBeVisible();
  const took = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    document.getElementById('cancel-button').click();
    const check = () => (document.getElementById('progress').hidden ? resolve(performance.now() - t0) : requestAnimationFrame(check));
    check();
  }));
  expect(took).toBeLessThan(100);
  await expect(page.locator('#working')).toBeHidden();
  // The previous comparison is still shown, under its own names; no error.
  await expect(page.locator('.cell.left .seg').first()).toHaveText(firstText);
  await expect(page.locator('#left-select option:checked')).toHaveText(sampleLeft);
  await page.waitForTimeout(1500);
  await expect(page.locator('#status')).not.toHaveAttribute('data-kind', 'error');
  await expect(page.locator('#progress')).toBeHidden();
  // A new comparison works afterwards.
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    { name: 'small-a.txt', mimeType: 'text/plain', buffer: Buffer.from('The council met in Lyon on Monday. It approved the budget. Rain fell.') },
    { name: 'small-b.txt', mimeType: 'text/plain', buffer: Buffer.from('On Monday the council met in Lyon. The budget was approved by it. The sun shone.') },
  ]);
  await expect(page.locator('#left-select option:checked')).toHaveText('small-a.txt', { timeout: 30_000 });
  await expect(page.locator('.cell.left .seg').first()).toContainText('The council met in Lyon');
});

test('Find reaches every passage of a 100k-word pair: counts, next/previous, scrolls and highlights; no task over 50 ms of CPU', async ({ page, browser }) => {
  await open(page);
  await compareBig(page);
  const watch = await traceMainThread(browser, page);
  // `/` opens it; a passage near the end, found by its unique words.
  await page.locator('body').press('/');
  await expect(page.locator('#find-input')).toBeFocused();
  const last = BIG_A.trim().split(/(?<=\.)\s+/).pop();
  const dayWords = last.match(/day \d+\.$/)[0];
  await page.keyboard.type(dayWords);
  await expect(page.locator('#find-count')).toHaveText(/^1 of [12]$/);
  const hit = page.locator('.seg.find-current');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText(dayWords);
  await expect(hit).toBeInViewport();
  expect(await page.evaluate(() => CSS.highlights.get('recoupe-find-current')?.size)).toBe(1);
  // Case and accents do not matter; Enter and Shift+Enter walk the matches.
  await page.locator('#find-input').fill('MONTREAL');
  await expect(page.locator('#find-count')).toHaveText(/^1 of [\d,]+$/);
  const n = await page.locator('#find-count').textContent();
  await page.locator('#find-input').fill('montréal');
  await expect(page.locator('#find-count')).toHaveText(n);
  await page.keyboard.press('Enter');
  await expect(page.locator('#find-count')).toHaveText(/^2 of /);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('#find-count')).toHaveText(/^(\d[\d,]*) of \1$/);
  await expect(page.locator('.seg.find-current')).toBeInViewport();
  await page.locator('#find-input').fill('montréal');
  await page.waitForTimeout(300);
  // Searching, walking and drawing the matches: as in the test above, CPU time per task.
  const tasks = await watch.stop();
  expect(tasks.length, 'the trace saw the page at work').toBeGreaterThan(20);
  const over = tasks.filter((t) => t.cpu > 50 && !t.harness);
  expect(over, `tasks over 50 ms of CPU (CPU/wall): ${describe(over)}`).toEqual([]);
  await page.evaluate(() => { const st = document.getElementById('status'); st.style.transition = 'none'; st.classList.remove('show'); });
  await page.waitForTimeout(200);
  await page.screenshot({ path: resolve(SHOTS, 'scale-find.png') });
  // Esc closes it; Ctrl+F opens it again.
  await page.keyboard.press('Escape');
  await expect(page.locator('#findbar')).toBeHidden();
  await page.keyboard.press('Control+f');
  await expect(page.locator('#find-input')).toBeFocused();
  await expect(page.locator('#findbar')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('Find in "who reports what": only the rows holding the text', async ({ page }) => {
  await open(page);
  await page.locator('#view-switch [data-view="matrix"]').click();
  await expect(page.locator('#matrix tbody tr[data-row]').first()).toBeVisible();
  const all = await page.locator('#matrix tbody tr[data-row]').count();
  const word = (await page.locator('#matrix tbody tr[data-row] .mx-label-text').first().textContent()).split(/\s+/).find((w) => w.length > 6);
  await page.keyboard.press('Control+f');
  await page.keyboard.type(word.toUpperCase());
  await expect(page.locator('.mx-found')).toContainText('contain');
  const some = await page.locator('#matrix tbody tr[data-row]').count();
  expect(some).toBeGreaterThan(0);
  expect(some).toBeLessThanOrEqual(all);
  await page.keyboard.press('Escape');
  await expect(page.locator('.mx-found')).toHaveCount(0);
});

// "Who reports what" on the big pair (thousands of groups): its rows are built only near the
// screen, like the reading view's. Switching to it, scrolling it to the end and walking it
// by keyboard from the first row to the last never holds the main thread more than 50 ms of
// CPU (measured as in the strict test above); screen readers still get the row count.
test('100k words a side, "who reports what": few rows built, the end shown, the keyboard reaches the last row; no task over 50 ms of CPU', async ({ page, browser }) => {
  await open(page);
  await compareBig(page);
  const watch = await traceMainThread(browser, page);
  // A click in a task of its own (see addStaged): the switch and the first draw are the page's work.
  await page.evaluate(() => setTimeout(() => document.querySelector('#view-switch [data-view="matrix"]').click(), 0));
  const grid = page.locator('#matrix [role="grid"]');
  const rows = grid.locator('tbody tr[data-row]');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(300);
  const total = Number(await grid.getAttribute('aria-rowcount')) - 1;
  const built = await rows.count();
  // Scroll the matrix to its end (twice: measured heights settle as rows are built).
  for (let k = 0; k < 2; k++) {
    await page.locator('#matrix').evaluate((m) => { m.scrollTop = m.scrollHeight; });
    await page.waitForTimeout(400);
  }
  const lastRow = grid.locator(`tbody tr[aria-rowindex="${total + 1}"]`);
  await expect(lastRow).toBeInViewport();
  const builtAtEnd = await rows.count();
  // Back to the top; from the first row's cell, Ctrl+End reaches the last row (never built
  // from there), arrows walk back up, Ctrl+Home returns to the first.
  await page.locator('#matrix').evaluate((m) => { m.scrollTop = 0; });
  await page.waitForTimeout(200);
  await grid.locator('tbody tr[aria-rowindex="2"] [data-cell="0"]').focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown');
  await expect(grid.locator('tbody tr[aria-rowindex="5"] [data-cell="0"]')).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(lastRow.locator('[data-cell="0"]')).toBeFocused();
  await expect(lastRow).toBeInViewport();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect(grid.locator(`tbody tr[aria-rowindex="${total}"] [data-cell="1"]`)).toBeFocused();
  await page.keyboard.press('Control+Home');
  const firstLabel = grid.locator('tbody tr[aria-rowindex="2"] [data-cell="0"]');
  await expect(firstLabel).toBeFocused();
  // The focused row scrolls away and is recycled: the focus waits on the grid, and the
  // arrows go on from where it was.
  await page.locator('#matrix').evaluate((m) => { m.scrollTop = m.scrollHeight / 2; });
  await expect(firstLabel).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('tbody tr[aria-rowindex="3"] [data-cell="0"]')).toBeFocused();
  await expect(grid.locator('tbody tr[aria-rowindex="3"]')).toBeInViewport();
  // The page's Find keeps only the rows holding the text (here one passage near the end).
  const dayWords = BIG_A.trim().split(/(?<=\.)\s+/).pop().match(/day \d+\.$/)[0];
  await page.keyboard.press('/');
  await page.keyboard.type(dayWords);
  await expect(page.locator('.mx-found')).toBeVisible();
  await expect.poll(() => rows.count()).toBeLessThanOrEqual(2);
  await expect(rows.first()).toContainText(dayWords);
  await page.keyboard.press('Escape');
  await expect(page.locator('.mx-found')).toHaveCount(0);
  await page.waitForTimeout(200);
  const tasks = await watch.stop();
  const costly = [...tasks].filter((t) => !t.harness).sort((x, y) => y.cpu - x.cpu).slice(0, 3);
  test.info().annotations.push({ type: 'matrix', description: `${total} rows, ${built} built at first, ${builtAtEnd} at the end; most CPU (CPU/wall): ${describe(costly)}` });
  console.log(`matrix: ${total} rows, ${built} built at first, ${builtAtEnd} at the end; most CPU (CPU/wall): ${describe(costly)}`);
  expect(total).toBeGreaterThan(1000);
  expect(built).toBeGreaterThan(3);
  expect(built).toBeLessThan(300);
  expect(builtAtEnd).toBeLessThan(300);
  const over = tasks.filter((t) => t.cpu > 50 && !t.harness);
  expect(over, `tasks over 50 ms of CPU (CPU/wall): ${describe(over)}`).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'scale-matrix.png') });
});
