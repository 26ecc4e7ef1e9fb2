//! Property tests of the invariants of a comparison (issue 5), over generated texts:
//! sentences from two small vocabularies (French and English, with numbers, accents,
//! abbreviations, quotes), mixed line endings, list markers and headings, and arbitrary
//! Unicode.
//!
//! - segments are in order, do not overlap, fall on char boundaries, and the gaps between
//!   them hold only white space and list or heading markers: segments plus gaps rebuild
//!   the text exactly and no word is lost;
//! - links point at existing segments of two different documents, left before right;
//! - the same input gives the same report;
//! - swapping or permuting the documents gives the same links, sides swapped;
//! - moves are order-consistent: each pair's anchors (its main order) increase on both
//!   sides without overlapping, a moved link is never an anchor and always crosses one,
//!   and a link that is neither stays in order with every anchor.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use proptest::prelude::*;
use recoupe::{compare, Comparison, Config, Input, LangChoice, Split};

const WORDS: &[&str] = &[
    "le",
    "Conseil",
    "a",
    "siégé",
    "à",
    "Bruxelles",
    "le",
    "8",
    "décembre",
    "2025",
    "M.",
    "Dupont",
    "l’UE",
    "et",
    "le",
    "Canada",
    "ont",
    "signé",
    "deux",
    "accords",
    "the",
    "Council",
    "met",
    "in",
    "Montréal",
    "on",
    "December",
    "8,",
    "ministers",
    "said",
    "«",
    "»",
    "“quoted”",
    "3,5",
    "%",
    "millions",
    "d’euros",
    "e.g.",
    "U.S.",
    "IA",
    "(OMC)",
    "—",
    "Dr.",
    "Ève",
    "œuvre",
    "naïve",
    "ﬁn",
    "e\u{301}te\u{301}",
    "🇨🇦",
    "日本",
    "العربية",
];
const ENDS: &[&str] = &[".", "!", "?", "…", ".", ";", ""];
const BREAKS: &[&str] = &[
    " ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n- ", "\n# ", "\n1. ", "\u{a0}", "\t",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..12),
        prop::sample::select(ENDS),
    )
        .prop_map(|(words, end)| {
            let mut s = words.join(" ");
            s.push_str(end);
            s
        })
}

/// A document: sentences joined by spaces, line breaks of every kind, list markers, headings.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), prop::sample::select(BREAKS)), 0..14).prop_map(|parts| {
        let mut s = String::new();
        for (sentence, brk) in parts {
            s.push_str(&sentence);
            s.push_str(brk);
        }
        s
    })
}

/// Either a generated document or arbitrary Unicode.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => document(), 1 => ".{0,200}"]
}

fn config() -> impl Strategy<Value = Config> {
    (
        0..3u8,
        0..3u8,
        prop::sample::select(vec![0.0f32, 0.25, 0.5, 1.0]),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(
            |(split, lang, threshold, (ignore_case, ignore_accents, ignore_punctuation))| Config {
                split: [Split::Sentences, Split::Lines, Split::Paragraphs][split as usize],
                lang: [LangChoice::Auto, LangChoice::French, LangChoice::English][lang as usize],
                threshold,
                ignore_case,
                ignore_accents,
                ignore_punctuation,
                ..Config::default()
            },
        )
}

fn inputs(texts: &[String]) -> Vec<Input> {
    texts
        .iter()
        .enumerate()
        .map(|(k, t)| Input::new(format!("doc{k}.txt"), t.clone()))
        .collect()
}

/// What may stand between segments: white space and the markers of list items and
/// headings, which the segmenter leaves out of the segment (`- `, `1. `, `# `, `> `), and
/// invisible format and control characters (a text of only U+FEFF or NUL has no segment).
fn is_gap_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || "-*+#>•·–—.)\u{feff}\u{200b}\u{200c}\u{200d}\u{2060}".contains(c)
        || c.is_ascii_digit()
}

fn check_segments(c: &Comparison) -> Result<(), TestCaseError> {
    for doc in &c.documents {
        let mut at = 0;
        for s in &doc.segments {
            let (start, end) = (s.span.start, s.span.end);
            prop_assert!(
                at <= start && start < end && end <= doc.text.len(),
                "{start}..{end} after {at}"
            );
            prop_assert!(doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end));
            let gap = &doc.text[at..start];
            prop_assert!(gap.chars().all(is_gap_char), "gap {gap:?} holds text");
            at = end;
        }
        let tail = &doc.text[at..];
        prop_assert!(tail.chars().all(is_gap_char), "tail {tail:?} holds text");
    }
    Ok(())
}

fn check_links(c: &Comparison) -> Result<(), TestCaseError> {
    for link in &c.links {
        prop_assert!(link.left.doc < link.right.doc && link.right.doc < c.documents.len());
        for side in [&link.left, &link.right] {
            prop_assert!(
                side.segments.start < side.segments.end,
                "empty side {:?}",
                side.segments
            );
            prop_assert!(side.segments.end <= c.documents[side.doc].segments.len());
        }
        prop_assert!(link.score.is_finite());
    }
    Ok(())
}

