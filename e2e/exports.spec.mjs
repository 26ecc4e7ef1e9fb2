// Browser tests of the Export menu (issue 12): every format, saved from the page, equals what
// the command line writes for the same files (the core renders both: src/render/), for all
// accounts and for the pair on screen; the HTML report opened from file:// runs nothing and
// loads nothing; the TEI file parses as XML with its witnesses; the CSV parses back.
// Fixtures: the five invented accounts of e2e/fixtures/accounts/.

import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const BIN = process.env.RECOUPE_BIN || resolve(here, '../target/debug/recoupe');
const ACCOUNTS = ['wire.txt', 'daily.txt', 'weekly.txt', 'radio.txt', 'blog.txt'];

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });

const fixturePath = (name) => resolve(here, 'fixtures', 'accounts', name);

/** The command line's output for `args` over the fixture files `names` (in that order). */
function cli(args, names) {
  const out = spawnSync(BIN, [...args, ...names.map(fixturePath)], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

async function openAccounts(page, names) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-testid="add-documents"]').setInputFiles(
    names.map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(fixturePath(name)) })),
  );
  await expect(page.locator('#matrix [role="grid"] thead th.mx-account')).toHaveCount(names.length, { timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

/** Clicks the Export menu's entry `id`; returns the download's name and text. */
async function save(page, id) {
  await page.locator('#export > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-${id}`).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8'), download };
}

test('every export of all accounts equals the command line\'s, and reads back', async ({ page, context }) => {
  expect(existsSync(BIN), `the command line is needed at ${BIN} (cargo build, or RECOUPE_BIN)`).toBe(true);
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('blob:') && !r.url().startsWith('data:') && r.url() !== PAGE) requests.push(r.url()); });
  await openAccounts(page, ACCOUNTS);
  // The grid is on screen: the export covers every account by default.
  await page.locator('#export > summary').click();
  await expect(page.locator('#export-scope')).toBeVisible();
  await expect(page.locator('#export-scope-all')).toBeChecked();
  await page.locator('#export > summary').click();

  const json = await save(page, 'json');
  const order = JSON.parse(json.text).documents.map((d) => d.name);
  expect([...order].sort()).toEqual([...ACCOUNTS].sort());
  expect(json.name).toBe('recoupe-wire-and-4-more.json');
  expect(json.text).toBe(cli(['--format', 'json'], order));

  for (const [id, args] of [
    ['tei', ['--format', 'tei']],
    ['collatex', ['--format', 'collatex']],
    ['csv-links', ['--format', 'csv']],
    ['csv-facts', ['--format', 'csv', '--table', 'facts']],
  ]) {
    const file = await save(page, id);
    // A download keeps the byte-order mark; compare the text after it.
    expect(file.text.replace(/^\uFEFF/, ''), id).toBe(cli(args, order).replace(/^\uFEFF/, ''));
  }

  // TEI: well-formed XML in the browser's own parser, one witness per account.
  const tei = (await save(page, 'tei')).text;
  const teiFacts = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    const ns = 'http://www.tei-c.org/ns/1.0';
    return {
      error: doc.getElementsByTagName('parsererror').length,
      witnesses: [...doc.getElementsByTagNameNS(ns, 'witness')].map((w) => w.querySelector('title').textContent),
      method: doc.getElementsByTagNameNS(ns, 'variantEncoding')[0]?.getAttribute('method'),
      apps: doc.getElementsByTagNameNS(ns, 'app').length,
    };
  }, tei);
  expect(teiFacts.error).toBe(0);
  expect(teiFacts.witnesses).toEqual(order);
  expect(teiFacts.method).toBe('parallel-segmentation');
  expect(teiFacts.apps).toBeGreaterThan(5);

  // CSV: parsed back (RFC 4180), one row per link of the JSON report.
  const csv = (await save(page, 'csv-links')).text;
  expect(csv.startsWith('\uFEFF') || csv.startsWith('link,')).toBe(true);
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  expect(rows[0].slice(0, 3)).toEqual(['link', 'account_a', 'segments_a']);
  expect(rows.length - 1).toBe(JSON.parse(json.text).links.length);

  // HTML: the whole comparison, conflicts first; opened from file://, it runs and loads nothing.
  const html = await save(page, 'html');
  expect(html.name).toBe('recoupe-wire-and-4-more.html');
  expect(html.text).toContain('Conflicts (1)');
  expect(html.text.indexOf('id="conflicts"')).toBeLessThan(html.text.indexOf('id="pairs"'));
  const saved = test.info().outputPath('report.html');
  await html.download.saveAs(saved);
  const reportPage = await context.newPage();
  const loaded = [];
  const errors = [];
  reportPage.on('request', (r) => { if (r.url() !== pathToFileURL(saved).href) loaded.push(r.url()); });
  reportPage.on('pageerror', (e) => errors.push(e.message));
  await reportPage.goto(pathToFileURL(saved).href);
  await expect(reportPage.locator('h1')).toHaveText('Comparison of 5 accounts');
  await expect(reportPage.locator('#conflicts mark.value').first()).toBeVisible();
  expect(await reportPage.locator('script').count()).toBe(0);
  expect(await reportPage.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content))
    .toBe("default-src 'none'; style-src 'unsafe-inline'");
  expect(loaded).toEqual([]);
  expect(errors).toEqual([]);

  // Markdown: the summary.
  const md = (await save(page, 'md')).text;
  expect(md).toMatch(/^# Comparison of 5 accounts/);
  expect(md).toContain('## Conflicts (1)');
  expect(requests).toEqual([]);
});

test('the pair on screen exports as a pair, cut from the comparison of every account; French words in French', async ({ page }) => {
  await openAccounts(page, ACCOUNTS);
  await page.locator('[data-lang="fr"]').first().click();
  await page.locator('#view-switch [data-view="pair"]').click();
  await expect(page.locator('.seg').first()).toBeVisible();
  await page.locator('#export > summary').click();
  await expect(page.locator('#export-scope-pair')).toBeChecked();
  const pairLabel = await page.locator('#export-scope-pair-label').textContent();
  await page.locator('#export > summary').click();
  const tei = await save(page, 'tei');
  expect(tei.name).toMatch(/^recoupe-.+-vs-.+\.tei\.xml$/);
  const witnesses = [...tei.text.matchAll(/<witness xml:id="([A-Z]+)">/g)].map((m) => m[1]);
  expect(witnesses).toEqual(['A', 'B']);
  for (const name of tei.text.match(/<bibl><title>([^<]+)<\/title>/g).map((t) => t.replace(/<[^>]+>/g, ''))) {
    expect(pairLabel).toContain(name);
  }
  const html = await save(page, 'html');
  expect(html.text).toContain('<html lang="fr">');
  expect(html.text).toContain('Comparaison de 2 récits');

  // Choosing "all accounts" holds for the next export.
  await page.locator('#export > summary').click();
  await page.locator('#export-scope-all').check();
  await page.locator('#export > summary').click();
  const all = await save(page, 'collatex');
  expect(JSON.parse(all.text).witnesses).toHaveLength(5);
});

/** RFC 4180: quoted fields with doubled quotes, CRLF or LF between records. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('the Export menu, open, passes axe in French and dark', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR', colorScheme: 'dark' });
  const page = await context.newPage();
  await openAccounts(page, ACCOUNTS);
  await page.locator('#export > summary').click();
  await expect(page.locator('#export-tei')).toContainText('Édition (TEI XML)');
  await page.waitForTimeout(400); // the status toast fades in and out
  const axe = await new AxeBuilder({ page }).include('#export').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  await context.close();
});
