//! Which segments correspond: candidates from an index of informative terms, scores,
//! support from neighbouring links, then a selection that allows crossing links (moves),
//! one-to-many links (splits and merges) and leaves weak segments unlinked.
//!
//! Everything here is symmetric in the two documents of a pair, and IDF is computed over
//! all documents at once, so results do not depend on the order documents are given in.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::model::{DocId, Link, LinkKind, LinkSide, MovedBlock, PairStats};
use crate::similarity::{score, shared_terms, Features, Score, Vocabulary};

/// Candidates kept per segment and direction.
const CANDIDATES_PER_SEGMENT: usize = 12;
/// How much a strong neighbouring pair (i±1, j±1) lends to a pair.
const NEIGHBOUR_SUPPORT: f32 = 0.12;
/// Candidates per segment averaged into the background a pair must stand out from.
const MARGIN_NEIGHBOURS: usize = 3;
/// How strongly the margin reshapes scores (0 = not at all).
const MARGIN_WEIGHT: f32 = 2.0;
/// Below this raw score a pair never links, however much it stands out.
const ABSOLUTE_FLOOR: f32 = 0.15;
/// Bonus for pairs at the same relative position in both documents.
const POSITION_PRIOR: f32 = 0.15;
/// A second partner must cover this much of the segment it is added to.
const SECOND_PARTNER_CONTAINMENT: f32 = 0.5;

/// The features of every segment of one document.
pub struct DocFeatures<'a> {
    /// Document index.
    pub doc: DocId,
    /// One entry per segment.
    pub segments: &'a [Features],
}

