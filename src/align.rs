//! Which segments correspond: candidates from an index of informative terms, the
//! evidence of each candidate pair and its probability (the link model of
//! [`crate::linker`]), support from third accounts, then a many-to-many selection of
//! every likely pair, grouped into links (splits, merges, several partners), and the
//! moved blocks. Weak segments stay unlinked.
//!
//! Everything here is symmetric in the two documents of a pair, and IDF is computed over
//! all documents at once, so results do not depend on the order documents are given in.

use std::collections::{BTreeMap, HashMap};

use crate::linker::{sigmoid, Evidence, LinkModel};
use crate::model::{DocId, Link, LinkKind, LinkSide, MovedBlock, PairStats};
use crate::similarity::{
    clause_cover, containment_trust, count_common, score, shared_names, shared_terms, Features,
    Score, Vocabulary,
};

/// Candidates kept per segment and direction. 12 covers 91.5 % of the gold links of
/// news-dev (`cargo xtask eval`, issue 9's note) while the 100k-word bench stays within
/// 1.1× the time of the one-to-one engine; more adds time, hardly any recall.
const CANDIDATES_PER_SEGMENT: usize = 12;
/// A pair scoring this much is a near copy (a sentence and its light rewording). 0.8 by
/// `cargo xtask eval`: against 0.6, news-dev +0.02 F1 and generated 100k words +0.003,
/// since news accounts that share a few agency sentences no longer read as revisions.
const NEAR_COPY: f32 = 0.8;
/// Candidates per segment averaged into the background a pair must stand out from.
/// A guess (the margin ratio of Artetxe & Schwenk 2019 uses k = 4); the learned weight
/// of the margin evidence absorbs its scale.
const MARGIN_NEIGHBOURS: usize = 3;
/// Document frequency floor under which a term always proposes candidates (the cut-off
/// is √segments, but never below this). A guess: in a news pair (< 100 segments) every
/// term proposes; only long texts drop their most common terms from the index.
const MIN_POSTING_CUTOFF: f32 = 32.0;
/// Shared terms listed as a link's `why`: a guess at what a reader takes in at a glance.
const WHY_TERMS: usize = 6;
/// Up to this many links the main chain is the exact heaviest chain (O(n²)); above, a
/// patience LIS (O(n log n)). A guess that bounds the quadratic pass to 16 M steps; news
/// pairs (tens of links) always take the exact path.
const EXACT_CHAIN_MAX_LINKS: usize = 4000;

/// The features of every segment of one document.
pub struct DocFeatures<'a> {
    /// Document index.
    pub doc: DocId,
    /// One entry per segment.
    pub segments: &'a [Features],
}

/// The prior, in segments, that shrinks the revision estimate towards 0 (two accounts):
/// 20 keeps the hand-made cases of `tests/cases/` (4 to 20 sentences, a few of them
/// copied) out of the revision regime, and moves a 4,000-sentence revision by 0.5 %.
const REVISION_PRIOR: f32 = 20.0;

/// The revision estimate (see [`candidates_of_pair`]) from which two documents are read as
/// one text and its revision. 0.3 lies between the news accounts of `news-dev` (at most
/// 0.055) and the smallest generated revision (0.51 at 1k words, shrunk by the prior).
const REVISION_REGIME: f32 = 0.3;

/// A near copy tells all of a segment when its term mass is at least this share of the
/// segment's. A guess: light rewording changes a word or two of a sentence (a tenth of its
/// mass), a split leaves out a clause or more.
const TWIN_COVER: f32 = 0.8;

/// Key terms a segment with fewer rare terms than this also proposes candidates by: its
/// rarest common terms, up to this many. 2 by the 1M-word bench (issue 13): 7 % of its
/// gold pairs share no term under the cut-off, and one key term alone ties hundreds of
/// segments; news pairs have every term under the cut-off and are unchanged.
const MIN_KEYS: usize = 2;

