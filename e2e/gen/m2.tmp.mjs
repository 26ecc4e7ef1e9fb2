// Measures the main thread while a large generated pair is compared, drawn and scrolled:
// long tasks (PerformanceObserver 'longtask') during the comparison and during 200 wheel
// steps. Prints one JSON line. Used to give the figures of issue 13 before/after.
//
//   cd e2e && node gen/measure.mjs [WORDS]     (after `cargo xtask dist`)
import { chromium } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { generatePair, stageFiles, addStaged } from './bigpair.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../../dist/recoupe.html')).href;
const words = Number(process.argv[2] || 100000);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(PAGE);
await page.locator('.seg').first().waitFor({ timeout: 30000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 30000 });
const { a, b } = generatePair({ words });
await stageFiles(page, a, b);
await page.evaluate(() => {
  window.__long = []; window.__loaf = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 50) window.__loaf.push({ d: Math.round(e.duration), block: Math.round(e.blockingDuration), s: e.scripts.map((x) => `${x.invoker}|${x.sourceFunctionName}|${Math.round(x.duration)}|${x.sourceCharPosition}`) }); }).observe({ type: "long-animation-frame" });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: false });
});
const t0 = Date.now();
await addStaged(page);
await page.waitForFunction(() => document.querySelector('#left-select option:checked')?.textContent === 'big-a.txt', null, { timeout: 120000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 120000 });
await page.waitForTimeout(1000);
const wall = Date.now() - t0;
const compare = await page.evaluate(() => window.__long.splice(0));
await page.mouse.move(720, 500);
for (let k = 0; k < 200; k++) { await page.mouse.wheel(0, 400); await page.waitForTimeout(16); }
await page.waitForTimeout(500);
const scroll = await page.evaluate(() => window.__long.splice(0));
console.log(JSON.stringify(await page.evaluate(() => window.__loaf), null, 1));
const rows = await page.locator('.row').count();
const out = { words, wall, compare: { n: compare.length, max: Math.max(0, ...compare), all: compare }, scroll: { n: scroll.length, max: Math.max(0, ...scroll) }, rowsInDom: rows };
console.log(JSON.stringify(out));
await browser.close();
