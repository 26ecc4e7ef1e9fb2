// Browser tests of real-world and hostile input (issue 5): the files of tests/corpus/
// (written by tests/corpus/generate.py) are dropped onto the page as a user would drop them.
// Nothing inside a file may run (no script, no event handler, no javascript: URL, no dialog),
// nothing may be fetched, an unusable file gets a message next to its name, and the view
// that was showing stays.

import { test, expect } from '@playwright/test';
import { dropFiles, openCompared } from './helpers.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve, basename } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const CORPUS = resolve(here, '../tests/corpus');

const HOSTILE = [
  'hostile/script-tags.html',
  'hostile/event-handlers.html',
  'hostile/remote-resources.html',
  'hostile/svg-script.html',
  'hostile/mutation-xss.html',
  'hostile/markdown-html.md',
  'hostile/drawing.svg',
  'hostile/pdf-actions.pdf',
];
const SEED_RELEASE = '../../seeds/2025-12-08-eu-canada-digital-partnership-council/commission-press-release.fr.txt';

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });

/** Records everything that could show a file's content running or leaking. */
function watch(page) {
  const seen = { dialogs: [], requests: [], errors: [] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => {
    const url = r.url();
    // The page itself (file:// or the served URL) and its worker from a Blob URL are expected.
    if (url === PAGE || url.startsWith('blob:') || url.startsWith('data:')) return;
    seen.requests.push(url);
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}

const open = (page) => openCompared(page, PAGE);

/** Drops files of the corpus onto the drop zone through a DataTransfer, as a drag would. */
async function drop(page, rels) {
  await dropFiles(page, rels.map((rel) => resolve(CORPUS, rel)));
}

function segTexts(page) {
  return page.evaluate(() => [...document.querySelectorAll('.seg')].map((s) => s.textContent));
}

/** Fails if the page holds anything a file could have smuggled in as live markup. */
async function expectNoLiveMarkup(page) {
  const live = await page.evaluate(() => {
    const suspicious = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) || /evil\.example|javascript:/i.test(a.value)) suspicious.push(`${el.localName}[${a.name}]`);
      }
    }
    for (const el of document.querySelectorAll('iframe, object, embed, frame, base, meta[http-equiv="refresh"]')) {
      suspicious.push(el.localName);
    }
    return suspicious;
  });
  expect(live).toEqual([]);
}

test('hostile files: nothing in them runs, nothing is fetched, their text is shown as text', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  await drop(page, HOSTILE);
  // Every file is listed: read, or failed with a message next to its name.
  for (const rel of HOSTILE) {
    await expect(page.locator('.doc', { hasText: basename(rel) }).first()).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.locator('.doc.failed', { hasText: 'drawing.svg' })).toContainText('SVG image');
  await expect(page.locator('.doc', { hasText: 'pdf-actions.pdf' })).not.toHaveClass(/failed/);
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  await page.waitForTimeout(1500); // time for anything that would fire late (onload, timers, meta refresh)

  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests).toEqual([]);
  expect(page.url()).toBe(PAGE); // no meta refresh, no navigation
  await expectNoLiveMarkup(page);
  expect(seen.errors).toEqual([]);
});

test('markup written as text in a file is shown as text, not run', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  await drop(page, ['hostile/mutation-xss.html', 'hostile/script-tags.html']);
  await expect.poll(async () => (await segTexts(page)).some((t) => t.includes('<script>window.__pwned')), { timeout: 30_000 }).toBe(true);
  const texts = await segTexts(page);
  expect(texts.some((t) => t.includes('8 December 2025'))).toBe(true);
  expect(texts.some((t) => /onerror|evil\.example/.test(t))).toBe(false);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests).toEqual([]);
});

test('an unusable file gets a message next to its name and the current view stays', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  const before = await segTexts(page);
  expect(before.length).toBeGreaterThan(0);
  await drop(page, ['refused/nul-bytes.txt', 'refused/damaged.pdf', 'refused/zip-bomb-lying.docx', 'text/empty.txt',
    'refused/password.pdf', 'refused/scanned.pdf']);
  await expect(page.locator('.doc.failed', { hasText: 'nul-bytes.txt' })).toContainText('NUL byte', { timeout: 30_000 });
  await expect(page.locator('.doc.failed', { hasText: 'damaged.pdf' })).toContainText('PDF is damaged', { timeout: 30_000 });
  await expect(page.locator('.doc.failed', { hasText: 'password.pdf' })).toContainText('protected by a password', { timeout: 30_000 });
  await expect(page.locator('.doc.failed', { hasText: 'scanned.pdf' })).toContainText('scanned image', { timeout: 30_000 });
  await expect(page.locator('.doc.failed', { hasText: 'zip-bomb-lying.docx' })).toContainText('unpacks to more than the limit');
  await expect(page.locator('.doc.failed', { hasText: 'empty.txt' })).toContainText('empty');
  expect(await segTexts(page)).toEqual(before);
  expect(seen.requests).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('real-world files open: UTF-16, Windows-1252, a saved news page and a Word document', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  await drop(page, ['text/utf16le-bom.txt', 'text/windows-1252-fr.txt']);
  await expect.poll(async () => (await segTexts(page)).filter((t) => t.includes('s’est réuni à Bruxelles le 8 décembre 2025')).length,
    { timeout: 30_000 }).toBe(2);
  await drop(page, ['formats/news-page.html', 'formats/report.docx']);
  await expect.poll(async () => (await segTexts(page)).some((t) => t.includes('An expert group on submarine cable security')),
    { timeout: 30_000 }).toBe(true);
  const texts = (await segTexts(page)).join('\n');
  for (const furniture of ['cookies', 'Leave a Comment', 'All rights reserved', 'dataLayer']) expect(texts).not.toContain(furniture);
  await expect(page.locator('.doc.failed')).toHaveCount(0);
  expect(seen.requests).toEqual([]);
});

