import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { generatePair, stageFiles, addStaged } from './bigpair.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('file:///work/wt-page/dist/recoupe.html');
await page.locator('.seg').first().waitFor();
await page.locator('#progress').waitFor({ state: 'hidden' });
const { a, b } = generatePair({ words: 100000 });
await stageFiles(page, a, b);
await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
await addStaged(page);
await page.waitForFunction(() => document.querySelector('#left-select option:checked')?.textContent === 'big-a.txt', null, { timeout: 120000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 120000 });
await page.waitForTimeout(800);
await browser.stopTracing();
await browser.close();
const ev = JSON.parse(readFileSync('/tmp/trace.json', 'utf8')).traceEvents;
const main = ev.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
const mine = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > 18000);
for (const t of tasks) {
  const kids = mine.filter((e) => e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur && e !== t && e.dur > 1000);
  console.log(`TASK ${(t.dur / 1000).toFixed(1)}ms`);
  for (const k of kids.slice(0, 40)) console.log(`   ${(k.dur / 1000).toFixed(1)}ms ${k.name} ${JSON.stringify(k.args?.data?.functionName || k.args?.data?.type || k.args?.data?.url?.slice(-20) || '')} ${k.args?.data?.lineNumber || ''}`);
}