/// The order invariants of the main order (`anchor`) and of moves, pair by pair.
fn check_moves(c: &Comparison) -> Result<(), TestCaseError> {
    use std::collections::BTreeMap;
    let mut pairs: BTreeMap<(usize, usize), Vec<&recoupe::model::Link>> = BTreeMap::new();
    for l in &c.links {
        pairs.entry((l.left.doc, l.right.doc)).or_default().push(l);
    }
    for links in pairs.values() {
        let mut anchors: Vec<_> = links.iter().filter(|l| l.anchor).collect();
        anchors.sort_by_key(|l| l.left.segments.start);
        for w in anchors.windows(2) {
            prop_assert!(
                w[0].left.segments.end <= w[1].left.segments.start
                    && w[0].right.segments.end <= w[1].right.segments.start,
                "anchors out of order or overlapping: {:?} then {:?}",
                (&w[0].left.segments, &w[0].right.segments),
                (&w[1].left.segments, &w[1].right.segments)
            );
        }
        for l in links {
            let crosses = anchors.iter().any(|a| {
                let (al, ar, ll, lr) = (
                    &a.left.segments,
                    &a.right.segments,
                    &l.left.segments,
                    &l.right.segments,
                );
                (al.end <= ll.start && ar.start >= lr.end)
                    || (al.start >= ll.end && ar.end <= lr.start)
            });
            let moved = l.moved_block.is_some();
            prop_assert!(!(l.anchor && moved), "an anchor is moved");
            if !l.anchor {
                prop_assert_eq!(moved, crosses, "moved must mean crossing the main order");
            }
            if let Some(b) = l.moved_block {
                prop_assert!(b < c.moves.len());
            }
        }
    }
    Ok(())
}