/// The terms a segment proposes candidates by (ids, sorted): every term in at most
/// `max_df` segments, and, when that leaves fewer than [`MIN_KEYS`], its rarest others.
fn keys(f: &Features, vocab: &Vocabulary, max_df: u32) -> Vec<u32> {
    let df = |t: u32| vocab.df[t as usize];
    let mut keys: Vec<u32> = f
        .terms
        .iter()
        .map(|&(t, _)| t)
        .filter(|&t| df(t) <= max_df)
        .collect();
    if keys.len() < MIN_KEYS {
        let mut common: Vec<u32> = f
            .terms
            .iter()
            .map(|&(t, _)| t)
            .filter(|&t| df(t) > max_df)
            .collect();
        common.sort_unstable_by_key(|&t| (df(t), t));
        common.truncate(MIN_KEYS - keys.len());
        keys.extend(common);
        keys.sort_unstable();
    }
    keys
}

/// Candidate pairs (left seg, right seg): for each segment, the segments of the other
/// side that share a key term, ranked by the weight of every term they share.
fn candidates(left: &DocFeatures, right: &DocFeatures, vocab: &Vocabulary) -> Vec<(usize, usize)> {
    // Terms in more segments than this are too common to propose candidates (they still
    // count in scores and in the ranking below): keeps the cost near-linear on long texts.
    let max_df = (vocab.segments as f32).sqrt().max(MIN_POSTING_CUTOFF) as u32;
    let keys_of = |doc: &DocFeatures| -> Vec<Vec<u32>> {
        doc.segments
            .iter()
            .map(|f| keys(f, vocab, max_df))
            .collect()
    };
    let (left_keys, right_keys) = (keys_of(left), keys_of(right));
    let index = |keys: &[Vec<u32>]| {
        let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
        for (s, ks) in keys.iter().enumerate() {
            for &t in ks {
                postings.entry(t).or_default().push(s);
            }
        }
        postings
    };
    let (left_index, right_index) = (index(&left_keys), index(&right_keys));
    let mut pairs = Vec::new();
    // Segments reached by a key term, marked in a dense array with the list of those
    // touched (a hash map here was 7 % of the instructions at 100k words, profile of
    // issue 13). They are ranked by the weight of all the terms they share with the
    // segment, common ones included: ranked by key terms alone, a short sentence whose
    // one rare term many others share tied with them all, and its twin lost the tie on
    // segment order (the 1M-word bench, issue 13). Ties go to the earlier segment (a
    // tie-break on the closer mass instead cost news-dev raw 0.007 F1). Sums run in term
    // order, so the weights are the same to the bit.
    let mut collect = |from: &DocFeatures,
                       from_keys: &[Vec<u32>],
                       to: &DocFeatures,
                       to_index: &HashMap<u32, Vec<usize>>,
                       flip: bool| {
        let mut seen = vec![false; to.segments.len()];
        // The segment's weight of each term, 0.0 for terms it lacks.
        let mut weight = vec![0.0f32; vocab.df.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut best: Vec<(usize, f32)> = Vec::new();
        for (s, (f, ks)) in from.segments.iter().zip(from_keys).enumerate() {
            for t in ks {
                for &o in to_index.get(t).into_iter().flatten() {
                    if !seen[o] {
                        seen[o] = true;
                        touched.push(o);
                    }
                }
            }
            for &(t, w) in &f.terms {
                weight[t as usize] = w;
            }
            best.clear();
            best.extend(touched.iter().map(|&o| {
                let g = &to.segments[o];
                // Absent terms add 0.0, which leaves a float sum unchanged: the sum of
                // the shared terms' weights in id order, as a merge of the two lists
                // would give it (a merge was 40 % of the time at 1M words).
                let shared: f32 = g.terms.iter().map(|&(t, _)| weight[t as usize]).sum();
                (o, shared)
            }));
            for &(t, _) in &f.terms {
                weight[t as usize] = 0.0;
            }
            for &o in &touched {
                seen[o] = false;
            }
            touched.clear();
            let k = CANDIDATES_PER_SEGMENT.min(best.len());
            let order =
                |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if k < best.len() {
                best.select_nth_unstable_by(k, order);
            }
            for &(o, _) in &best[..k] {
                pairs.push(if flip { (o, s) } else { (s, o) });
            }
        }
    };
    collect(left, &left_keys, right, &right_index, false);
    collect(right, &right_keys, left, &left_index, true);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A candidate correspondence between one left and one right segment of a pair.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Left segment.
    pub left: usize,
    /// Right segment.
    pub right: usize,
    /// The similarity of the two segments.
    pub score: Score,
    /// What the linker weighs.
    pub evidence: Evidence,
    /// Log-odds of a link from the evidence alone (first stage).
    pub logit: f32,
    /// Support from third accounts, in [0, 1] (0 with two documents).
    pub support: f32,
    /// Probability of a link, after the third-account stage when there is one.
    pub probability: f32,
}

/// Scores every candidate pair of two documents and gathers each pair's evidence.
/// Symmetric: swapping `left` and `right` gives the same candidates, mirrored.
pub fn candidates_of_pair(
    left: &DocFeatures,
    right: &DocFeatures,
    vocab: &Vocabulary,
    model: &LinkModel,
) -> Vec<Candidate> {
    // In (left, right) order, as `candidates` gives them (a map here cost 40 bytes a
    // pair of memory at 1M words, issue 13).
    let scored: Vec<((usize, usize), Score)> = candidates(left, right, vocab)
        .into_iter()
        .filter_map(|(i, j)| {
            let s = score(&left.segments[i], &right.segments[j]);
            (s.total > 0.0).then_some(((i, j), s))
        })
        .collect();
    // Each segment's candidates, strongest first: its best, and the background a pair
    // must stand out from (accounts of one event share a topic, so everything is a
    // little alike: the margin criterion of bitext mining, Artetxe & Schwenk 2019).
    let mut top_left: Vec<Vec<f32>> = vec![Vec::new(); left.segments.len()];
    let mut top_right: Vec<Vec<f32>> = vec![Vec::new(); right.segments.len()];
    for &((i, j), s) in &scored {
        top_left[i].push(s.total);
        top_right[j].push(s.total);
    }
    let summarise = |v: Vec<f32>| {
        let mut v = v;
        v.sort_by(|a, b| b.total_cmp(a));
        let k = v.len().min(MARGIN_NEIGHBOURS);
        let mean = v[..k].iter().sum::<f32>() / k.max(1) as f32;
        // A segment with no candidate is never looked up.
        (v.first().copied().unwrap_or(0.0), mean)
    };
    let left_top: Vec<(f32, f32)> = top_left.into_iter().map(summarise).collect();
    let right_top: Vec<(f32, f32)> = top_right.into_iter().map(summarise).collect();
    let (n, m) = (
        left.segments.len().max(1) as f32,
        right.segments.len().max(1) as f32,
    );
    let total = |i: usize, j: usize| {
        scored
            .binary_search_by(|probe| probe.0.cmp(&(i, j)))
            .map_or(0.0, |k| scored[k].1.total)
    };
    // How much the two documents are one text and its revision rather than two accounts:
    // the share of segments whose best partner is a near copy. In a revision a segment's
    // one twin is its partner and the next best are neighbours; in accounts of one event,
    // several partial partners are the rule. The model weighs rank by it.
    // Shrunk towards "accounts" by [`REVISION_PRIOR`] segments: in a text of a few
    // sentences two shared ones say little about the whole.
    let near_copies = |top: &[(f32, f32)], len: usize| {
        top.iter().filter(|(best, _)| *best >= NEAR_COPY).count() as f32
            / (len as f32 + REVISION_PRIOR)
    };
    let revision = 0.5
        * (near_copies(&left_top, left.segments.len())
            + near_copies(&right_top, right.segments.len()));
    // In a revision, a segment whose best partner is a near copy of all of it has found
    // its counterpart: another partner is most often a sentence made from the same
    // template ("renvoie True si le variant contient Null" against "… Empty"), and those
    // were most of the precision errors at 1M words (issue 13). Such pairs are not
    // candidates. A twin that tells only part of the segment (one half of a split, whose
    // other half may be a few sentences away) leaves it free to take other partners.
    let mut twin_left: Vec<(f32, usize)> = vec![(0.0, 0); left.segments.len()];
    let mut twin_right: Vec<(f32, usize)> = vec![(0.0, 0); right.segments.len()];
    for &((i, j), s) in &scored {
        // Strictly greater: among equal scores the earliest segment is the twin.
        if s.total > twin_left[i].0 {
            twin_left[i] = (s.total, j);
        }
        if s.total > twin_right[j].0 {
            twin_right[j] = (s.total, i);
        }
    }
    // The twins must be each other's best: of two copies of one sentence, only the
    // first has the other side's copy as its twin, the second may take a rewording.
    let whole_twin = |seg: usize,
                      s: f32,
                      own: &Features,
                      (best, twin): (f32, usize),
                      twin_of_twin: usize,
                      other: &[Features]| {
        best >= NEAR_COPY
            && s < best
            && twin_of_twin == seg
            && other[twin].mass >= TWIN_COVER * own.mass
    };
    let revised = revision >= REVISION_REGIME;
    let twin_elsewhere = |i: usize, j: usize, s: f32| {
        let (tl, tr) = (twin_left[i], twin_right[j]);
        whole_twin(
            i,
            s,
            &left.segments[i],
            tl,
            twin_right[tl.1].1,
            right.segments,
        ) || whole_twin(
            j,
            s,
            &right.segments[j],
            tr,
            twin_left[tr.1].1,
            left.segments,
        )
    };
    scored
        .iter()
        .filter(|&&((i, j), s)| !(revised && twin_elsewhere(i, j, s.total)))
        .map(|&((i, j), s)| {
            let (lf, rf) = (&left.segments[i], &right.segments[j]);
            let (best_l, background_l) = left_top[i];
            let (best_r, background_r) = right_top[j];
            let background = 0.5 * (background_l + background_r);
            let margin = (s.total / background.max(1e-3)).clamp(0.1, 10.0);
            let (rank_l, rank_r) = (s.total / best_l.max(1e-6), s.total / best_r.max(1e-6));
            let before = if i > 0 && j > 0 {
                total(i - 1, j - 1)
            } else {
                0.0
            };
            let neighbour = before.max(total(i + 1, j + 1));
            let both_numbers = !lf.numbers.is_empty() && !rf.numbers.is_empty();
            let common_numbers = count_common(&lf.numbers, &rf.numbers);
            let drift = ((i as f32 + 0.5) / n - (j as f32 + 0.5) / m).abs();
            let length_ratio = lf.mass.min(rf.mass) / lf.mass.max(rf.mass).max(1e-6);
            let evidence: Evidence = [
                s.dice,
                s.containment * containment_trust(lf, rf),
                s.grams,
                (1.0 + s.shared).ln(),
                margin.ln(),
                rank_l.min(rank_r),
                rank_l.max(rank_r),
                f32::from(rank_l >= 1.0 && rank_r >= 1.0),
                clause_cover(lf, rf),
                (1.0 + shared_names(lf, rf, vocab)).ln(),
                (common_numbers as f32).min(3.0) / 3.0,
                f32::from(both_numbers && common_numbers == 0),
                f32::from(lf.negated != rf.negated),
                drift,
                neighbour,
                length_ratio,
                f32::from(i == 0 && j == 0),
                revision * f32::from(rank_l >= 1.0 && rank_r >= 1.0),
                revision * rank_l.min(rank_r),
                // The regime alone: in a revision, a pair that is not a segment's twin
                // is rarely a link, so the model may ask more of every pair there
                // (false second partners were most of the errors at 100k words).
                revision,
            ];
            let logit = model.pair_logit(&evidence);
            Candidate {
                left: i,
                right: j,
                score: s,
                evidence,
                logit,
                support: 0.0,
                probability: sigmoid(logit),
            }
        })
        .collect()
}

/// The candidates of every pair of documents, with the pair they belong to.
pub struct PairCandidates {
    /// Left document.
    pub left: DocId,
    /// Right document.
    pub right: DocId,
    /// Its scored candidates, ordered by (left, right) segment.
    pub candidates: Vec<Candidate>,
}

/// A segment of a document: (document, segment index).
type SegmentRef = (DocId, usize);

/// With three or more accounts, each pair's probability is revised by what the other
/// accounts say: a sentence of a third account that both segments link to makes the
/// pair more likely (transitivity). The support is the best over third segments of the
/// weaker of the two first-stage probabilities, so it is symmetric and order-free.
pub fn third_account_support(all: &mut [PairCandidates], model: &LinkModel) {
    let docs = all
        .iter()
        .map(|p| p.left.max(p.right) + 1)
        .max()
        .unwrap_or(0);
    if docs < 3 {
        return;
    }
    // First-stage probabilities by (doc, seg) → [(other doc, other seg, p)].
    let mut partners: HashMap<SegmentRef, Vec<(DocId, usize, f32)>> = HashMap::new();
    let mut lookup: HashMap<(DocId, usize, DocId, usize), f32> = HashMap::new();
    for pc in all.iter() {
        for c in &pc.candidates {
            let p = sigmoid(c.logit);
            partners
                .entry((pc.left, c.left))
                .or_default()
                .push((pc.right, c.right, p));
            partners
                .entry((pc.right, c.right))
                .or_default()
                .push((pc.left, c.left, p));
            lookup.insert((pc.left, c.left, pc.right, c.right), p);
            lookup.insert((pc.right, c.right, pc.left, c.left), p);
        }
    }
    for pc in all.iter_mut() {
        for c in &mut pc.candidates {
            let mut support = 0.0f32;
            for &(doc, seg, p) in partners.get(&(pc.left, c.left)).into_iter().flatten() {
                if doc == pc.right {
                    continue;
                }
                if let Some(&q) = lookup.get(&(pc.right, c.right, doc, seg)) {
                    support = support.max(p.min(q));
                }
            }
            c.support = support;
            c.probability = model.with_third(c.logit, support);
        }
    }
}

/// Selects every candidate at or above the threshold (many-to-many: a segment links to
/// every segment of the other account that asserts a shared proposition) and groups the
/// selected pairs into links; returns links ordered by left segment.
pub fn select(
    left: &DocFeatures,
    right: &DocFeatures,
    vocab: &Vocabulary,
    candidates: &[Candidate],
    threshold: f32,
) -> Vec<Link> {
    let chosen: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.probability >= threshold)
        .collect();
    group(left, right, vocab, &chosen)
}

