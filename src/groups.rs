//! Groups: which passages of all the accounts tell one fact. A pure stage after linking.
//!
//! The links of every pair of documents form a graph over segments. A **passage** is one
//! segment, or the consecutive segments that a link takes together (a split or a merge:
//! they tell the fact jointly). Passages are clustered by average linkage over link
//! scores, a cluster holding **at most one passage of each account**; a passage left
//! alone (its partners' groups already hold a passage of its account: a summary sentence
//! faced by two detailed ones) then joins the group of its best partner, so a group may
//! hold several passages of one account. Segments without any link are in no group: the
//! report already lists them as what only one account says.
//!
//! Order independence: passages are numbered by (document name, first segment), scores
//! are summed as integers (thousandths), ties are broken on those numbers, and groups are
//! ordered by where they sit in the accounts (mean relative position) and their
//! representative's text: permuting the documents gives the same groups.

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use crate::model::{DocId, Document, Link, LinkKind};

/// How one account tells the fact of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Telling {
    /// As the others: at least half of its links inside the group are identical or
    /// equivalent.
    Same,
    /// Part of it: mostly partial links (it, or the others, say more).
    Part,
    /// With another value for a fact in conflict (another value is stated by at least as
    /// many accounts as its own).
    Differently,
}

/// The passage(s) of one account in a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The account.
    pub doc: DocId,
    /// Its segments in the group, ascending (not necessarily consecutive).
    pub segments: Vec<usize>,
    /// How it tells the fact.
    pub telling: Telling,
}

/// One fact or passage told by several accounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// One member per account that tells it, by document index (at least two).
    pub members: Vec<Member>,
    /// The most central segment: the most strongly linked to the rest of the group.
    pub representative: (DocId, usize),
}

impl Group {
    /// How many accounts tell it.
    pub fn accounts(&self) -> usize {
        self.members.len()
    }
}

/// Average link score (thousandths, missing pairs counting 0) from which two clusters
/// merge. A guess: at 0.1 two passages linked at the usual scores (0.3–0.8) join a group
/// when about a third to a half of the cross pairs are linked, and a lone link always
/// passes (links start at the link threshold, 0.21); the groups of newsdev-T04-C1 read
/// with `recoupe 1.txt 2.txt 3.txt` each told one fact. Not tuned against a gold.
const MERGE_MIN_MILLI: u64 = 100;

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    /// Joins the two sets under the smaller root (so the result is order-free).
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
        }
    }
}

/// A candidate merge: average = sum / denom, ties to the smaller cluster keys.
#[derive(PartialEq, Eq)]
struct Merge {
    sum: u64,
    denom: u64,
    keys: (usize, usize),
    a: usize,
    b: usize,
}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let lhs = u128::from(self.sum) * u128::from(other.denom);
        let rhs = u128::from(other.sum) * u128::from(self.denom);
        lhs.cmp(&rhs)
            .then_with(|| other.keys.cmp(&self.keys))
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn milli(score: f32) -> u64 {
    if score.is_finite() {
        (f64::from(score.clamp(0.0, 1.0)) * 1000.0).round() as u64
    } else {
        0
    }
}

