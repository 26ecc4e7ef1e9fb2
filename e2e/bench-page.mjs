// The page's half of `cargo xtask bench`: each pair (A.txt, B.txt of a bench-data folder) is
// added to dist/recoupe.html in Debian's Chromium, as a user would add two files; the time
// from the files given to the comparison on screen (reading, the wasm comparison in its
// worker, the rows drawn) is measured, with the longest main-thread task seen meanwhile
// (PerformanceObserver, 'longtask'). Prints one JSON line per pair and run.
//
//   node e2e/bench-page.mjs --html dist/recoupe.html --runs 3 bench-data/w10000 bench-data/w100000

import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addStaged } from './gen/bigpair.mjs';

const args = process.argv.slice(2);
let html = 'dist/recoupe.html';
let runs = 3;
let timeoutMs = 600_000;
const dirs = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--html') html = args[++i];
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--timeout') timeoutMs = Number(args[++i]) * 1000;
  else dirs.push(args[i]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const dir of dirs) {
    const files = ['A.txt', 'B.txt'].map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(resolve(dir, name)) }));
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(pathToFileURL(resolve(html)).href);
      await page.locator('.seg').first().waitFor({ timeout: 60_000 });
      await page.locator('#progress').waitFor({ state: 'hidden', timeout: 60_000 });
      // The sample shows before the engine has started (the build embeds its report): wait
      // for the engine (it sends the core's defaults, which fill the settings) so that its
      // start is not counted in the pair's time.
      await page.waitForFunction(() => document.getElementById('threshold-value')?.textContent.trim(), null, { timeout: 60_000 });
      // The files are made in the page first, then given to the file input as a pick would:
      // Playwright's setInputFiles decodes the bytes in the page's main thread (a task of
      // 150-260 ms for a 100k-word pair) that the long-task observer would count as ours.
      await page.evaluate((list) => {
        window.__staged = list.map((f) => new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mimeType }));
      }, files.map((f) => ({ name: f.name, mimeType: f.mimeType, b64: f.buffer.toString('base64') })));
      await page.evaluate(() => { window.__longest = 0; });
      const started = Date.now();
      await addStaged(page);
      let result;
      try {
        // Shown: both column heads name the new files, nothing is running, rows are drawn.
        await page.waitForFunction(() => {
          const names = [...document.querySelectorAll('.colhead .col-select')].map((s) => s.selectedOptions[0]?.textContent || '');
          const progress = document.getElementById('progress');
          return names.some((n) => n.includes('A.txt')) && names.some((n) => n.includes('B.txt'))
            && (!progress || progress.hidden || getComputedStyle(progress).display === 'none')
            && document.querySelector('.seg');
        }, null, { timeout: timeoutMs, polling: 20 });
        result = { pair: basename(dir), run, ms: Date.now() - started, longest_task_ms: Math.round(await page.evaluate(() => window.__longest)) };
      } catch (e) {
        result = { pair: basename(dir), run, error: String(e.message || e).split('\n')[0] };
      }
      console.log(JSON.stringify(result));
      await context.close();
    }
  }
} finally {
  await browser.close();
}