/// Groups selected pairs into links, symmetrically in the two sides:
/// * a set of pairs that covers every pair between consecutive segments on both sides,
///   and nothing else around them, is one link (a split, a merge, or a 2 × 2 block);
/// * a segment whose consecutive partners have no other partner is one link with them
///   (`{3} ↔ {5, 6}`), whichever side it is on;
/// * every other pair is a link of its own (non-consecutive partners stay separate).
fn group(
    left: &DocFeatures,
    right: &DocFeatures,
    vocab: &Vocabulary,
    pairs: &[&Candidate],
) -> Vec<Link> {
    let mut of_left: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut of_right: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in pairs {
        of_left.entry(p.left).or_default().push(p.right);
        of_right.entry(p.right).or_default().push(p.left);
    }
    for v in of_left.values_mut().chain(of_right.values_mut()) {
        v.sort_unstable();
    }
    let probability: HashMap<(usize, usize), f32> = pairs
        .iter()
        .map(|p| ((p.left, p.right), p.probability))
        .collect();
    let mut done: std::collections::HashSet<(usize, usize)> = Default::default();
    let mut links = Vec::new();
    let mut push =
        |ls: Vec<usize>, rs: Vec<usize>, done: &mut std::collections::HashSet<(usize, usize)>| {
            let mut best = 0.0f32;
            for &i in &ls {
                for &j in &rs {
                    done.insert((i, j));
                    best = best.max(probability.get(&(i, j)).copied().unwrap_or(0.0));
                }
            }
            let lf: Vec<&Features> = ls.iter().map(|&i| &left.segments[i]).collect();
            let rf: Vec<&Features> = rs.iter().map(|&j| &right.segments[j]).collect();
            let why = if lf.len() == 1 && rf.len() == 1 {
                why(lf[0], rf[0], vocab)
            } else {
                why(&Features::union(&lf), &Features::union(&rf), vocab)
            };
            links.push(make_link(
                left.doc,
                right.doc,
                ls[0]..ls[ls.len() - 1] + 1,
                rs[0]..rs[rs.len() - 1] + 1,
                best,
                why,
            ));
        };
    let consecutive = |v: &[usize]| v.windows(2).all(|w| w[1] == w[0] + 1);
    // Blocks: consecutive left segments that all have the same consecutive right partners,
    // which all have exactly those left partners. Partner lists are compared whole, so
    // the rule reads the same from either side.
    for (&i, rs) in &of_left {
        if done.contains(&(i, rs[0])) || !consecutive(rs) {
            continue;
        }
        let ls = &of_right[&rs[0]];
        let block = consecutive(ls)
            && rs.iter().all(|j| of_right[j] == *ls)
            && ls.iter().all(|l| of_left[l] == *rs);
        if block && (ls.len() > 1 || rs.len() > 1) {
            push(ls.clone(), rs.clone(), &mut done);
        }
    }
    // Stars: one segment, a consecutive run of partners that have only it.
    for (&i, rs) in &of_left {
        for run in runs(rs) {
            if run.len() > 1
                && run.iter().all(|j| of_right[j] == [i])
                && !done.contains(&(i, run[0]))
            {
                push(vec![i], run, &mut done);
            }
        }
    }
    for (&j, ls) in &of_right {
        for run in runs(ls) {
            if run.len() > 1
                && run.iter().all(|i| of_left[i] == [j])
                && !done.contains(&(run[0], j))
            {
                push(run, vec![j], &mut done);
            }
        }
    }
    for p in pairs {
        if !done.contains(&(p.left, p.right)) {
            push(vec![p.left], vec![p.right], &mut done);
        }
    }
    links.sort_by(|a, b| {
        (a.left.segments.start, a.right.segments.start)
            .cmp(&(b.left.segments.start, b.right.segments.start))
    });
    links
}

