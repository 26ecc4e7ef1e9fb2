//! One reading order for every account: the columns of an alignment table, as TEI parallel
//! segmentation and CollateX's table need them. Each column holds, per account, a run of
//! consecutive segments or nothing; read column after column, every account's segments come
//! in their own order, each exactly once.
//!
//! A group (one fact told by several accounts, `groups` in the report) is one column when
//! its passages can stand side by side. When accounts tell things in different orders, no
//! single order keeps every group whole: the group is then split into two columns (the
//! accounts that have reached it now, the others later), and the pair is recorded as a
//! transposition. Passages in no group are columns of their own account, consecutive ones
//! together.

use std::ops::Range;

use crate::report::Report;

/// One column: per document, its run of segments, or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The report's group this column tells, if any.
    pub group: Option<usize>,
    /// By document index.
    pub cells: Vec<Option<Range<usize>>>,
}

/// The columns in reading order, and the transpositions: pairs of column indices holding
/// one group at two places.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// Columns in reading order.
    pub columns: Vec<Column>,
    /// (earlier column, later column) of a group split by different orders.
    pub transpositions: Vec<(usize, usize)>,
}

struct Unit {
    doc: usize,
    segs: Range<usize>,
    column: usize,
}

struct Pending {
    group: Option<usize>,
    units: Vec<usize>,
}

/// Consecutive runs of sorted, distinct indices.
fn runs(sorted: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for &s in sorted {
        match out.last_mut() {
            Some(r) if r.end == s => r.end = s + 1,
            _ => out.push(s..s + 1),
        }
    }
    out
}

/// The alignment table of `report`.
pub fn align(report: &Report) -> Alignment {
    let n_docs = report.documents.len();
    let sizes: Vec<usize> = report.documents.iter().map(|d| d.segments.len()).collect();
    let mut claimed: Vec<Vec<bool>> = sizes.iter().map(|&n| vec![false; n]).collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();

    // Groups first: each member's first run in the group's column; further runs of the same
    // account (a fact told twice, apart) in columns of their own, still of the group.
    for g in &report.groups {
        let mut main = Pending {
            group: Some(g.id),
            units: Vec::new(),
        };
        let mut extra = Vec::new();
        for m in &g.members {
            let mut segs: Vec<usize> = m
                .segments
                .iter()
                .copied()
                .filter(|&s| claimed.get(m.doc).and_then(|c| c.get(s)) == Some(&false))
                .collect();
            segs.sort_unstable();
            segs.dedup();
            for (k, run) in runs(&segs).into_iter().enumerate() {
                for s in run.clone() {
                    claimed[m.doc][s] = true;
                }
                let unit = units.len();
                units.push(Unit {
                    doc: m.doc,
                    segs: run,
                    column: usize::MAX,
                });
                if k == 0 {
                    main.units.push(unit);
                } else {
                    extra.push(unit);
                }
            }
        }
        for list in std::iter::once(main.units).chain(extra.into_iter().map(|u| vec![u])) {
            if !list.is_empty() {
                pending.push(Pending {
                    group: Some(g.id),
                    units: list,
                });
            }
        }
    }
    // What no group holds: runs of one account.
    for (doc, flags) in claimed.iter().enumerate() {
        let free: Vec<usize> = (0..flags.len()).filter(|&s| !flags[s]).collect();
        for run in runs(&free) {
            let unit = units.len();
            units.push(Unit {
                doc,
                segs: run,
                column: usize::MAX,
            });
            pending.push(Pending {
                group: None,
                units: vec![unit],
            });
        }
    }
    for (c, p) in pending.iter().enumerate() {
        for &u in &p.units {
            units[u].column = c;
        }
    }

    // Each account's units in its order.
    let mut queues: Vec<Vec<usize>> = vec![Vec::new(); n_docs];
    for (k, u) in units.iter().enumerate() {
        queues[u.doc].push(k);
    }
    for q in &mut queues {
        q.sort_by_key(|&u| units[u].segs.start);
    }
    let mut heads = vec![0usize; n_docs];
    // Where a unit stands in its account, from 0 to 1: columns are taken earliest first.
    let place = |u: &Unit| u.segs.start as f64 / sizes[u.doc].max(1) as f64;

    let mut out = Alignment::default();
    // Pending column → where its first part went in `out`, for transpositions.
    let mut placed_at: Vec<Option<usize>> = vec![None; pending.len()];
    loop {
        let head_units: Vec<usize> = (0..n_docs)
            .filter_map(|d| queues[d].get(heads[d]).copied())
            .collect();
        if head_units.is_empty() {
            break;
        }
        let is_head = |u: usize| queues[units[u].doc].get(heads[units[u].doc]) == Some(&u);
        // A column is ready when every one of its passages is next in its account.
        let mut best: Option<(f64, usize, usize)> = None; // (mean place, first doc, column)
        for &u in &head_units {
            let c = units[u].column;
            let members = &pending[c].units;
            if members.iter().all(|&m| is_head(m)) {
                let mean =
                    members.iter().map(|&m| place(&units[m])).sum::<f64>() / members.len() as f64;
                let key = (mean, units[members[0]].doc, c);
                if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
                    best = Some(key);
                }
            }
        }
        let (column, taken): (usize, Vec<usize>) = match best {
            Some((_, _, c)) => (c, std::mem::take(&mut pending[c].units)),
            None => {
                // Orders cross: take the earliest head's column in part (the passages that
                // are next in their accounts), and leave the rest for later.
                let first = head_units
                    .iter()
                    .copied()
                    .min_by(|&a, &b| {
                        place(&units[a])
                            .total_cmp(&place(&units[b]))
                            .then(units[a].doc.cmp(&units[b].doc))
                    })
                    .unwrap_or(head_units[0]);
                let c = units[first].column;
                let (now, later): (Vec<usize>, Vec<usize>) =
                    pending[c].units.iter().partition(|&&m| is_head(m));
                pending[c].units = later;
                (c, now)
            }
        };
        let mut cells = vec![None; n_docs];
        for &u in &taken {
            cells[units[u].doc] = Some(units[u].segs.clone());
            heads[units[u].doc] += 1;
        }
        let index = out.columns.len();
        match placed_at[column] {
            Some(earlier) => out.transpositions.push((earlier, index)),
            None => placed_at[column] = Some(index),
        }
        out.columns.push(Column {
            group: pending[column].group,
            cells,
        });
    }
    out
}
