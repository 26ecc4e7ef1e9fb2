//! What the two sides of a link share, and which of their facts differ: the view of a
//! partial link, where a word diff of two different sentences would say little.
//!
//! Each side's segments are joined by a space (as for the word diff) and cut into
//! pieces: terms whose normalised key the other side also has are [`MarkTag::Shared`]
//! ("8 déc. 2025" shares with "le 8 décembre 2025", "six" with "6"); numbers and dates
//! that the other side does not state, while it states others, are [`MarkTag::Differs`].

use std::collections::HashSet;

use crate::model::{Document, Link, Mark, MarkTag};
use crate::normalize::{Term, TermClass};

/// What marks need of a term: 16 bytes where a [`Term`] holds two strings (kept for every
/// term of every segment until the diffs are done, those strings were the largest part
/// of the memory at 1M words, issue 13).
#[derive(Clone, Copy, Debug)]
pub struct MarkTerm {
    /// The term's id in the comparison's vocabulary: equal ids, equal keys.
    pub id: u32,
    /// The class of this occurrence.
    pub class: TermClass,
    /// Byte offset of the term's first word in the segment text.
    pub start: u32,
    /// Byte length of the term as written at `start`; 0 when it is not written there
    /// (an acronym derived from its expansion): nothing to mark.
    pub len: u32,
}

impl MarkTerm {
    /// The mark term of `term` (id `id`) of the segment `segment`.
    pub fn new(term: &Term, id: u32, segment: &str) -> MarkTerm {
        let written = segment
            .get(term.start..)
            .is_some_and(|rest| rest.starts_with(term.surface.as_str()));
        MarkTerm {
            id,
            class: term.class,
            start: term.start as u32,
            len: if written {
                term.surface.len() as u32
            } else {
                0
            },
        }
    }
}

/// The marks of both sides of `link`; `terms[doc][segment]` are the segments' terms.
pub fn of_link(
    link: &Link,
    documents: &[Document],
    terms: &[Vec<Vec<MarkTerm>>],
) -> [Vec<Mark>; 2] {
    let side = |doc: usize, segments: std::ops::Range<usize>| {
        let mut text = String::new();
        let mut located: Vec<(usize, &MarkTerm)> = Vec::new();
        for s in segments {
            if !text.is_empty() {
                text.push(' ');
            }
            let offset = text.len();
            text.push_str(documents[doc].segment_text(s));
            for t in terms[doc].get(s).into_iter().flatten() {
                // Terms derived from elsewhere (an acronym from its expansion) are not
                // written here: nothing to mark.
                if t.len > 0 {
                    located.push((offset + t.start as usize, t));
                }
            }
        }
        (text, located)
    };
    let (left_text, left_terms) = side(link.left.doc, link.left.segments.clone());
    let (right_text, right_terms) = side(link.right.doc, link.right.segments.clone());
    let keys =
        |ts: &[(usize, &MarkTerm)]| -> HashSet<u32> { ts.iter().map(|(_, t)| t.id).collect() };
    let (left_keys, right_keys) = (keys(&left_terms), keys(&right_terms));
    let is_fact = |t: &MarkTerm| matches!(t.class, TermClass::Number | TermClass::Date);
    let unshared_facts = |ts: &[(usize, &MarkTerm)], other: &HashSet<u32>| {
        ts.iter().any(|(_, t)| is_fact(t) && !other.contains(&t.id))
    };
    let facts_differ =
        unshared_facts(&left_terms, &right_keys) && unshared_facts(&right_terms, &left_keys);
    let pieces = |text: &str, located: &[(usize, &MarkTerm)], other: &HashSet<u32>| {
        let mut spans: Vec<(usize, usize, MarkTag)> = located
            .iter()
            .filter_map(|&(start, t)| {
                let tag = if other.contains(&t.id) {
                    MarkTag::Shared
                } else if facts_differ && is_fact(t) {
                    MarkTag::Differs
                } else {
                    return None;
                };
                Some((start, start + t.len as usize, tag))
            })
            .collect();
        // A date also yields its year at the same place: keep the widest span.
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<Mark> = Vec::new();
        let mut push = |tag: MarkTag, piece: &str| {
            if piece.is_empty() {
                return;
            }
            match out.last_mut() {
                Some(last) if last.tag == tag => last.text.push_str(piece),
                _ => out.push(Mark {
                    tag,
                    text: piece.to_string(),
                }),
            }
        };
        let mut at = 0;
        for (start, end, tag) in spans {
            if start < at || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            push(MarkTag::Plain, &text[at..start]);
            push(tag, &text[start..end]);
            at = end;
        }
        push(MarkTag::Plain, &text[at..]);
        out
    };
    [
        pieces(&left_text, &left_terms, &right_keys),
        pieces(&right_text, &right_terms, &left_keys),
    ]
}