/// Splits a sorted list into runs of consecutive values.
fn runs(v: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &x in v {
        match out.last_mut() {
            Some(run) if run.last() == Some(&(x.wrapping_sub(1))) => run.push(x),
            _ => out.push(vec![x]),
        }
    }
    out
}

fn why(a: &Features, b: &Features, vocab: &Vocabulary) -> Vec<String> {
    shared_terms(a, b)
        .into_iter()
        .take(WHY_TERMS)
        .map(|(t, _)| vocab.surface[t as usize].clone())
        .collect()
}

fn make_link(
    l: DocId,
    r: DocId,
    ls: std::ops::Range<usize>,
    rs: std::ops::Range<usize>,
    score: f32,
    why: Vec<String>,
) -> Link {
    Link {
        left: LinkSide {
            doc: l,
            segments: ls,
        },
        right: LinkSide {
            doc: r,
            segments: rs,
        },
        score: (score * 1000.0).round() / 1000.0,
        kind: LinkKind::Partial,
        diff: Vec::new(),
        flags: Vec::new(),
        why,
        anchor: false,
        moved_block: None,
        marks: [Vec::new(), Vec::new()],
    }
}

/// Marks the main order (`anchor`) and the links that cross it as moved, in blocks of
/// consecutive links. This is the one place that decides both: the page draws what it says.
/// `links` are one pair's links, ordered by left segment; `first_index` is the index of
/// `links[0]` in the comparison. Returns the moved blocks.
pub fn mark_moves(links: &mut [Link], first_index: usize, first_block: usize) -> Vec<MovedBlock> {
    let n = links.len();
    if n == 0 {
        return Vec::new();
    }
    // Heaviest chain increasing on both sides (weighted LIS, O(n²) is fine per pair for
    // the link counts we see; long texts fall back to a patience LIS below).
    let mut in_order = if n <= EXACT_CHAIN_MAX_LINKS {
        heaviest_chain(links)
    } else {
        longest_chain(links)
    };
    // The patience chain orders first segments only: two links of one segment (many-to-many)
    // or overlapping passages could both enter. Anchors never overlap.
    let mut last: Option<usize> = None;
    for k in 0..n {
        if !in_order[k] {
            continue;
        }
        if let Some(p) = last {
            let (a, b) = (&links[p], &links[k]);
            if a.left.segments.end > b.left.segments.start
                || a.right.segments.end > b.right.segments.start
            {
                in_order[k] = false;
                continue;
            }
        }
        last = Some(k);
    }
    for (link, &on) in links.iter_mut().zip(&in_order) {
        link.anchor = on;
    }
    // Off the chain is not enough to be moved: with many-to-many links, a second partner
    // can sit between two chain links in the same order. Moved means crossing the chain.
    let chain: Vec<&Link> = (0..n).filter(|&k| in_order[k]).map(|k| &links[k]).collect();
    let crosses = |l: &Link| {
        let before = chain.partition_point(|c| c.left.segments.end <= l.left.segments.start);
        let after = chain.partition_point(|c| c.left.segments.start < l.left.segments.end);
        let late = before > 0 && chain[before - 1].right.segments.start >= l.right.segments.end;
        let early =
            after < chain.len() && chain[after].right.segments.end <= l.right.segments.start;
        late || early
    };
    let moved: Vec<bool> = (0..n).map(|k| !in_order[k] && crosses(&links[k])).collect();
    let mut blocks: Vec<MovedBlock> = Vec::new();
    let mut current: Option<MovedBlock> = None;
    let mut prev: Option<(usize, usize)> = None;
    for k in 0..n {
        if !moved[k] {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
            prev = None;
            continue;
        }
        let (ls, rs) = (links[k].left.segments.start, links[k].right.segments.start);
        let contiguous =
            prev.is_some_and(|(le, re)| ls >= le && ls <= le + 1 && rs >= re && rs <= re + 1);
        if !contiguous {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
            current = Some(MovedBlock {
                left_doc: links[k].left.doc,
                right_doc: links[k].right.doc,
                links: Vec::new(),
            });
        }
        if let Some(b) = current.as_mut() {
            b.links.push(first_index + k);
        }
        prev = Some((links[k].left.segments.end, links[k].right.segments.end));
    }
    if let Some(b) = current.take() {
        blocks.push(b);
    }
    for (id, b) in blocks.iter().enumerate() {
        for &li in &b.links {
            links[li - first_index].moved_block = Some(first_block + id);
        }
    }
    blocks
}

