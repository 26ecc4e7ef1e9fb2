// Says where the main thread's long tasks come from while a large generated pair is added,
// compared, drawn, scrolled to the end and searched (issue 13): a Chromium trace with the
// sampling profiler, and for every task over 50 ms on the page's main thread, what it did
// (timeline events by self time, and the profiler's hottest functions, named with their
// www/ module: the single file's inlined modules are found by their `// ---- www/x.js` line).
//
//   cd e2e && node gen/trace.mjs [WORDS] [--setinput] [--noprof] [--step PX] [--css RULES] [--keep trace.json]
//
// --setinput gives the files through Playwright's setInputFiles (as e2e/bench-page.mjs does)
// instead of File objects made ahead of time (as e2e/scale.spec.mjs does).
import { chromium } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { generatePair, stageFiles, addStaged } from './bigpair.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const HTML = resolve(here, '../../dist/recoupe.html');
const PAGE = process.env.RECOUPE_URL || pathToFileURL(HTML).href;
const argv = process.argv.slice(2);
const words = Number(argv.find((a) => /^\d+$/.test(a)) || 100000);
const viaSetInput = argv.includes('--setinput');
const keep = argv.includes('--keep') ? argv[argv.indexOf('--keep') + 1] : null;
// The sampling profiler slows the page down (tasks come out longer): --noprof leaves it off.
const profiler = !argv.includes('--noprof');
// --step PX: wheel steps of PX pixels (200 of them, as e2e/gen/measure.mjs) instead of 150
// steps of a 150th of the height each (as e2e/scale.spec.mjs: every step is a jump).
const step = argv.includes('--step') ? Number(argv[argv.indexOf('--step') + 1]) : 0;
// --css RULES: extra style (to try a change of style.css without a build).
const css = argv.includes('--css') ? argv[argv.indexOf('--css') + 1] : '';

// Line -> module of the single file.
const modules = [];
readFileSync(HTML, 'utf8').split('\n').forEach((l, k) => {
  const m = /^\/\/ ---- (www\/\S+) ----$/.exec(l);
  if (m) modules.push([k + 1, m[1]]);
});
function where(url, line) {
  if (!url) return '(native)';
  if (!url.endsWith('recoupe.html')) return url.split('/').pop().slice(0, 40);
  let name = 'recoupe.html';
  for (const [at, m] of modules) if (at <= line + 1) name = m;
  return name;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(PAGE);
await page.locator('.seg').first().waitFor({ timeout: 30000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 30000 });
await page.waitForFunction(() => document.getElementById('threshold-value')?.textContent.trim(), null, { timeout: 60000 });
if (css) await page.addStyleTag({ content: css });
const { a, b } = generatePair({ words, seed: 13 });
if (!viaSetInput) await stageFiles(page, a, b);
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
});
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'v8.execute',
    ...(profiler ? ['disabled-by-default-v8.cpu_profiler'] : []), 'blink.user_timing', 'disabled-by-default-v8.gc'],
});
const mark = (name) => page.evaluate((n) => performance.mark(`phase:${n}`), name);
await mark('add');
if (viaSetInput) {
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    { name: 'big-a.txt', mimeType: 'text/plain', buffer: Buffer.from(a) },
    { name: 'big-b.txt', mimeType: 'text/plain', buffer: Buffer.from(b) },
  ]);
} else {
  await addStaged(page);
}
await page.waitForFunction(() => document.querySelector('#left-select option:checked')?.textContent.startsWith('big-a'), null, { timeout: 120000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 120000 });
await page.waitForTimeout(800);
await mark('scroll');
await page.mouse.move(720, 500);
const total = await page.locator('#sheet').evaluate((s) => s.scrollHeight);
if (step) for (let k = 0; k < 200; k++) { await page.mouse.wheel(0, step); await page.waitForTimeout(16); }
else for (let k = 0; k < 150; k++) { await page.mouse.wheel(0, Math.ceil(total / 150)); await page.waitForTimeout(20); }
await mark('end');
for (let k = 0; k < 2; k++) {
  await page.locator('#sheet').evaluate((s) => { s.scrollTop = s.scrollHeight; });
  await page.waitForTimeout(400);
}
await mark('find');
await page.locator('body').press('/');
await page.keyboard.type('day 999');
await page.waitForTimeout(300);
await page.locator('#find-input').fill('montréal');
await page.waitForTimeout(300);
await page.keyboard.press('Enter');
await page.keyboard.press('Shift+Enter');
await page.keyboard.press('Shift+Enter');
await page.waitForTimeout(500);
await mark('stop');
const observed = await page.evaluate(() => window.__long);
const buf = await browser.stopTracing();
await browser.close();
if (keep) writeFileSync(keep, buf);

