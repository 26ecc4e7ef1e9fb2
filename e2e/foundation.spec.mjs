// Foundation browser tests (issue 2): the single file dist/recoupe.html works from file://
// and served, shows the seeds aligned, aligns two dropped files, refuses an unreadable one
// without losing the view, and makes no network request at all.
//
// The page's contract for tests: every rendered segment carries data-doc, data-seg and
// data-links ("doc:seg ..."), the drop target carries data-dropzone, messages go to the
// role="status" region.

import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const HTML = process.env.RECOUPE_HTML || resolve(here, '../dist/recoupe.html');
const FILE_URL = pathToFileURL(HTML).href;
const SHOTS = resolve(here, 'screenshots');
const fixture = (name) => readFileSync(resolve(here, 'fixtures', name));

test.beforeAll(() => {
  if (!existsSync(HTML)) throw new Error(`${HTML} is missing: run \`cargo xtask dist\` first`);
  mkdirSync(SHOTS, { recursive: true });
});

/** Records every request that is not file:, data: or blob: (and not `allowed`), and CSP reports. */
function watch(page, allowed = []) {
  const network = [];
  const problems = [];
  page.on('request', (r) => {
    const url = r.url();
    if (/^(file|data|blob):/.test(url) || allowed.includes(url)) return;
    network.push(url);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { network, problems };
}

const segs = (page) => page.locator('[data-doc][data-seg]');

/** The rendered segments as plain objects. */
function readSegs(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-doc][data-seg]')].map((el) => ({
      doc: el.dataset.doc,
      seg: el.dataset.seg,
      links: (el.dataset.links || '').split(/\s+/).filter(Boolean),
      text: el.textContent.replace(/\s+/g, ' ').trim(),
    })),
  );
}

async function expectSeedsAligned(page) {
  await expect(segs(page).first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await readSegs(page)).filter((s) => s.links.length).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(6);
  const all = await readSegs(page);
  expect(new Set(all.map((s) => s.doc)).size).toBe(2);
  // Links point at rendered segments of the other document, both ways.
  const byKey = new Map(all.map((s) => [`${s.doc}:${s.seg}`, s]));
  for (const s of all) {
    for (const l of s.links) {
      const other = byKey.get(l);
      expect(other, `link ${s.doc}:${s.seg} -> ${l}`).toBeTruthy();
      expect(other.doc).not.toBe(s.doc);
      expect(other.links).toContain(`${s.doc}:${s.seg}`);
    }
  }
  // The seeds are the two accounts of the EU–Canada Digital Partnership Council.
  const text = all.map((s) => s.text).join(' ');
  expect(text).toMatch(/Canada/);
}

/** Drops files (name, bytes) on the [data-dropzone] element, as a user's drag and drop. */
async function dropFiles(page, files) {
  const payload = files.map(([name, bytes, type]) => ({ name, type: type || 'text/plain', bytes: [...bytes] }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const f of items) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, payload);
  const zone = page.locator('[data-dropzone]').first();
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('file://: the seeds are aligned, dropped files are aligned, a bad file is refused, no network', async ({ page }) => {
  const { network, problems } = watch(page);
  await page.goto(FILE_URL);
  await expectSeedsAligned(page);
  await expect(page.locator('input[type=file][multiple][data-testid="add-documents"]')).toHaveCount(1);

  // Two files whose sentences correspond in a known way, in another order.
  await dropFiles(page, [
    ['council-left.txt', fixture('council-left.txt')],
    ['council-right.txt', fixture('council-right.txt')],
  ]);
  const findSeg = (all, doc, re) => all.find((s) => s.doc === doc && re.test(s.text));
  await expect.poll(async () => {
    const all = await readSegs(page);
    return all.some((s) => /reception at the embassy/.test(s.text)) && all.some((s) => /quantum research/.test(s.text));
  }, { timeout: 30_000 }).toBe(true);
  const all = await readSegs(page);
  const leftDoc = all.find((s) => /quantum research/.test(s.text)).doc;
  const rightDoc = all.find((s) => /reception at the embassy/.test(s.text)).doc;
  expect(leftDoc).not.toBe(rightDoc);
  // "Observers welcomed ..." is third on the left and first on the right: a moved sentence.
  const observersL = findSeg(all, leftDoc, /Observers welcomed/);
  const observersR = findSeg(all, rightDoc, /Observers welcomed/);
  expect(observersL.links).toContain(`${observersR.doc}:${observersR.seg}`);
  const councilL = findSeg(all, leftDoc, /council met in Ottawa/);
  const councilR = findSeg(all, rightDoc, /council met in Ottawa/);
  expect(councilL.links).toContain(`${councilR.doc}:${councilR.seg}`);
  // Sentences found in one account only stay unlinked.
  expect(findSeg(all, leftDoc, /quantum research/).links).toEqual([]);
  expect(findSeg(all, rightDoc, /reception at the embassy/).links).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'foundation.png'), fullPage: false });

  // An unreadable file: a message, and the view that was shown stays.
  const before = await readSegs(page);
  await dropFiles(page, [['photo.txt', fixture('not-text.bin'), 'text/plain']]);
  await expect(page.locator('[role="status"]')).toContainText('photo.txt', { timeout: 20_000 });
  await page.waitForTimeout(500);
  expect(await readSegs(page)).toEqual(before);

  expect(network, 'network requests').toEqual([]);
  expect(problems, 'console errors / CSP violations').toEqual([]);
});

test('the single file forbids the network by its Content-Security-Policy', async ({ page }) => {
  const html = readFileSync(HTML, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] || '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'none'");
  expect(csp).not.toContain('unsafe-inline\'; script'); // scripts by hash only
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect(html).not.toMatch(/<link[^>]+href=/);
  // And the browser enforces it: a fetch from the page is refused.
  const { network } = watch(page);
  await page.goto(FILE_URL);
  await expect(segs(page).first()).toBeVisible({ timeout: 60_000 });
  const blocked = await page.evaluate(async () => {
    try { await fetch('http://127.0.0.1:9/x'); return false; } catch (e) { return true; }
  });
  expect(blocked).toBe(true);
  expect(network).toEqual([]);
});

/** A free TCP port on the loopback interface. */
async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/** Serves dist/ like `cargo xtask serve` (the xtask itself when RECOUPE_XTASK is set). */
async function startServer() {
  const port = await freePort();
  if (process.env.RECOUPE_XTASK) {
    const child = spawn(process.env.RECOUPE_XTASK, ['serve', '--no-build', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const deadline = Date.now() + 20_000;
    while (!out.includes(`http://127.0.0.1:${port}/`)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`xtask serve did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain(HTML.replace(/\\/g, '/').split('/').pop());
    return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
  }
  const server = createServer((req, res) => {
    const body = readFileSync(HTML);
    res.writeHead(req.url === '/' || req.url === '/recoupe.html' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' || req.url === '/recoupe.html' ? body : 'not found');
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.close() };
}

test('served: the seeds are aligned and only the page itself is requested', async ({ page }) => {
  const server = await startServer();
  try {
    const { network, problems } = watch(page, [server.url]);
    await page.goto(server.url);
    await expectSeedsAligned(page);
    expect(network, 'network requests').toEqual([]);
    expect(problems, 'console errors / CSP violations').toEqual([]);
  } finally {
    server.stop();
  }
});