fn heaviest_chain(links: &[Link]) -> Vec<bool> {
    let n = links.len();
    let weight =
        |l: &Link| (l.left.segments.len() + l.right.segments.len()) as f32 * (0.5 + l.score);
    let mut best = vec![0.0f32; n];
    let mut from = vec![usize::MAX; n];
    for k in 0..n {
        best[k] = weight(&links[k]);
        for m in 0..k {
            let before = links[m].left.segments.end <= links[k].left.segments.start
                && links[m].right.segments.end <= links[k].right.segments.start;
            if before && best[m] + weight(&links[k]) > best[k] {
                best[k] = best[m] + weight(&links[k]);
                from[k] = m;
            }
        }
    }
    let mut in_order = vec![false; n];
    let mut k = (0..n)
        .max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    loop {
        in_order[k] = true;
        if from[k] == usize::MAX {
            break;
        }
        k = from[k];
    }
    in_order
}

/// Unweighted longest chain by patience sorting, for very many links.
fn longest_chain(links: &[Link]) -> Vec<bool> {
    let n = links.len();
    let key = |k: usize| links[k].right.segments.start;
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; n];
    for (k, before) in prev.iter_mut().enumerate() {
        let pos = tails.partition_point(|&t| key(t) < key(k));
        if pos > 0 {
            *before = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut in_order = vec![false; n];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        in_order[k] = true;
        k = prev[k];
    }
    in_order
}