test('a PDF opens from its text layer, without its running header, footer and page numbers', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  // The seed press release printed to four pages by Chromium, next to the seed itself.
  await drop(page, ['formats/press-release.pdf', SEED_RELEASE]);
  await expect(page.locator('.doc', { hasText: 'press-release.pdf' })).toContainText('pdf', { timeout: 60_000 });
  const identical = async () => Number((await page.locator('.st-identical').textContent()).replace(/\D/g, ''));
  // 35 passages in the seed; the two link lines of "Pour plus d'informations" come out as one.
  await expect.poll(identical, { timeout: 60_000 }).toBeGreaterThanOrEqual(32);
  const texts = (await segTexts(page)).join('\n');
  expect(texts).toContain("Soutenir l'innovation et stimuler l'adoption de l'IA dans les secteurs stratégiques");
  expect(texts).toContain('Le Conseil s\'est tenu immédiatement après la réunion ministérielle du G7');
  for (const furniture of ['communique.html', '2/4', '4/4', 'PM Communiqué']) expect(texts).not.toContain(furniture);
  await expect(page.locator('.doc.failed')).toHaveCount(0);
  expect(seen.requests).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('an unusable file is explained in French, with French sizes', async ({ page }) => {
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await drop(page, ['refused/nul-bytes.txt', 'refused/zip-bomb-lying.docx', 'refused/password.pdf', 'refused/old-word.doc']);
    await expect(page.locator('.doc.failed', { hasText: 'nul-bytes.txt' })).toContainText('un octet NUL à l’octet', { timeout: 30_000 });
    await expect(page.locator('.doc.failed', { hasText: 'zip-bomb-lying.docx' })).toContainText('plus de 64 Mo, la limite');
    await expect(page.locator('.doc.failed', { hasText: 'password.pdf' })).toContainText('protégé par un mot de passe', { timeout: 30_000 });
    await expect(page.locator('.doc.failed', { hasText: 'old-word.doc' })).toContainText('enregistrez-le en .docx, .pdf ou .txt');
  });
});

test('the exported report escapes what the files hold: no markup from them, nothing runs when it is opened', async ({ page, context }) => {
  const seen = watch(page);
  await open(page);
  await drop(page, ['hostile/mutation-xss.html', 'hostile/script-tags.html']);
  await expect.poll(async () => (await segTexts(page)).some((t) => t.includes('<script>window.__pwned')), { timeout: 30_000 }).toBe(true);

  await page.locator('#export > summary').click();
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-html').click()]);
  expect(htmlDownload.suggestedFilename()).toMatch(/^recoupe-.+-vs-.+\.html$/);
  const html = readFileSync(await htmlDownload.path(), 'utf8');
  expect(html).toContain('&lt;script&gt;window.__pwned');
  // Only the report's own elements, and no attribute a file could have brought.
  const found = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const tags = new Set([...doc.querySelectorAll('*')].map((el) => el.localName));
    const attrs = new Set([...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)));
    return { tags: [...tags].sort(), attrs: [...attrs].sort() };
  }, html);
  const allowed = ['body', 'br', 'del', 'div', 'h1', 'h2', 'h3', 'head', 'header', 'html', 'ins', 'li', 'mark', 'meta', 'p', 'section', 'span', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul'];
  expect(found.tags.filter((tag) => !allowed.includes(tag))).toEqual([]);
  expect(found.attrs.filter((a) => !['charset', 'class', 'content', 'http-equiv', 'id', 'lang', 'name', 'rowspan', 'title'].includes(a))).toEqual([]);

  // Opened as a page, the report runs nothing and loads nothing.
  const reportPage = await context.newPage();
  const seenReport = watch(reportPage);
  const saved = test.info().outputPath('report.html');
  await htmlDownload.saveAs(saved);
  await reportPage.goto(pathToFileURL(saved).href);
  await expect(reportPage.locator('#accounts')).toContainText('mutation-xss.html');
  await reportPage.waitForTimeout(500);
  expect(await reportPage.evaluate(() => window.__pwned)).toBeUndefined();
  expect(seenReport.dialogs).toEqual([]);

  await page.locator('#export > summary').click();
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const report = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(report.schema).toBe('recoupe/1');
  expect(report.documents.map((d) => d.name).sort()).toEqual(['mutation-xss.html', 'script-tags.html']);
  expect(seen.requests).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('every file of the corpus, dropped at once: each is read or refused next to its name, as the corpus README says', async ({ page }) => {
  const seen = watch(page);
  await open(page);
  const all = ['text', 'formats', 'hostile', 'refused'].flatMap((dir) => readdirSync(resolve(CORPUS, dir)).sort().map((f) => `${dir}/${f}`));
  const refusedNames = new Set([
    ...all.filter((rel) => rel.startsWith('refused/')),
    'text/empty.txt', 'text/whitespace-only.txt', 'hostile/drawing.svg',
  ].map((rel) => basename(rel)));
  await drop(page, all);
  for (const rel of all) {
    const name = basename(rel);
    const item = page.locator('#docs-panel .doc', { has: page.locator('.doc-name', { hasText: new RegExp(`^${name.replace(/[.]/g, '\\.')}`) }) }).first();
    await expect(item, name).toBeVisible({ timeout: 60_000 });
    if (refusedNames.has(name)) await expect(item, name).toHaveClass(/failed/);
    else await expect(item, name).not.toHaveClass(/failed/);
  }
  await expect(page.locator('#progress')).toBeHidden({ timeout: 60_000 });
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests).toEqual([]);
  expect(seen.errors).toEqual([]);
});
