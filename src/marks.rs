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

/// The marks of both sides of `link`; `terms[doc][segment]` are the segments' terms.
pub fn of_link(link: &Link, documents: &[Document], terms: &[Vec<Vec<Term>>]) -> [Vec<Mark>; 2] {
    let side = |doc: usize, segments: std::ops::Range<usize>| {
        let mut text = String::new();
        let mut located: Vec<(usize, &Term)> = Vec::new();
        for s in segments {
            if !text.is_empty() {
                text.push(' ');
            }
            let offset = text.len();
            let segment = documents[doc].segment_text(s);
            text.push_str(segment);
            for t in terms[doc].get(s).into_iter().flatten() {
                // Terms derived from elsewhere (an acronym from its expansion) are not
                // written here: nothing to mark.
                if segment
                    .get(t.start..)
                    .is_some_and(|rest| rest.starts_with(t.surface.as_str()))
                {
                    located.push((offset + t.start, t));
                }
            }
        }
        (text, located)
    };
    let (left_text, left_terms) = side(link.left.doc, link.left.segments.clone());
    let (right_text, right_terms) = side(link.right.doc, link.right.segments.clone());
    let keys = |ts: &[(usize, &Term)]| -> HashSet<String> {
        ts.iter().map(|(_, t)| t.key.clone()).collect()
    };
    let (left_keys, right_keys) = (keys(&left_terms), keys(&right_terms));
    let is_fact = |t: &Term| matches!(t.class, TermClass::Number | TermClass::Date);
    let unshared_facts = |ts: &[(usize, &Term)], other: &HashSet<String>| {
        ts.iter()
            .any(|(_, t)| is_fact(t) && !other.contains(&t.key))
    };
    let facts_differ =
        unshared_facts(&left_terms, &right_keys) && unshared_facts(&right_terms, &left_keys);
    let pieces = |text: &str, located: &[(usize, &Term)], other: &HashSet<String>| {
        let mut spans: Vec<(usize, usize, MarkTag)> = located
            .iter()
            .filter_map(|&(start, t)| {
                let tag = if other.contains(&t.key) {
                    MarkTag::Shared
                } else if facts_differ && is_fact(t) {
                    MarkTag::Differs
                } else {
                    return None;
                };
                Some((start, start + t.surface.len(), tag))
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
