// Cold start from file:// (issue 13: "the sample's comparison visible within 300 ms of
// navigation"): a fresh Chromium for each run, the time from navigation until the first
// passage and the first ribbon are in the page (a MutationObserver, so that the measure does
// not wait for a frame). With several pages, runs alternate between them (the machine's
// load changes from minute to minute: compare pages in the same run). Prints the medians.
//
//   cd e2e && node gen/coldstart.mjs [--runs N] [PAGE.html ...]   (default ../dist/recoupe.html)
import { chromium } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 9;
const pages = argv.filter((a, k) => a.endsWith('.html') && argv[k - 1] !== '--runs').map((p) => resolve(p));
if (!pages.length) pages.push(resolve(here, '../../dist/recoupe.html'));

async function once(file) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      window.__t = {};
      new MutationObserver(() => {
        if (!window.__t.seg && document.querySelector('.seg')) window.__t.seg = performance.now();
        if (!window.__t.ribbon && document.querySelector('.ribbon')) window.__t.ribbon = performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.__t.ribbon, null, { timeout: 30_000 });
    return await page.evaluate(() => window.__t);
  } finally {
    await browser.close();
  }
}

const seen = new Map(pages.map((p) => [p, []]));
for (let k = 0; k < runs; k++) {
  for (const p of k % 2 ? [...pages].reverse() : pages) seen.get(p).push(await once(p));
}
const median = (v) => { const s = [...v].sort((x, y) => x - y); return Math.round(s[Math.floor(s.length / 2)]); };
for (const [p, t] of seen) {
  console.log(JSON.stringify({ page: p, runs, seg_ms: median(t.map((x) => x.seg)), ribbon_ms: median(t.map((x) => x.ribbon)), ribbons: t.map((x) => Math.round(x.ribbon)) }));
}