const events = JSON.parse(buf.toString()).traceEvents;
// The page's main thread: the renderer thread that holds our marks.
const markEv = events.filter((e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('phase:'));
const pid = markEv[0]?.pid;
const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const mainTid = [...names].find(([k, v]) => v === 'CrRendererMain' && k.startsWith(`${pid}:`))?.[0].split(':')[1];
const main = events.filter((e) => e.pid === pid && String(e.tid) === mainTid && e.ph === 'X').sort((x, y) => x.ts - y.ts || y.dur - x.dur);
const phases = [...new Map(markEv.map((e) => [e.name.slice(6), e.ts]))].sort((x, y) => x[1] - y[1]);
const phaseOf = (ts) => { let p = 'before'; for (const [n, t] of phases) if (t <= ts) p = n; return p; };

function label(e) {
  const d = e.args?.data || {};
  if (e.name === 'FunctionCall') return `FunctionCall ${d.functionName || '?'} (${where(d.url, d.lineNumber)})`;
  if (e.name === 'EventDispatch') return `EventDispatch ${d.type}`;
  if (e.name === 'TimerFire') return 'TimerFire';
  if (e.name === 'v8.callFunction' || e.name === 'V8.Execute') return null; // wrappers
  return e.name;
}

// The CPU profile of the main thread (each thread's profile has its own id): samples
// (time, node) and nodes (function, url, line).
const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && String(e.tid) === mainTid);
const nodes = new Map();
const timed = [];
let clock = profile?.args?.data?.startTime || 0;
for (const e of events) {
  if (e.name !== 'ProfileChunk' || !profile || e.id !== profile.id || e.pid !== pid) continue;
  const c = e.args?.data?.cpuProfile || {};
  for (const n of c.nodes || []) nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas || [];
  (c.samples || []).forEach((s, k) => { clock += deltas[k] || 0; timed.push({ ts: clock, node: s }); });
}
function fnName(id) {
  const n = nodes.get(id);
  if (!n) return '?';
  const f = n.callFrame || {};
  return `${f.functionName || '(anon)'} (${where(f.url, f.lineNumber)}${f.lineNumber >= 0 ? ':' + (f.lineNumber + 1) : ''})`;
}

// Outermost task events only (RunTask and ThreadControllerImpl::RunTask nest).
const tasks = [];
for (const e of main) {
  if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
  const last = tasks[tasks.length - 1];
  if (last && e.ts < last.ts + last.dur) continue;
  tasks.push(e);
}
const long = tasks.filter((e) => e.dur > 50000);
console.log(`longtask observer: ${JSON.stringify(observed)}`);
console.log(`trace: ${long.length} main-thread tasks over 50 ms`);
// Every task of each phase, long or not: how many, and the slowest ones (ms).
for (const [name] of phases) {
  const d = tasks.filter((e) => phaseOf(e.ts) === name).map((e) => e.dur / 1000).sort((x, y) => y - x);
  if (!d.length) continue;
  const over = (ms) => d.filter((x) => x > ms).length;
  // Thread time (CPU): what the task itself cost, without the time the thread waited for a
  // core (on a loaded 2-core machine a task's wall time is often 3× its CPU time).
  const cpu = tasks.filter((e) => phaseOf(e.ts) === name).map((e) => (e.tdur || 0) / 1000).sort((x, y) => y - x);
  const sum = Math.round(cpu.reduce((x, y) => x + y, 0));
  console.log(`  ${name}: ${d.length} tasks (CPU ${sum} ms in all), >16 ms: ${over(16)}, >30 ms: ${over(30)}, >50 ms: ${over(50)}, slowest: ${d.slice(0, 5).map(Math.round).join(' ')}; most CPU: ${cpu.slice(0, 5).map(Math.round).join(' ')}`);
}
for (const task of long) {
  const end = task.ts + task.dur;
  const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur || 0) <= end);
  // Self time per label: an event's time minus its children's (events nest on one thread).
  const self = new Map();
  const stack = [];
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const l = label(e);
    if (!l) continue;
    if (stack.length) { const p = stack[stack.length - 1]; self.set(p.l, (self.get(p.l) || 0) - e.dur); }
    self.set(l, (self.get(l) || 0) + e.dur);
    stack.push({ ts: e.ts, dur: e.dur, l });
  }
  const top = [...self].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([l, us]) => `${Math.round(us / 1000)}ms ${l}`);
  const hot = new Map();
  for (const s of timed) if (s.ts >= task.ts && s.ts <= end) hot.set(fnName(s.node), (hot.get(fnName(s.node)) || 0) + 1);
  const hottest = [...hot].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([f, n]) => `${n}× ${f}`);
  console.log(`\n[${phaseOf(task.ts)}] task ${Math.round(task.dur / 1000)} ms (CPU ${Math.round((task.tdur || 0) / 1000)} ms)`);
  console.log('  timeline self: ' + top.join(' | '));
  console.log('  samples: ' + hottest.join(' | '));
}