/// Groups the linked segments of all documents (see the module docs). Tellings are
/// `Same` or `Part` here; [`mark_differently`] adds what the facts say.
pub fn group(documents: &[Document], links: &[Link]) -> Vec<Group> {
    // Segments that have a partner, numbered densely.
    let mut nodes: BTreeSet<(DocId, usize)> = BTreeSet::new();
    for l in links {
        for side in [&l.left, &l.right] {
            if side.doc >= documents.len() {
                continue;
            }
            nodes.extend(side.segments.clone().map(|s| (side.doc, s)));
        }
    }
    let nodes: Vec<(DocId, usize)> = nodes.into_iter().collect();
    if nodes.is_empty() {
        return Vec::new();
    }
    let node_of = |doc: DocId, seg: usize| nodes.binary_search(&(doc, seg)).ok();
    let valid = |l: &Link| l.left.doc < documents.len() && l.right.doc < documents.len();

    // Passages: the segments a link side takes together.
    let mut uf = UnionFind::new(nodes.len());
    for l in links.iter().filter(|l| valid(l)) {
        for side in [&l.left, &l.right] {
            let mut first = None;
            for s in side.segments.clone() {
                if let Some(n) = node_of(side.doc, s) {
                    match first {
                        None => first = Some(n),
                        Some(f) => uf.union(f, n),
                    }
                }
            }
        }
    }
    let mut passage_nodes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        passage_nodes.entry(uf.find(n)).or_default().push(n);
    }
    // Passages numbered in an order-free way: (document name, first segment, index).
    let mut passages: Vec<Vec<usize>> = passage_nodes.into_values().collect();
    let key = |p: &Vec<usize>| {
        let (doc, seg) = nodes[p[0]];
        (documents[doc].name.as_str(), seg, doc)
    };
    passages.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut passage_of = vec![0usize; nodes.len()];
    for (k, p) in passages.iter().enumerate() {
        for &n in p {
            passage_of[n] = k;
        }
    }

    // Segment-level and passage-level weights (the best link between them).
    let mut seg_edges: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for l in links.iter().filter(|l| valid(l)) {
        let w = milli(l.score);
        for a in l.left.segments.clone() {
            for b in l.right.segments.clone() {
                if let (Some(x), Some(y)) = (node_of(l.left.doc, a), node_of(l.right.doc, b)) {
                    let e = seg_edges.entry((x.min(y), x.max(y))).or_insert(0);
                    *e = (*e).max(w);
                }
            }
        }
    }
    let mut edges: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for (&(x, y), &w) in &seg_edges {
        let (p, q) = (passage_of[x], passage_of[y]);
        if p == q {
            continue;
        }
        let e = edges.entry((p.min(q), p.max(q))).or_insert(0);
        *e = (*e).max(w);
    }

    // Average-linkage clustering, at most one passage of an account per cluster.
    let n = passages.len();
    let mut docs: Vec<BTreeSet<DocId>> = passages
        .iter()
        .map(|p| p.iter().map(|&x| nodes[x].0).collect())
        .collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|p| vec![p]).collect();
    let mut alive = vec![true; n];
    let mut adj: Vec<BTreeMap<usize, u64>> = vec![BTreeMap::new(); n];
    for (&(p, q), &w) in &edges {
        adj[p].insert(q, w);
        adj[q].insert(p, w);
    }
    let cluster_key = |members: &[Vec<usize>], c: usize| members[c].iter().copied().min();
    let mut heap = BinaryHeap::new();
    for (&(p, q), &w) in &edges {
        heap.push(Merge {
            sum: w,
            denom: 1,
            keys: (p, q),
            a: p,
            b: q,
        });
    }
    while let Some(m) = heap.pop() {
        if m.sum < MERGE_MIN_MILLI * m.denom {
            break;
        }
        if !alive[m.a] || !alive[m.b] || !docs[m.a].is_disjoint(&docs[m.b]) {
            continue;
        }
        let c = members.len();
        alive[m.a] = false;
        alive[m.b] = false;
        let mut joined = members[m.a].clone();
        joined.extend(members[m.b].iter().copied());
        joined.sort_unstable();
        members.push(joined);
        alive.push(true);
        let d: BTreeSet<DocId> = docs[m.a].union(&docs[m.b]).copied().collect();
        docs.push(d);
        let mut sums: BTreeMap<usize, u64> = BTreeMap::new();
        for old in [m.a, m.b] {
            for (&nb, &w) in &adj[old] {
                if nb != m.a && nb != m.b && alive[nb] {
                    *sums.entry(nb).or_insert(0) += w;
                }
            }
        }
        for &nb in sums.keys() {
            adj[nb].remove(&m.a);
            adj[nb].remove(&m.b);
        }
        adj.push(BTreeMap::new());
        for (&nb, &w) in &sums {
            adj[nb].insert(c, w);
            adj[c].insert(nb, w);
            let (ka, kb) = (
                cluster_key(&members, c).unwrap_or(0),
                cluster_key(&members, nb).unwrap_or(0),
            );
            heap.push(Merge {
                sum: w,
                denom: (members[c].len() * members[nb].len()) as u64,
                keys: (ka.min(kb), ka.max(kb)),
                a: c.min(nb),
                b: c.max(nb),
            });
        }
    }

    // A passage left alone joins the cluster of its best partner (heaviest link, then
    // the lower passage number).
    let mut best_partner: BTreeMap<usize, (u64, std::cmp::Reverse<usize>)> = BTreeMap::new();
    for (&(x, y), &w) in &edges {
        for (p, q) in [(x, y), (y, x)] {
            let e = best_partner.entry(p).or_insert((w, std::cmp::Reverse(q)));
            *e = (*e).max((w, std::cmp::Reverse(q)));
        }
    }
    let mut cluster_of = vec![0usize; n];
    for c in (0..members.len()).filter(|&c| alive[c]) {
        for &p in &members[c] {
            cluster_of[p] = c;
        }
    }
    let mut final_uf = UnionFind::new(members.len());
    for c in (0..members.len()).filter(|&c| alive[c] && members[c].len() == 1) {
        if let Some(&(_, std::cmp::Reverse(q))) = best_partner.get(&members[c][0]) {
            final_uf.union(c, cluster_of[q]);
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in (0..members.len()).filter(|&c| alive[c]) {
        let root = final_uf.find(c);
        clusters
            .entry(root)
            .or_default()
            .extend(members[c].iter().flat_map(|&p| passages[p].iter().copied()));
    }

    // Each segment's cluster, then the link kinds and centralities in one pass each.
    let clusters: Vec<Vec<usize>> = clusters.into_values().collect();
    let mut cluster_of_node = vec![usize::MAX; nodes.len()];
    for (k, seg_nodes) in clusters.iter().enumerate() {
        for &x in seg_nodes {
            cluster_of_node[x] = k;
        }
    }
    let mut kinds: BTreeMap<(usize, DocId), (usize, usize)> = BTreeMap::new();
    for l in links.iter().filter(|l| valid(l)) {
        let cluster = |doc: DocId, segs: &std::ops::Range<usize>| {
            let ks: BTreeSet<usize> = segs
                .clone()
                .map(|s| node_of(doc, s).map_or(usize::MAX, |x| cluster_of_node[x]))
                .collect();
            (ks.len() == 1).then(|| ks.into_iter().next()).flatten()
        };
        let (Some(a), Some(b)) = (
            cluster(l.left.doc, &l.left.segments),
            cluster(l.right.doc, &l.right.segments),
        ) else {
            continue;
        };
        if a != b || a == usize::MAX {
            continue;
        }
        let close = matches!(l.kind, LinkKind::Identical | LinkKind::Equivalent);
        for doc in [l.left.doc, l.right.doc] {
            let e = kinds.entry((a, doc)).or_insert((0, 0));
            e.0 += usize::from(close);
            e.1 += 1;
        }
    }
    let mut centrality: BTreeMap<usize, u64> = BTreeMap::new();
    for (&(x, y), &w) in &seg_edges {
        if cluster_of_node[x] == cluster_of_node[y] {
            *centrality.entry(x).or_insert(0) += w;
            *centrality.entry(y).or_insert(0) += w;
        }
    }

    let mut groups: Vec<(f64, Group)> = Vec::new();
    for (k, seg_nodes) in clusters.iter().enumerate() {
        let in_group: BTreeSet<usize> = seg_nodes.iter().copied().collect();
        let mut per_doc: BTreeMap<DocId, Vec<usize>> = BTreeMap::new();
        for &x in &in_group {
            per_doc.entry(nodes[x].0).or_default().push(nodes[x].1);
        }
        if per_doc.len() < 2 {
            continue;
        }
        let group_members: Vec<Member> = per_doc
            .into_iter()
            .map(|(doc, segments)| {
                // Tellings from the kinds of the links inside the group.
                let (close, all) = kinds.get(&(k, doc)).copied().unwrap_or((0, 0));
                Member {
                    doc,
                    segments,
                    telling: if all > 0 && 2 * close >= all {
                        Telling::Same
                    } else {
                        Telling::Part
                    },
                }
            })
            .collect();
        // The most central segment: the largest sum of link weights inside the group.
        let rep = in_group
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let (da, sa) = nodes[a];
                let (db, sb) = nodes[b];
                centrality
                    .get(&a)
                    .cmp(&centrality.get(&b))
                    .then_with(|| documents[db].name.cmp(&documents[da].name))
                    .then_with(|| sb.cmp(&sa))
            })
            .map_or((0, 0), |x| nodes[x]);
        // Where the group sits: mean relative position of its first segments.
        let mut positions: Vec<f64> = group_members
            .iter()
            .map(|m| {
                let total = documents[m.doc].segments.len().max(1) as f64;
                m.segments.first().map_or(0.0, |&s| s as f64 / total)
            })
            .collect();
        positions.sort_by(f64::total_cmp);
        let place = positions.iter().sum::<f64>() / positions.len() as f64;
        groups.push((
            place,
            Group {
                members: group_members,
                representative: rep,
            },
        ));
    }
    let rep_text = |g: &Group| {
        let (d, s) = g.representative;
        let doc = &documents[d];
        let text = doc
            .segments
            .get(s)
            .and_then(|seg| doc.text.get(seg.span.range()))
            .unwrap_or("");
        (text, doc.name.as_str())
    };
    groups.sort_by(|(pa, a), (pb, b)| pa.total_cmp(pb).then_with(|| rep_text(a).cmp(&rep_text(b))));
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Marks as `Differently` the members whose value in a conflict of their group is
/// outnumbered or tied: `conflicts` gives, per conflict, the group and each statement's
/// (document, value).
pub fn mark_differently(groups: &mut [Group], conflicts: &[(usize, Vec<(DocId, String)>)]) {
    for (g, statements) in conflicts {
        let Some(group) = groups.get_mut(*g) else {
            continue;
        };
        let mut accounts: BTreeMap<&str, BTreeSet<DocId>> = BTreeMap::new();
        for (doc, value) in statements {
            accounts.entry(value.as_str()).or_default().insert(*doc);
        }
        for m in &mut group.members {
            let own = accounts
                .iter()
                .filter(|(_, docs)| docs.contains(&m.doc))
                .map(|(_, docs)| docs.len())
                .max();
            if let Some(own) = own {
                let rival = accounts
                    .iter()
                    .filter(|(_, docs)| !docs.contains(&m.doc))
                    .any(|(_, docs)| docs.len() >= own);
                if rival {
                    m.telling = Telling::Differently;
                }
            }
        }
    }
}
