// One reader, two surfaces: every file of tests/corpus/ that both the command line and the
// page read themselves (text in several encodings, Markdown, .docx, refused binaries) is
// read by both, and both must agree: the same segments for a file that is read, the same
// code for one that is refused. Both run the core's reader (src/extract.rs); this checks
// the page's glue (ingest.js, the reading worker) adds nothing and loses nothing.
//
// HTML and PDF text are left out: the command line extracts them with dom_smoothie and
// pdf-extract, the page with Mozilla Readability and pdf.js (ARCHITECTURE.md); refused PDFs
// are in, their codes must agree.
//
// The command line: RECOUPE_BIN, else target/debug/recoupe (`cargo xtask test` builds it).

import { test, expect } from '@playwright/test';
import { dropFiles, openCompared } from './helpers.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve, basename } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const CORPUS = resolve(here, '../tests/corpus');
const BIN = process.env.RECOUPE_BIN || resolve(here, '../target/debug/recoupe');
const PARTNER = 'text/partner.txt';

const READ = [
  'text/utf8-bom.txt',
  'text/utf16le-bom.txt',
  'text/utf16be-bom.txt',
  'text/windows-1252-fr.txt',
  'text/crlf.txt',
  'text/cr-only.txt',
  'formats/article.md',
  'formats/report.docx',
  'hostile/markdown-html.md',
];
const REFUSED = [
  'text/empty.txt',
  'text/whitespace-only.txt',
  'refused/nul-bytes.txt',
  'refused/png-named.txt',
  'refused/old-word.doc',
  'refused/spreadsheet.docx',
  'refused/truncated.docx',
  'refused/zip-bomb.docx',
  'refused/zip-bomb-lying.docx',
  'refused/scanned.pdf',
  'hostile/drawing.svg',
];

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
test.describe.configure({ timeout: 240_000 });

/** The command line on `rel` and the partner text: {report} or {error: {code, params}}. */
function cli(rel) {
  const run = spawnSync(BIN, ['--format', 'json', resolve(CORPUS, rel), resolve(CORPUS, PARTNER)], { encoding: 'utf8' });
  if (run.status === 0) return { report: JSON.parse(run.stdout) };
  expect(run.status, `${rel}: ${run.stderr}`).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines, `${rel}: one line`).toHaveLength(1);
  return JSON.parse(lines[0]);
}

const open = (page) => openCompared(page, PAGE);

/** Drops files of the corpus onto the drop zone, as a drag would. */
async function drop(page, rels) {
  await dropFiles(page, rels.map((rel) => resolve(CORPUS, rel)));
}

/** The page's report (its JSON export) once it compares `name` (left) with the partner. */
async function pageReport(page, name) {
  let report = null;
  await expect.poll(async () => {
    await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
    await page.locator('#export > summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    return report.documents.map((d) => d.name).join(' | ');
  }, { timeout: 60_000 }).toBe(`${name} | ${basename(PARTNER)}`);
  return report;
}

/** Forgets every document (back to the sample, which the next drop replaces). */
async function forget(page) {
  if (await page.locator('#docs-panel').isHidden()) await page.locator('#docs-toggle').click();
  page.once('dialog', (d) => d.accept());
  await page.locator('#forget-button').click();
  await expect(page.locator('#docs-count')).toHaveText('2');
  await page.locator('#docs-toggle').click();
}

const segments = (report) => report.documents[0].segments.map((s) => s.text);

test.beforeAll(() => {
  expect(existsSync(BIN), `the command line is needed at ${BIN} (cargo build, or RECOUPE_BIN)`).toBe(true);
});

test('a file both surfaces read gives the same segments on the command line and in the page', async ({ page }) => {
  await open(page);
  for (const [k, rel] of READ.entries()) {
    const fromCli = cli(rel);
    expect(fromCli.error, `${rel}: the command line refused it`).toBeUndefined();
    // One file and the partner at a time (from three accounts on, all are compared at once).
    if (k > 0) await forget(page);
    await drop(page, [rel, PARTNER]);
    const fromPage = await pageReport(page, basename(rel));
    expect(segments(fromPage), rel).toEqual(segments(fromCli.report));
    await expect(page.locator('.doc.failed')).toHaveCount(0);
  }
});

test('a file both surfaces refuse is refused with the same code', async ({ page }) => {
  await open(page);
  for (const rel of REFUSED) {
    const fromCli = cli(rel);
    expect(fromCli.error, `${rel}: the command line read it`).toBeDefined();
    await drop(page, [rel]);
    const failed = page.locator('.doc.failed', { hasText: basename(rel) }).locator('.doc-error');
    await expect(failed, rel).toHaveAttribute('data-code', fromCli.error.code, { timeout: 30_000 });
  }
});

test('with the settings untouched, the page and the command line give the same links (the core owns the defaults)', async ({ page }) => {
  const SEEDS = resolve(here, '../seeds/2025-12-08-eu-canada-digital-partnership-council');
  const a = 'commission-press-release.fr.txt', b = 'business-blog-article.fr.txt';
  const run = spawnSync(BIN, ['--format', 'json', resolve(SEEDS, a), resolve(SEEDS, b)], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const fromCli = JSON.parse(run.stdout);
  await open(page);
  await page.locator('#export > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const fromPage = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(fromPage.documents.map((d) => d.name)).toEqual([a, b]);
  const links = (r) => r.links.map((l) => `${l.left.segments}|${l.right.segments}|${l.kind}|${l.score}`);
  expect(links(fromPage).length).toBeGreaterThan(0);
  expect(links(fromPage)).toEqual(links(fromCli));
  // The controls show the core's defaults (the same links mean the same threshold was used).
  await page.locator('#options > summary').click();
  await expect(page.locator('#ignore-case')).not.toBeChecked();
});