/// A text and a shuffled, partly dropped copy of its sentences: many moves.
fn shuffled_pair() -> impl Strategy<Value = (String, String)> {
    prop::collection::vec(sentence(), 2..16)
        .prop_flat_map(|sentences| {
            let n = sentences.len();
            (
                Just(sentences),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                prop::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(|(sentences, order, keep)| {
            let a = sentences.join(" ");
            let b: Vec<&str> = order
                .iter()
                .filter(|&&k| keep[k])
                .map(|&k| sentences[k].as_str())
                .collect();
            (a, b.join(" "))
        })
}

/// Links as (document name, segments) pairs, unordered within a link: comparable across
/// document orders.
/// One side of a link: document name and segment range.
type Side = (String, usize, usize);

fn link_set(c: &Comparison) -> BTreeSet<(Side, Side)> {
    c.links
        .iter()
        .map(|l| {
            let a = (
                c.documents[l.left.doc].name.clone(),
                l.left.segments.start,
                l.left.segments.end,
            );
            let b = (
                c.documents[l.right.doc].name.clone(),
                l.right.segments.start,
                l.right.segments.end,
            );
            if a <= b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect()
}

/// Sentences that share facts and contradict each other on some (one per conflict kind).
const FACT_SENTENCES: &[&str] = &[
    "L'incendie de l'entrepôt de Saint-Priest s'est déclaré vendredi en fin de journée.",
    "L'incendie de l'entrepôt de Saint-Priest s'est déclaré samedi 26 janvier en fin de journée.",
    "L'accident du car sur l'autoroute a fait cinq blessés graves.",
    "L'accident du car sur l'autoroute a fait quatre blessés graves.",
    "Le plan de relance ferroviaire atteint 12 milliards d'euros sur dix ans.",
    "Le plan de relance ferroviaire atteint 10,5 milliards d'euros sur dix ans.",
    "Le nouveau directeur du musée, Jean-Marc Lefèvre, a pris ses fonctions.",
    "Le nouveau directeur du musée, Jean-Michel Lefèvre, a pris ses fonctions.",
    "Le taux de chômage en Occitanie a atteint 8,5 % au troisième trimestre.",
    "Le taux de chômage en Occitanie a atteint 9,5 % au troisième trimestre.",
    "Les températures dans la vallée iront de 28 à 30,5 degrés jeudi.",
    "Les températures dans la vallée iront de 28 à 35 degrés jeudi.",
    "Le maire a demandé une enquête sur les normes.",
    "Les écoles resteront fermées lundi, selon le rectorat.",
];

fn fact_document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FACT_SENTENCES), 1..7).prop_map(|s| s.join(" "))
}

type GroupKey = (usize, Vec<(String, Vec<usize>, String)>, (String, usize));

/// Groups by document name, ids included: comparable across document orders.
fn group_set(c: &Comparison) -> BTreeSet<GroupKey> {
    let report = recoupe::report::Report::from(c);
    report
        .groups
        .iter()
        .map(|g| {
            let mut members: Vec<(String, Vec<usize>, String)> = g
                .members
                .iter()
                .map(|m| {
                    (
                        c.documents[m.doc].name.clone(),
                        m.segments.clone(),
                        m.telling.to_string(),
                    )
                })
                .collect();
            members.sort();
            let rep = &g.representative;
            (
                g.id,
                members,
                (c.documents[rep.doc].name.clone(), rep.segment),
            )
        })
        .collect()
}

type ConflictKey = (
    usize,
    usize,
    String,
    String,
    Vec<(String, usize, usize, String)>,
);

/// Conflicts by document name, ids included.
fn conflict_set(c: &Comparison) -> BTreeSet<ConflictKey> {
    let report = recoupe::report::Report::from(c);
    report
        .conflicts
        .iter()
        .map(|k| {
            let mut st: Vec<(String, usize, usize, String)> = k
                .statements
                .iter()
                .map(|s| {
                    (
                        c.documents[s.doc].name.clone(),
                        s.segment,
                        s.at[0],
                        s.value.clone(),
                    )
                })
                .collect();
            st.sort();
            (k.id, k.group, k.kind.to_string(), k.slot.clone(), st)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn permuting_accounts_keeps_groups_and_conflicts(
        texts in prop::collection::vec(fact_document(), 3..6),
        dated in any::<u8>(),
    ) {
        let config = Config::default();
        let date = recoupe::facts::Date::parse_iso("2019-01-28").unwrap();
        let docs: Vec<Input> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let input = Input::new(format!("doc{k}.txt"), t.clone());
                if dated & (1 << k) != 0 { input.with_date(date) } else { input }
            })
            .collect();
        let first = compare(&docs, &config).unwrap();
        let (groups, conflicts) = (group_set(&first), conflict_set(&first));
        let mut rotated = docs.clone();
        rotated.rotate_left(1);
        let mut reversed = docs.clone();
        reversed.reverse();
        for order in [rotated, reversed] {
            let other = compare(&order, &config).unwrap();
            prop_assert_eq!(&groups, &group_set(&other));
            prop_assert_eq!(&conflicts, &conflict_set(&other));
        }
    }

    #[test]
    fn segments_rebuild_the_text_and_links_are_in_range(a in any_text(), b in any_text(), config in config()) {
        let c = compare(&inputs(&[a, b]), &config).unwrap();
        check_segments(&c)?;
        check_links(&c)?;
    }

    #[test]
    fn the_same_input_gives_the_same_report(a in document(), b in document(), config in config()) {
        let docs = inputs(&[a, b]);
        let first = recoupe::report::Report::from(&compare(&docs, &config).unwrap()).to_json();
        let second = recoupe::report::Report::from(&compare(&docs, &config).unwrap()).to_json();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn moves_are_order_consistent((a, b) in shuffled_pair(), config in config()) {
        let c = compare(&inputs(&[a, b]), &config).unwrap();
        check_moves(&c)?;
    }

    #[test]
    fn moves_are_order_consistent_across_three_documents(a in document(), (b, c) in shuffled_pair()) {
        let c = compare(&inputs(&[a, b, c]), &Config::default()).unwrap();
        check_moves(&c)?;
    }

    #[test]
    fn swapping_two_documents_swaps_the_links(a in document(), b in document()) {
        let config = Config::default();
        let ab = compare(&inputs(&[a.clone(), b.clone()]), &config).unwrap();
        let docs_ba = vec![Input::new("doc1.txt", b), Input::new("doc0.txt", a)];
        let ba = compare(&docs_ba, &config).unwrap();
        prop_assert_eq!(link_set(&ab), link_set(&ba));
    }

    #[test]
    fn permuting_three_documents_keeps_the_links(a in document(), b in document(), c in document()) {
        let config = Config::default();
        let abc = compare(&inputs(&[a.clone(), b.clone(), c.clone()]), &config).unwrap();
        check_links(&abc)?;
        let cab = vec![Input::new("doc2.txt", c), Input::new("doc0.txt", a), Input::new("doc1.txt", b)];
        let cab = compare(&cab, &config).unwrap();
        prop_assert_eq!(link_set(&abc), link_set(&cab));
    }

    #[test]
    fn decoding_never_fails_on_text_and_keeps_it(
        text in prop_oneof!["[^\\p{Cc}]{0,200}", "[a-zA-Zéèàç’«» .,;\\n\\r\\t]{0,200}"]
    ) {
        // Text without NULs or many control characters is decoded back to itself.
        let controls = text.chars().filter(|c| c.is_control() && !"\t\n\r\x0b\x0c\u{85}".contains(*c)).count();
        prop_assume!(!text.contains('\0') && controls * 100 <= text.chars().count());
        prop_assume!(recoupe::decode::binary_signature(text.as_bytes()).is_none());
        let d = recoupe::decode::decode(text.as_bytes()).unwrap();
        prop_assert_eq!(d.text.as_str(), text.strip_prefix('\u{feff}').unwrap_or(&text));
    }

    #[test]
    fn decoding_arbitrary_bytes_gives_text_or_a_message(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match recoupe::decode::decode(&bytes) {
            Ok(d) => prop_assert!(!d.text.contains('\0')),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