/// Candidate pairs (left seg, right seg) sharing at least one not-too-common term.
fn candidates(left: &DocFeatures, right: &DocFeatures, vocab: &Vocabulary) -> Vec<(usize, usize)> {
    // Terms in more segments than this are too common to propose candidates (they still
    // count in scores): keeps the cost near-linear on long texts.
    let max_df = (vocab.segments as f32).sqrt().max(32.0) as u32;
    let index = |doc: &DocFeatures| {
        let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
        for (s, f) in doc.segments.iter().enumerate() {
            for &(t, _) in &f.terms {
                if vocab.df[t as usize] <= max_df {
                    postings.entry(t).or_default().push(s);
                }
            }
        }
        postings
    };
    let (left_index, right_index) = (index(left), index(right));
    let mut pairs = Vec::new();
    let mut collect = |from: &DocFeatures, to_index: &HashMap<u32, Vec<usize>>, flip: bool| {
        let mut acc: HashMap<usize, f32> = HashMap::new();
        for (s, f) in from.segments.iter().enumerate() {
            acc.clear();
            for &(t, w) in &f.terms {
                if let Some(list) = to_index.get(&t) {
                    for &o in list {
                        *acc.entry(o).or_default() += w;
                    }
                }
            }
            let mut best: Vec<(usize, f32)> = acc.iter().map(|(&o, &w)| (o, w)).collect();
            best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(o, _) in best.iter().take(CANDIDATES_PER_SEGMENT) {
                pairs.push(if flip { (o, s) } else { (s, o) });
            }
        }
    };
    collect(left, &right_index, false);
    collect(right, &left_index, true);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A selected correspondence between one left and one right segment.
#[derive(Clone, Copy, Debug)]
struct Pair {
    left: usize,
    right: usize,
    score: Score,
    combined: f32,
    support: f32,
}

/// Aligns two documents; returns links (without word diffs) ordered by left segment.
pub fn align_pair(
    left: &DocFeatures,
    right: &DocFeatures,
    vocab: &Vocabulary,
    config: &Config,
) -> Vec<Link> {
    let mut scored: BTreeMap<(usize, usize), Score> = BTreeMap::new();
    for (i, j) in candidates(left, right, vocab) {
        let s = score(&left.segments[i], &right.segments[j]);
        if s.total > 0.0 {
            scored.insert((i, j), s);
        }
    }
    // Margin: how much a pair stands out from each side's other candidates. Accounts of
    // one event share a topic, so absolute similarity alone links everything a little
    // (the margin criterion of bitext mining, Artetxe & Schwenk 2019).
    let mut top_left: HashMap<usize, Vec<f32>> = HashMap::new();
    let mut top_right: HashMap<usize, Vec<f32>> = HashMap::new();
    for (&(i, j), s) in &scored {
        top_left.entry(i).or_default().push(s.total);
        top_right.entry(j).or_default().push(s.total);
    }
    let mean_top = |v: &mut Vec<f32>| {
        v.sort_by(|a, b| b.total_cmp(a));
        let k = v.len().min(MARGIN_NEIGHBOURS);
        v[..k].iter().sum::<f32>() / k.max(1) as f32
    };
    let avg_left: HashMap<usize, f32> = top_left
        .iter_mut()
        .map(|(&i, v)| (i, mean_top(v)))
        .collect();
    let avg_right: HashMap<usize, f32> = top_right
        .iter_mut()
        .map(|(&j, v)| (j, mean_top(v)))
        .collect();
    let (n, m) = (
        left.segments.len().max(1) as f32,
        right.segments.len().max(1) as f32,
    );
    let combined: BTreeMap<(usize, usize), f32> = scored
        .iter()
        .map(|(&(i, j), s)| {
            let background = 0.5 * (avg_left[&i] + avg_right[&j]);
            let margin = s.total / background.max(1e-3);
            let mut c = s.total * (2.0 * margin / (1.0 + margin)).powf(MARGIN_WEIGHT);
            // Standing out among weak candidates is not enough.
            if s.total < ABSOLUTE_FLOOR {
                c = 0.0;
            }
            // Accounts mostly keep the story's order: a mild prior for the diagonal.
            let drift = ((i as f32 + 0.5) / n - (j as f32 + 0.5) / m).abs();
            c *= 1.0 + POSITION_PRIOR * (1.0 - (drift / 0.25).min(1.0));
            ((i, j), c.min(1.0))
        })
        .collect();
    // Neighbours support each other: a pair next to a strong pair in the same order is
    // more likely right (Vecalign's intuition, without forbidding moves).
    let total = |i: usize, j: usize| combined.get(&(i, j)).copied().unwrap_or(0.0);
    let mut pairs: Vec<Pair> = scored
        .iter()
        .map(|(&(i, j), &s)| {
            let before = if i > 0 && j > 0 {
                total(i - 1, j - 1)
            } else {
                0.0
            };
            let after = total(i + 1, j + 1);
            let c = total(i, j);
            let support = NEIGHBOUR_SUPPORT * before.max(after) * c.min(0.5) * 2.0;
            Pair {
                left: i,
                right: j,
                score: s,
                combined: c,
                support,
            }
        })
        .collect();
    let adjusted = |p: &Pair| (p.combined + p.support).min(1.0);
    pairs.sort_by(|a, b| {
        adjusted(b)
            .total_cmp(&adjusted(a))
            .then(a.left.min(a.right).cmp(&b.left.min(b.right)))
            .then(a.left.max(a.right).cmp(&b.left.max(b.right)))
    });

    // One-to-one first: best pairs, each segment once.
    let threshold = config.threshold;
    let mut left_used = vec![false; left.segments.len()];
    let mut right_used = vec![false; right.segments.len()];
    let mut chosen: Vec<Pair> = Vec::new();
    for p in &pairs {
        if adjusted(p) < threshold {
            break;
        }
        if !left_used[p.left] && !right_used[p.right] {
            left_used[p.left] = true;
            right_used[p.right] = true;
            chosen.push(*p);
        }
    }
    // Then second partners: an unlinked segment joins a linked one when the pair is
    // strong and the unlinked segment is largely contained in it (a split or merge).
    let mut extra = Vec::new();
    for p in &pairs {
        if adjusted(p) < threshold {
            break;
        }
        let (lu, ru) = (left_used[p.left], right_used[p.right]);
        if lu && ru {
            continue;
        }
        let (lf, rf) = (&left.segments[p.left], &right.segments[p.right]);
        let free_mass = if lu { rf.mass } else { lf.mass };
        if free_mass > 0.0 && p.score.shared / free_mass >= SECOND_PARTNER_CONTAINMENT {
            left_used[p.left] = true;
            right_used[p.right] = true;
            extra.push(*p);
        }
    }
    chosen.extend(extra);
    group(left, right, vocab, chosen)
}

/// Groups selected pairs into links: pairs that share a segment and form consecutive runs
/// on both sides become one link (a split or a merge); others stay one-to-one.
fn group(
    left: &DocFeatures,
    right: &DocFeatures,
    vocab: &Vocabulary,
    pairs: Vec<Pair>,
) -> Vec<Link> {
    // Union-find over pairs connected by a shared segment.
    let n = pairs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while parent[r] != r {
            r = parent[r];
        }
        let mut y = x;
        while parent[y] != r {
            let next = parent[y];
            parent[y] = r;
            y = next;
        }
        r
    }
    let mut by_left: HashMap<usize, usize> = HashMap::new();
    let mut by_right: HashMap<usize, usize> = HashMap::new();
    for (k, p) in pairs.iter().enumerate() {
        for (map, key) in [(&mut by_left, p.left), (&mut by_right, p.right)] {
            if let Some(&other) = map.get(&key) {
                let (a, b) = (find(&mut parent, k), find(&mut parent, other));
                parent[a.max(b)] = a.min(b);
            } else {
                map.insert(key, k);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Pair>> = BTreeMap::new();
    for (k, p) in pairs.iter().enumerate() {
        let root = find(&mut parent, k);
        groups.entry(root).or_default().push(*p);
    }
    let mut links = Vec::new();
    for (_, members) in groups {
        let mut ls: Vec<usize> = members.iter().map(|p| p.left).collect();
        let mut rs: Vec<usize> = members.iter().map(|p| p.right).collect();
        ls.sort_unstable();
        ls.dedup();
        rs.sort_unstable();
        rs.dedup();
        let consecutive = |v: &[usize]| v.windows(2).all(|w| w[1] == w[0] + 1);
        if members.len() > 1 && consecutive(&ls) && consecutive(&rs) {
            let lf: Vec<&Features> = ls.iter().map(|&i| &left.segments[i]).collect();
            let rf: Vec<&Features> = rs.iter().map(|&j| &right.segments[j]).collect();
            let (lu, ru) = (Features::union(&lf), Features::union(&rf));
            let s = score(&lu, &ru);
            let best = members.iter().map(|p| p.score.total).fold(0.0f32, f32::max);
            links.push(make_link(
                left.doc,
                right.doc,
                ls[0]..ls[ls.len() - 1] + 1,
                rs[0]..rs[rs.len() - 1] + 1,
                s.total.max(best),
                why(&lu, &ru, vocab),
            ));
        } else {
            for p in members {
                let (lf, rf) = (&left.segments[p.left], &right.segments[p.right]);
                links.push(make_link(
                    left.doc,
                    right.doc,
                    p.left..p.left + 1,
                    p.right..p.right + 1,
                    p.score.total,
                    why(lf, rf, vocab),
                ));
            }
        }
    }
    links.sort_by(|a, b| {
        (a.left.segments.start, a.right.segments.start)
            .cmp(&(b.left.segments.start, b.right.segments.start))
    });
    links
}

fn why(a: &Features, b: &Features, vocab: &Vocabulary) -> Vec<String> {
    shared_terms(a, b)
        .into_iter()
        .take(6)
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
        moved_block: None,
    }
}

/// Marks links that cross the main order as moved, in blocks of consecutive links.
/// `links` are one pair's links, ordered by left segment; `first_index` is the index of
/// `links[0]` in the comparison. Returns the moved blocks.
pub fn mark_moves(links: &mut [Link], first_index: usize, first_block: usize) -> Vec<MovedBlock> {
    let n = links.len();
    if n == 0 {
        return Vec::new();
    }
    // Heaviest chain increasing on both sides (weighted LIS, O(n²) is fine per pair for
    // the link counts we see; long texts fall back to a patience LIS below).
    let in_order = if n <= 4000 {
        heaviest_chain(links)
    } else {
        longest_chain(links)
    };
    let mut blocks: Vec<MovedBlock> = Vec::new();
    let mut current: Option<MovedBlock> = None;
    let mut prev: Option<(usize, usize)> = None;
    for k in 0..n {
        if in_order[k] {
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
