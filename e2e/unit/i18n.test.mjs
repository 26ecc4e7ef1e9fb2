// Unit tests of the page's words: plurals in `t` (Intl.PluralRules) and the one size
// formatter (www/size.js). `node --test e2e/unit/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize } from '../../www/size.js';

// i18n.js sets `document.documentElement.lang`: a minimal document is enough.
globalThis.document = { documentElement: {} };
const { t, setLang, formatSize: localSize, formatNumber, formatPercent } = await import('../../www/i18n.js');

test('plurals: English 0 is plural, French 0 and 1 are singular', () => {
  setLang('en');
  assert.match(t('summary.share', { a: 'A', b: 'B', n: 1, ident: 1, equiv: 0, part: 0 }), /share 1 passage:/);
  assert.match(t('summary.share', { a: 'A', b: 'B', n: 2, ident: 2, equiv: 0, part: 0 }), /share 2 passages:/);
  assert.equal(t('col.sentences', { n: 0 }), '0 segments');
  assert.equal(t('col.sentences', { n: 1 }), '1 segment');
  assert.equal(t('docs.chars', { n: 12345 }), '12,345 characters');
  setLang('fr');
  const fr = t('summary.share', { a: 'A', b: 'B', n: 3, ident: 0, equiv: 1, part: 2 });
  assert.match(fr, /ont 3 passages en commun : 0 identique, 1 reformulé, 2 en partie communs\./);
  assert.equal(t('summary.identical', { n: 0 }), 'identique');
  assert.equal(t('summary.identical', { n: 2 }), 'identiques');
  assert.equal(t('summary.moved', { n: 1 }), 'déplacé');
  assert.equal(t('col.sentences', { n: 1 }), '1 segment');
  assert.equal(t('docs.chars', { n: 1500 }).replace(/\s/g, ' '), '1 500 caractères');
  setLang('en');
});

test('one size formatter: the core\'s units, localised', () => {
  assert.equal(formatSize(812), '812 bytes');
  assert.equal(formatSize(3.4 * 1024), '3.4 KB');
  assert.equal(formatSize(16 * 1024 * 1024), '16 MB');
  assert.equal(formatSize(1.5 * 1024 * 1024, 'fr'), '1,5 Mo');
  assert.equal(formatSize(64 * 1024 * 1024, 'fr'), '64 Mo');
  setLang('fr');
  assert.equal(localSize(2 * 1024 * 1024), '2,0 Mo');
  setLang('en');
  assert.equal(localSize(2 * 1024 * 1024), '2.0 MB');
});

test('whole numbers, percentages and plural forms written without Intl are Intl\'s own', () => {
  const numbers = [];
  for (let n = 0; n < 2000; n++) numbers.push(n);
  for (let k = 1; k <= 15; k++) numbers.push(10 ** k - 1, 10 ** k, 10 ** k + 1, 1234567 * k, 2 ** (3 * k) + 7);
  numbers.push(Number.MAX_SAFE_INTEGER);
  const fractions = [0, 1e-7, 0.004, 0.0049, 0.005, 0.005000001, 0.285, 0.2849999, 0.995, 0.9949, 1, 1.005, 12.345, 999.995, 123456.785];
  for (let k = 0; k <= 2000; k++) fractions.push(k / 2000, k / 1000 + 0.0005, k / 7, Math.sqrt(k) / 50);
  for (const lang of ['en', 'fr']) {
    setLang(lang);
    const num = new Intl.NumberFormat(lang);
    const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
    const rules = new Intl.PluralRules(lang);
    for (const n of numbers) {
      assert.equal(formatNumber(n), num.format(n), `${lang} ${n}`);
      assert.equal(t('col.sentences', { n }).startsWith(num.format(n)), true);
      const one = rules.select(n) === 'one';
      assert.equal(t('docs.chars', { n }), t('docs.chars', { n: one ? 1 : 2 }).replace(one ? /^1/ : /^2/, num.format(n)), `${lang} plural of ${n}`);
    }
    for (const x of fractions) assert.equal(formatPercent(x), pct.format(x), `${lang} ${x}`);
    // Two to three decimals (the sensitivity): the slider's steps, sums of steps with their
    // floating-point drift, halves at the third and fourth decimal, and large values.
    const two = new Intl.NumberFormat(lang, { minimumFractionDigits: 2 });
    const decimals = [...fractions, 0.1 + 0.2, 0.0005, 0.0015, 0.9995, 0.99949, 999.9995, 1234.5, 999999.9994];
    for (let k = 0; k <= 400; k++) decimals.push(0.1 + k * 0.05, k * 0.0025, k / 3);
    for (const x of decimals) assert.equal(formatNumber(x, { minimumFractionDigits: 2 }), two.format(x), `${lang} ${x}`);
    // Not whole: Intl itself.
    assert.equal(formatNumber(1.5), num.format(1.5));
    assert.equal(formatNumber(-3), num.format(-3));
  }
  setLang('en');
});
