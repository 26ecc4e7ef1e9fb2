// Browser tests of "every account at once" (issue 11): three and five accounts dropped open
// "who reports what" (a grid, one column per account), its filters and sorting, a conflict
// highlighted in every sentence that states it (`data-conflict` shared by its values), the
// keyboard (arrows, Enter opens a row, Esc closes it), axe in light and dark, French and
// English, the sample replaced by the user's documents and one click away, and the undo of a
// removal. Fixtures: e2e/fixtures/accounts/*.txt, five invented reports of one invented fire,
// written for these tests (two give five wounded firemen, one four: a conflict; two give the
// damage as "estimated" at 4.5 and 6 million euros, which the core leaves as estimates, not
// a conflict).

import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const PAGE = process.env.RECOUPE_URL || pathToFileURL(resolve(here, '../dist/recoupe.html')).href;
const SHOTS = resolve(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

test.use({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });

const ACCOUNTS = ['wire.txt', 'daily.txt', 'weekly.txt', 'radio.txt', 'blog.txt'];

function fixture(name) {
  return { name, mimeType: 'text/plain', buffer: readFileSync(resolve(here, 'fixtures', 'accounts', name)) };
}

/** Opens the page (the sample is compared), then drops `names` and waits for the matrix. */
async function dropAccounts(page, names) {
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-testid="add-documents"]').setInputFiles(names.map(fixture));
  const grid = page.locator('#matrix [role="grid"]');
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect(grid.locator('thead th.mx-account')).toHaveCount(names.length, { timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
  return grid;
}

/** The "a/n" count of every shown row, as numbers. */
async function rowCounts(grid) {
  const texts = await grid.locator('tbody tr[data-row] .mx-n').allTextContents();
  return texts.map((s) => Number(s.split('/')[0]));
}

test('three accounts: the matrix is the default view, the sample is replaced, conflicts come first and are marked in both sentences', async ({ page }) => {
  const grid = await dropAccounts(page, ACCOUNTS.slice(0, 3));
  // The user's documents replaced the sample: exactly the three dropped accounts are open.
  await expect(page.locator('#docs-count')).toHaveText('3');
  const heads = await grid.locator('thead th.mx-account .mx-name').allTextContents();
  expect(heads.sort()).toEqual(ACCOUNTS.slice(0, 3).sort());
  // The view switch says which view is on.
  await expect(page.locator('[data-view="matrix"]')).toHaveAttribute('aria-pressed', 'true');

  // Conflicts are listed before the table, and each conflict's values carry one shared id,
  // in at least two sentences (of two different accounts).
  const list = page.locator('#matrix .mx-conflicts');
  const table = page.locator('#matrix .mx-table');
  const listBox = await list.boundingBox(), tableBox = await table.boundingBox();
  expect(listBox.y).toBeLessThan(tableBox.y);
  const ids = await list.locator('[data-conflict]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.conflict))]);
  expect(ids.length).toBeGreaterThan(0);
  const wounded = list.locator('li', { hasText: 'pompiers ont été' }).first();
  await expect(wounded).toBeVisible();
  const marks = wounded.locator('[data-conflict]');
  expect(await marks.count()).toBeGreaterThanOrEqual(2);
  const id = await marks.first().getAttribute('data-conflict');
  const values = await wounded.locator(`[data-conflict="${id}"]`).allTextContents();
  expect(values.map((v) => v.toLowerCase())).toEqual(expect.arrayContaining(['cinq', 'quatre']));

  // The row of that conflict is flagged; opening it shows the two sentences side by side with
  // the same conflict id on their values.
  const row = grid.locator('tbody tr.mx-has-conflict', { hasText: 'pompiers' }).first();
  await row.locator('.mx-label').click();
  await expect(row.locator('.mx-label')).toHaveAttribute('aria-expanded', 'true');
  const detail = grid.locator('tr.mx-detail');
  await expect(detail.locator(`[data-conflict="${id}"]`)).toHaveCount(2);
  await page.screenshot({ path: resolve(SHOTS, 'accounts-three.png') });

  // "Show in the text" opens the side-by-side view on that sentence.
  await detail.locator('.mx-show').first().click();
  await expect(page.locator('[data-view="pair"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.seg:focus')).toContainText('pompiers');
});

test('five accounts: filters and sorting', async ({ page }) => {
  const grid = await dropAccounts(page, ACCOUNTS);
  const all = await rowCounts(grid);
  expect(all.length).toBeGreaterThan(4);
  // Default sort: most accounts first.
  expect(all).toEqual([...all].sort((a, b) => b - a));

  await page.locator('.mx-filter[data-filter="one"]').click();
  await expect(page.locator('.mx-filter[data-filter="one"]')).toHaveAttribute('aria-pressed', 'true');
  const one = await rowCounts(grid);
  expect(one.length).toBeGreaterThan(0);
  expect(one.every((n) => n === 1)).toBe(true);

  await page.locator('.mx-filter[data-filter="conflicts"]').click();
  const conflictRows = grid.locator('tbody tr[data-row]');
  expect(await conflictRows.count()).toBeGreaterThan(0);
  for (const r of await conflictRows.all()) await expect(r).toHaveClass(/mx-has-conflict/);

  await page.locator('.mx-filter[data-filter="all"]').click();
  await grid.locator('.mx-count-head button').click();
  await expect(grid.locator('.mx-count-head')).toHaveAttribute('aria-sort', 'ascending');
  const fewest = await rowCounts(grid);
  expect(fewest).toEqual([...fewest].sort((a, b) => a - b));
  expect(fewest.length).toBe(all.length);

  // The filter and the sort survive a reload (they are preferences, saved locally).
  await page.reload();
  await expect(grid.locator('.mx-count-head')).toHaveAttribute('aria-sort', 'ascending', { timeout: 30_000 });
  await page.screenshot({ path: resolve(SHOTS, 'accounts-five.png') });
});

test('the matrix by keyboard: arrows, Enter opens a row, Esc closes it', async ({ page }) => {
  const grid = await dropAccounts(page, ACCOUNTS.slice(0, 3));
  const first = grid.locator('tbody tr[data-row]').first();
  await first.locator('[data-cell="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(first.locator('[data-cell="1"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = grid.locator('tbody tr[data-row]').nth(1);
  await expect(second.locator('[data-cell="1"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(second.locator('[data-cell="0"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(grid.locator('tbody tr[data-row]').nth(1).locator('.mx-label')).toHaveAttribute('aria-expanded', 'true');
  await expect(grid.locator('tr.mx-detail')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(grid.locator('tr.mx-detail')).toHaveCount(0);
  await expect(grid.locator('tbody tr[data-row]').nth(1).locator('[data-cell="0"]')).toBeFocused();
});

for (const [lang, scheme] of [['en-US', 'light'], ['fr-FR', 'dark']]) {
  test(`axe: the matrix is clean (${lang}, ${scheme})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: lang, colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const grid = await dropAccounts(page, ACCOUNTS.slice(0, 3));
    await grid.locator('tbody tr.mx-has-conflict .mx-label').first().click();
    const axe = await new AxeBuilder({ page }).include('#matrix').include('.toolbar').analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await context.close();
  });
}

test('the sample is one click away, and removing a document can be undone', async ({ page }) => {
  await dropAccounts(page, ACCOUNTS.slice(0, 3));
  await page.locator('#docs-toggle').click();
  // Remove one account: two remain, the side-by-side view takes over (never the sample).
  await page.locator('#doc-list li', { hasText: 'weekly.txt' }).getByRole('button', { name: /Remove/ }).click();
  await expect(page.locator('#docs-count')).toHaveText('2');
  await expect(page.locator('#left-select option')).toHaveCount(2);
  await expect(page.locator('.viewer')).toBeVisible();
  // Undo brings it back, and the matrix with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#docs-count')).toHaveText('3');
  await expect(page.locator('#matrix [role="grid"] thead th.mx-account')).toHaveCount(3, { timeout: 30_000 });
  // The sample comes back in one click.
  await page.locator('#sample-button').click();
  await expect(page.locator('#docs-count')).toHaveText('2');
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
});

test('each account has a source: read from a saved web page, edited in the panel, kept, and its date anchors relative dates', async ({ page }) => {
  const CASE = resolve(here, '../tests/cases/facts-conflict-date-relative');
  const text = (f) => readFileSync(resolve(CASE, f), 'utf8');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Incendie à Saint-Priest</title>
<meta property="og:site_name" content="Le Courrier de Saint-Priest">
<meta property="article:published_time" content="2019-01-28T08:00:00+01:00">
<meta property="og:url" content="https://courrier.example/saint-priest-incendie">
</head><body><nav>Accueil · Région · Sports</nav><article><h1>Incendie à Saint-Priest</h1>
${text('a.txt').split('\n').filter(Boolean).map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>© Le Courrier</footer></body></html>`;
  await page.goto(PAGE);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('[data-testid="add-documents"]').setInputFiles([
    { name: 'courrier.html', mimeType: 'text/html', buffer: Buffer.from(html) },
    { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from(text('b.txt')) },
    { name: 'c.txt', mimeType: 'text/plain', buffer: Buffer.from(text('c.txt')) },
  ]);
  const grid = page.locator('#matrix [role="grid"]');
  await expect(grid.locator('thead th.mx-account')).toHaveCount(3, { timeout: 30_000 });
  // The web page's metadata gave its source, shown over its column.
  await expect(grid.locator('thead th.mx-account', { hasText: 'courrier.html' }).locator('.mx-source'))
    .toHaveText('Le Courrier de Saint-Priest · 2019-01-28');

  // The two other accounts get their dates in the panel.
  await page.locator('#docs-toggle').click();
  for (const [name, date] of [['b.txt', '2019-01-28'], ['c.txt', '2019-01-27']]) {
    await page.locator('.doc', { hasText: name }).getByRole('button', { name: `Source of ${name}` }).click();
    await page.locator('.source-form input[name="date"]').fill(date);
    await page.locator('.source-form input[name="outlet"]').fill(`Agence ${name}`);
    await page.locator('.source-form').getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('.doc', { hasText: name }).locator('.doc-source')).toHaveText(`Agence ${name} · ${date}`);
  }
  await page.locator('#docs-toggle').click();
  // "vendredi" (the Friday before 28 and 27 January 2019) against "samedi 26 janvier": a conflict.
  const conflict = page.locator('#matrix .mx-conflicts li', { hasText: 'samedi 26 janvier' });
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await expect(conflict.locator('[data-conflict]', { hasText: 'vendredi' }).first()).toBeVisible();

  // The side-by-side view names the sources over the columns, and the exports carry them.
  await page.locator('#view-switch [data-view="pair"]').click();
  await expect(page.locator('.colhead .col-source').filter({ hasText: /Agence|Courrier/ }).first()).toBeVisible();
  await page.locator('#export > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const courrier = exported.documents.find((d) => d.name === 'courrier.html');
  expect(courrier.date).toBe('2019-01-28');
  // The dates anchored "vendredi": the conflict is between 25 and 26 January 2019.
  const values = exported.conflicts.flatMap((c) => c.statements.map((st) => st.value));
  expect(values).toEqual(expect.arrayContaining(['2019-01-25', '2019-01-26']));
  expect(courrier.source).toBe('Le Courrier de Saint-Priest');
  expect(courrier.url).toBe('https://courrier.example/saint-priest-incendie');
  await page.locator('#view-switch [data-view="matrix"]').click();

  // Sources are kept with the documents.
  await page.waitForTimeout(400); // saving is debounced
  await page.reload();
  await expect(grid.locator('thead th.mx-account', { hasText: 'b.txt' }).locator('.mx-source'))
    .toHaveText('Agence b.txt · 2019-01-28', { timeout: 30_000 });
});