/// Share of each document's segment bytes covered by the pair's links.
pub fn coverage(left: DocId, right: DocId, links: &[Link], seg_len: &[Vec<usize>]) -> PairStats {
    let covered = |doc: DocId, side: fn(&Link) -> &LinkSide| {
        let mut linked = vec![false; seg_len[doc].len()];
        for l in links {
            for s in side(l).segments.clone() {
                linked[s] = true;
            }
        }
        let total: usize = seg_len[doc].iter().sum();
        let part: usize = seg_len[doc]
            .iter()
            .zip(&linked)
            .filter(|(_, &l)| l)
            .map(|(n, _)| n)
            .sum();
        if total == 0 {
            0.0
        } else {
            ((part as f32 / total as f32) * 1000.0).round() / 1000.0
        }
    };
    PairStats {
        left,
        right,
        left_covered: covered(left, |l| &l.left),
        right_covered: covered(right, |l| &l.right),
    }
}

#[cfg(test)]
mod tests {
    use crate::{candidate_pairs, Config, Input};

    /// The probability of the pair (doc l seg i, doc r seg j), if it is a candidate.
    fn probability(
        all: &[super::PairCandidates],
        (l, i): (usize, usize),
        (r, j): (usize, usize),
    ) -> Option<f32> {
        all.iter()
            .find(|p| p.left == l && p.right == r)?
            .candidates
            .iter()
            .find(|c| c.left == i && c.right == j)
            .map(|c| c.probability)
    }

    #[test]
    fn a_third_account_that_tells_both_sentences_supports_their_pair() {
        let a = "Le parquet a ouvert une enquête pour abus de confiance vendredi. La météo sera clémente.";
        let b = "Une plainte pour abus de confiance a été déposée par la banque. Les marchés ont reculé.";
        let c = "Vendredi, le parquet a ouvert une enquête après la plainte de la banque pour abus de confiance.";
        let two = candidate_pairs(
            &[Input::new("a", a), Input::new("b", b)],
            &Config::default(),
        )
        .unwrap();
        let three = candidate_pairs(
            &[Input::new("a", a), Input::new("b", b), Input::new("c", c)],
            &Config::default(),
        )
        .unwrap();
        let alone = probability(&two, (0, 0), (1, 0)).unwrap();
        let supported = probability(&three, (0, 0), (1, 0)).unwrap();
        let support = three[0]
            .candidates
            .iter()
            .find(|c| c.left == 0 && c.right == 0);
        assert!(support.is_some_and(|c| c.support > 0.3), "c tells both");
        assert!(
            supported > alone,
            "third account lifts the pair: {alone} → {supported}"
        );
    }
}
