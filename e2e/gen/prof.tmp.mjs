import { chromium } from '@playwright/test';
import { generatePair } from '/work/wt-page/e2e/gen/bigpair.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('file:///work/wt-page/dist/recoupe.html');
await page.locator('.seg').first().waitFor();
await page.locator('#progress').waitFor({ state: 'hidden' });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const { a, b } = generatePair({ words: 100000 });
await page.locator('[data-testid="add-documents"]').setInputFiles([
  { name: 'big-a.txt', mimeType: 'text/plain', buffer: Buffer.from(a) },
  { name: 'big-b.txt', mimeType: 'text/plain', buffer: Buffer.from(b) }]);
await page.waitForFunction(() => document.querySelector('#left-select option:checked')?.textContent === 'big-a.txt', null, { timeout: 120000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 120000 });
await page.waitForTimeout(500);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, k) => counts.set(id, (counts.get(id) || 0) + (dt[k] || 0)));
for (const n of profile.nodes) { const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) || 0) + (counts.get(n.id) || 0)); }
// inclusive
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
for (const n of profile.nodes) { const t = counts.get(n.id) || 0; if (!t) continue; const seen = new Set(); let cur = n.id; while (cur !== undefined) { const m = byId.get(cur); const key = `${m.callFrame.functionName || '(anon)'}:${m.callFrame.lineNumber}`; if (!seen.has(key)) { incl.set(key, (incl.get(key) || 0) + t); seen.add(key); } cur = parent.get(cur); } }
console.log('SELF', [...self].sort((x, y) => y[1] - x[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
console.log('INCL', [...incl].sort((x, y) => y[1] - x[1]).slice(0, 40).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await browser.close();
