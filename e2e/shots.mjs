// Takes the README's screenshots (docs/): `node e2e/shots.mjs` after `cargo xtask dist`.
// Not a test: it only photographs the page as a first visitor sees it.
import { chromium } from '@playwright/test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const DOCS = resolve(here, '../docs');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
await page.goto(PAGE);
await page.locator('.seg').first().waitFor({ timeout: 30_000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 30_000 });
// A first visit: the sample pair side by side, a sentence focused to show its word diff.
await page.locator('.seg[data-side="1"].s-equivalent, .seg[data-side="1"].s-partial').first().focus();
await page.waitForTimeout(6000); // the status toast fades
await page.screenshot({ path: resolve(DOCS, 'screenshot.png') });
// The three EU–Canada accounts of the sample: the 2025 pair and the 2024 Luxembourg news.
await page.locator('#docs-toggle').click();
await page.locator('.example', { hasText: 'commission-luxembourg-news' }).getByRole('button').click();
await page.locator('#docs-toggle').click();
await page.locator('#matrix [role="grid"] thead th.mx-account').nth(2).waitFor({ timeout: 30_000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 30_000 });
await page.waitForTimeout(6000); // the status toast fades
await page.screenshot({ path: resolve(DOCS, 'matrix.png') });

// Five invented accounts of one invented fire (e2e/fixtures/accounts): conflicts first.
const files = ['wire.txt', 'daily.txt', 'weekly.txt', 'radio.txt', 'blog.txt']
  .map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(resolve(here, 'fixtures/accounts', name)) }));
await page.locator('[data-testid="add-documents"]').setInputFiles(files);
await page.locator('#matrix [role="grid"] thead th.mx-account').nth(4).waitFor({ timeout: 30_000 });
await page.locator('#progress').waitFor({ state: 'hidden', timeout: 30_000 });
await page.locator('#matrix tbody tr.mx-has-conflict .mx-label').first().click();
await page.waitForTimeout(13000); // the Undo offer fades
await page.screenshot({ path: resolve(DOCS, 'conflicts.png') });
await browser.close();
