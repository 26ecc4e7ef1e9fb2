// Steps the specs share: opening the page until the sample is compared, and dropping files
// as a drag from the file manager would (dragenter, dragover, drop with a DataTransfer
// holding real File objects), for the specs that test the drop path itself.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Opens `url` and waits until the sample pair is compared and drawn. */
export async function openCompared(page, url) {
  await page.goto(url);
  await expect(page.locator('.seg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#progress')).toBeHidden({ timeout: 30_000 });
}

/** Drops the files at `paths` (absolute) onto the page's drop zone. */
export async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('[data-dropzone]', type, { dataTransfer });
}
