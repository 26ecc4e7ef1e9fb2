// A deterministic generator of large pairs of "accounts" for the browser's scale tests
// (issue 13): paragraphs of sentences built from a fixed vocabulary, and a second account
// where sentences are dropped, reworded, inserted, and blocks of paragraphs moved.
// No text is committed: the same seed gives the same pair on every machine.
//
//   import { generatePair } from './gen/bigpair.mjs';
//   const { a, b } = generatePair({ words: 100_000, seed: 13 });
//   node e2e/gen/bigpair.mjs 100000 OUTDIR   # writes OUTDIR/A.txt and OUTDIR/B.txt

const NOUNS = `council minister agreement fund research network summit treaty budget report harbour
bridge railway school hospital museum library garden market factory river valley mountain village
city region province island forest station tunnel airport parliament court union company bank
police mayor committee commission delegation agency festival exhibition orchestra team season
harvest storm flood drought vaccine program inquiry election campaign protest strike reform
tariff contract project plan strategy policy decision vote proposal review audit survey study
engineer teacher doctor nurse farmer fisher driver pilot judge lawyer writer painter student
visitor resident worker manager director spokesman witness neighbour volunteer officer`.split(/\s+/);
const VERBS = `approved rejected announced delayed opened closed visited signed criticised praised
funded built repaired examined questioned described confirmed denied reported welcomed postponed
extended reduced increased measured counted published presented discussed defended challenged
replaced moved protected warned promised expected recorded inspected launched cancelled`.split(/\s+/);
const ADJS = `new old large small northern southern eastern western local national regional public
private early late final first second recent long short modest ambitious quiet busy famous
remote coastal rural urban annual costly cheap rapid slow careful bold uncertain clear`.split(/\s+/);
const NAMES = `Marchand Okafor Lindqvist Ferreira Nakamura Dubois Kowalski Haddad Moreau Brennan
Castillo Novak Laurent Mbeki Fontaine Sorensen Quiroga Tanaka Weber Abara`.split(/\s+/);
const PLACES = `Montréal Lyon Québec Genève Bruxelles Marseille Toulouse Nantes Lille Rennes
Bordeaux Grenoble Dijon Namur Liège Sherbrooke Gatineau Lausanne Neuchâtel Brest`.split(/\s+/);
const LINKS = 'and but while because after before although since when as'.split(' ');

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(r, list) { return list[Math.floor(r() * list.length)]; }

/** One sentence of about 10–22 words, with names, places and numbers that make it distinct. */
function sentence(r, k) {
  const words = [
    'The', pick(r, ADJS), pick(r, NOUNS), 'of', pick(r, PLACES), pick(r, VERBS), 'the', pick(r, NOUNS),
  ];
  const extra = 1 + Math.floor(r() * 3);
  for (let e = 0; e < extra; e++) {
    const c = r();
    if (c < 0.3) words.push(pick(r, LINKS), pick(r, NAMES), pick(r, VERBS), 'a', pick(r, ADJS), pick(r, NOUNS));
    else if (c < 0.6) words.push('with', String(2 + Math.floor(r() * 9000)), pick(r, NOUNS) + 's');
    else words.push('near', 'the', pick(r, ADJS), pick(r, NOUNS), 'in', pick(r, PLACES));
  }
  words.push('on', `day ${k}`);
  return words.join(' ') + '.';
}

/** A reworded sentence: a few words replaced, one dropped, one added. */
function reword(r, s) {
  const w = s.slice(0, -1).split(' ');
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const at = 1 + Math.floor(r() * (w.length - 1));
    const c = r();
    if (c < 0.5) w[at] = pick(r, ADJS);
    else if (c < 0.75 && w.length > 8) w.splice(at, 1);
    else w.splice(at, 0, pick(r, ['reportedly', 'finally', 'again', 'quickly', 'officially']));
  }
  return w.join(' ') + '.';
}

/**
 * Two accounts of about `words` words each (deterministic for a `seed`): paragraphs of
 * 3–7 sentences; B drops ~12 % of A's sentences, rewords ~30 %, inserts ~8 % of its own
 * and moves ~5 % of the paragraphs elsewhere. Returns {a, b} (paragraphs separated by a
 * blank line).
 */
export function generatePair({ words = 100_000, seed = 13 } = {}) {
  const r = rng(seed);
  const paras = [];
  let count = 0, k = 0;
  while (count < words) {
    const n = 3 + Math.floor(r() * 5);
    const p = [];
    for (let i = 0; i < n && count < words; i++) {
      const s = sentence(r, k++);
      count += s.split(' ').length;
      p.push(s);
    }
    paras.push(p);
  }
  const bParas = [];
  const moved = [];
  for (const p of paras) {
    const q = [];
    for (const s of p) {
      const c = r();
      if (c < 0.12) continue;
      q.push(c < 0.42 ? reword(r, s) : s);
      if (r() < 0.08) q.push(`Only this account adds that ${sentence(r, k++).slice(4)}`);
    }
    if (!q.length) continue;
    if (r() < 0.05) moved.push(q); else bParas.push(q);
  }
  for (const q of moved) bParas.splice(Math.floor(r() * (bParas.length + 1)), 0, q);
  const text = (ps) => ps.map((p) => p.join(' ')).join('\n\n') + '\n';
  return { a: text(paras), b: text(bParas) };
}

/**
 * Puts the two texts in the page as File objects, ahead of time: handing 1 MB to the page
 * (Playwright's setInputFiles) is work on the page's main thread that the long-task
 * observer would count. `addStaged` then gives them to the file input, as a pick would.
 */
export async function stageFiles(page, a, b, names = ['big-a.txt', 'big-b.txt']) {
  await page.evaluate(([x, y, n]) => {
    window.__staged = [new File([x], n[0], { type: 'text/plain' }), new File([y], n[1], { type: 'text/plain' })];
  }, [a, b, names]);
}

export async function addStaged(page) {
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid="add-documents"]');
    const dt = new DataTransfer();
    for (const f of window.__staged) dt.items.add(f);
    input.files = dt.files;
    // In a task of its own, as a real pick: inside this evaluate, the page's handling would
    // run in the test driver's task (e2e/mainthread.mjs does not count those).
    setTimeout(() => input.dispatchEvent(new Event('change', { bubbles: true })), 0);
  });
}

// As a command: node e2e/gen/bigpair.mjs WORDS OUTDIR
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const words = Number(process.argv[2] || 100000), out = process.argv[3] || '.';
  mkdirSync(out, { recursive: true });
  const { a, b } = generatePair({ words });
  writeFileSync(`${out}/A.txt`, a);
  writeFileSync(`${out}/B.txt`, b);
  console.log(`${out}/A.txt ${a.split(/\s+/).length} words, ${out}/B.txt ${b.split(/\s+/).length} words`);
}
