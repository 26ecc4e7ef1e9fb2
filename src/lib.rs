//! recoupe aligns overlapping accounts of the same event: which sentence of one account
//! corresponds to which of another (even moved, split, merged or reworded), what only one
//! account says, and the words that changed inside each matched pair.
//!
//! # Start here
//!
//! [`compare`] takes named texts and a [`Config`] and returns a [`Comparison`];
//! [`report::Report`] turns it into the JSON wire format (schema `recoupe/1`) that the
//! command line prints and the web page renders.
//!
//! ```
//! let docs = [
//!     recoupe::Input::new("a.txt", "Le Conseil a siégé à Montréal. Il a signé deux accords."),
//!     recoupe::Input::new("b.txt", "Deux accords ont été signés. Le Conseil a siégé à Montréal."),
//! ];
//! let comparison = recoupe::compare(&docs, &recoupe::Config::default()).unwrap();
//! assert_eq!(comparison.links.len(), 2);
//! ```
//!
//! The pipeline, one module a stage: [`segment`] → [`normalize`] → [`similarity`] →
//! [`align`] → [`worddiff`] → [`groups`] → [`facts`] → [`report`]. The core does no I/O and never panics on any
//! input; `wasm` (wasm32 only) is the thin boundary for the page.

#![warn(missing_docs)]

pub mod align;
pub mod batch;
pub mod config;
pub mod decode;
pub mod extract;
pub mod facts;
pub mod groups;
pub mod linker;
pub mod marks;
pub mod model;
pub mod normalize;
pub mod render;
pub mod report;
pub mod segment;
pub mod similarity;
pub mod worddiff;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::{Config, LangChoice, Split};
pub use model::{Comparison, DocId, Document, Lang, Link, LinkKind};

use align::DocFeatures;
use normalize::Normalizer;
use similarity::{Features, Vocabulary};

/// A document to compare: a display name and its decoded text.
#[derive(Clone, Debug)]
pub struct Input {
    /// Display name (usually the file name).
    pub name: String,
    /// Decoded text.
    pub text: String,
    /// The account's own date (publication), against which "hier", "vendredi"... resolve.
    pub date: Option<facts::Date>,
    /// Where the account comes from (outlet, author, agency), for reports only.
    pub source: Option<String>,
    /// The account's address, for reports only.
    pub url: Option<String>,
}

impl Input {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            name: name.into(),
            text: text.into(),
            date: None,
            source: None,
            url: None,
        }
    }

    /// The same input with the account's own date.
    pub fn with_date(mut self, date: facts::Date) -> Self {
        self.date = Some(date);
        self
    }

    /// The same input with its source and address (empty strings count as none).
    pub fn with_source(mut self, source: Option<String>, url: Option<String>) -> Self {
        let given = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.source = given(source);
        self.url = given(url);
        self
    }
}

/// Why a comparison could not be made at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// Fewer than two documents were given.
    TooFewDocuments(usize),
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::TooFewDocuments(n) => {
                write!(f, "need at least two documents to compare, got {n}")
            }
        }
    }
}

impl std::error::Error for CompareError {}

/// A stage of the work, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Cutting texts into segments.
    Segmenting,
    /// Aligning one pair of documents (`done` of `total` pairs).
    Aligning,
    /// Word diffs of the links.
    Diffing,
}

impl Stage {
    /// The stage's name in progress reports (the page's worker hears it).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Segmenting => "segmenting",
            Stage::Aligning => "aligning",
            Stage::Diffing => "diffing",
        }
    }
}

/// Compares documents with the given configuration.
pub fn compare(inputs: &[Input], config: &Config) -> Result<Comparison, CompareError> {
    compare_with(inputs, config, &mut |_, _, _| true)
}

/// Like [`compare`], reporting progress to `observer(stage, done, total)`; when the
/// observer returns `false` the work stops early and the comparison says it was cut short.
pub fn compare_with(
    inputs: &[Input],
    config: &Config,
    observer: &mut dyn FnMut(Stage, usize, usize) -> bool,
) -> Result<Comparison, CompareError> {
    if inputs.len() < 2 {
        return Err(CompareError::TooFewDocuments(inputs.len()));
    }
    let mut warnings = Vec::new();
    let analysis = analyse(inputs, config, observer, &mut warnings);
    let all = candidates_of(
        &analysis.features,
        &analysis.vocab,
        config,
        observer,
        &mut warnings,
    );
    finish(analysis, all, config, observer, warnings)
}

/// Every candidate pair of every pair of documents, with its evidence and probability:
/// what the link model sees (for training it: `cargo xtask train`).
pub fn candidate_pairs(
    inputs: &[Input],
    config: &Config,
) -> Result<Vec<align::PairCandidates>, CompareError> {
    if inputs.len() < 2 {
        return Err(CompareError::TooFewDocuments(inputs.len()));
    }
    let mut warnings = Vec::new();
    let mut observer = |_, _, _| true;
    let analysis = analyse(inputs, config, &mut observer, &mut warnings);
    Ok(candidates_of(
        &analysis.features,
        &analysis.vocab,
        config,
        &mut observer,
        &mut warnings,
    ))
}

/// Documents cut into segments, and what similarity knows of each segment.
struct Analysis {
    documents: Vec<Document>,
    vocab: Vocabulary,
    features: Vec<Vec<Features>>,
    /// The terms of every segment of every document, with their offsets, as marks need them.
    terms: Vec<Vec<Vec<marks::MarkTerm>>>,
}

fn analyse(
    inputs: &[Input],
    config: &Config,
    observer: &mut dyn FnMut(Stage, usize, usize) -> bool,
    warnings: &mut Vec<String>,
) -> Analysis {
    let normalizer = Normalizer::default();
    let mut documents = Vec::with_capacity(inputs.len());
    for (k, input) in inputs.iter().enumerate() {
        observer(Stage::Segmenting, k, inputs.len());
        let lang = match config.lang {
            LangChoice::Auto => normalize::detect_lang(&input.text),
            LangChoice::French => Lang::French,
            LangChoice::English => Lang::English,
        };
        let segments = segment::segment(&input.text, config.split);
        if segments.is_empty() {
            warnings.push(format!("{}: no text to compare", input.name));
        }
        documents.push(Document {
            name: input.name.clone(),
            text: input.text.clone(),
            lang,
            segments,
            date: input.date,
            source: input.source.clone(),
            url: input.url.clone(),
        });
    }

    // Terms of every segment, interned into one vocabulary: IDF over all documents.
    let mut vocab = Vocabulary::default();
    let mut doc_terms = Vec::with_capacity(documents.len());
    for doc in &documents {
        let mut per_segment = Vec::with_capacity(doc.segments.len());
        for s in 0..doc.segments.len() {
            let terms = normalizer.terms(doc.segment_text(s), doc.lang);
            per_segment.push(terms);
        }
        doc_terms.push(per_segment);
    }
    add_acronym_terms(&mut doc_terms);
    add_anchored_dates(&documents, &mut doc_terms, &normalizer);
    // Ids in key order, each key's surface and class chosen the same way whatever the
    // order of the documents: sums over terms then add in the same order, to the bit.
    // Gathered in a hash map and sorted once: a tree map's string comparisons on every
    // term were 5 % of the time at 100k words (issue 13).
    let mut keys: std::collections::HashMap<&str, (&str, normalize::TermClass)> =
        Default::default();
    for t in doc_terms.iter().flatten().flatten() {
        keys.entry(&t.key)
            .and_modify(|(surface, class)| {
                *surface = (*surface).min(&t.surface);
                *class = (*class).max(t.class);
            })
            .or_insert((&t.surface, t.class));
    }
    let mut keys: Vec<(&str, (&str, normalize::TermClass))> = keys.into_iter().collect();
    keys.sort_unstable_by_key(|&(key, _)| key);
    for (key, (surface, class)) in keys {
        vocab.intern(key, surface, class);
    }
    let mut doc_ids: Vec<Vec<Vec<u32>>> = Vec::with_capacity(documents.len());
    for per_segment in &doc_terms {
        let mut ids_per_segment = Vec::with_capacity(per_segment.len());
        for terms in per_segment {
            let ids: Vec<u32> = terms
                .iter()
                .map(|t| vocab.intern(&t.key, &t.surface, t.class))
                .collect();
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            for id in unique {
                vocab.df[id as usize] += 1;
            }
            vocab.segments += 1;
            ids_per_segment.push(ids);
        }
        doc_ids.push(ids_per_segment);
    }
    // Each segment's features for scoring, and its terms as marks need them (ids and
    // places, without the strings), in one pass.
    // The terms are consumed segment by segment, so their strings go as their features
    // come (at 1M words they and the features together made the peak memory, issue 13).
    let (features, terms): (Vec<Vec<Features>>, Vec<Vec<Vec<marks::MarkTerm>>>) = doc_terms
        .into_iter()
        .zip(&doc_ids)
        .zip(&documents)
        .map(|((terms, ids), doc)| {
            terms
                .into_iter()
                .zip(ids)
                .enumerate()
                .map(|(s, (t, i))| {
                    let text = doc.segment_text(s);
                    let marked = t
                        .iter()
                        .zip(i)
                        .map(|(t, &id)| marks::MarkTerm::new(t, id, text))
                        .collect();
                    (Features::new(text, &t, i, &vocab), marked)
                })
                .unzip()
        })
        .unzip();
    Analysis {
        documents,
        vocab,
        features,
        terms,
    }
}

fn candidates_of(
    features: &[Vec<Features>],
    vocab: &Vocabulary,
    config: &Config,
    observer: &mut dyn FnMut(Stage, usize, usize) -> bool,
    warnings: &mut Vec<String>,
) -> Vec<align::PairCandidates> {
    let doc_features = |d: DocId| DocFeatures {
        doc: d,
        segments: &features[d],
    };
    let pairs: Vec<(usize, usize)> = (0..features.len())
        .flat_map(|l| (l + 1..features.len()).map(move |r| (l, r)))
        .collect();
    let mut all = Vec::with_capacity(pairs.len());
    for (k, &(l, r)) in pairs.iter().enumerate() {
        if !observer(Stage::Aligning, k, pairs.len()) {
            warnings.push("comparison cut short: some pairs were not aligned".to_string());
            break;
        }
        all.push(align::PairCandidates {
            left: l,
            right: r,
            candidates: align::candidates_of_pair(
                &doc_features(l),
                &doc_features(r),
                vocab,
                &config.model,
            ),
        });
    }
    align::third_account_support(&mut all, &config.model);
    all
}

/// Links from the candidates, moves, coverage and word diffs.
fn finish(
    analysis: Analysis,
    all: Vec<align::PairCandidates>,
    config: &Config,
    observer: &mut dyn FnMut(Stage, usize, usize) -> bool,
    mut warnings: Vec<String>,
) -> Result<Comparison, CompareError> {
    let Analysis {
        documents,
        vocab,
        features,
        terms,
    } = analysis;
    let vocab = &vocab;
    let doc_features = |d: DocId| DocFeatures {
        doc: d,
        segments: &features[d],
    };
    let seg_len: Vec<Vec<usize>> = documents
        .iter()
        .map(|d| {
            d.segments
                .iter()
                .map(|s| s.span.end - s.span.start)
                .collect()
        })
        .collect();
    let mut links = Vec::new();
    let mut moves = Vec::new();
    let mut stats = Vec::new();
    // Each pair's candidates are dropped once its links are made: at 1M words they are
    // the largest thing in memory, and the word diffs that follow need none of them.
    for pc in all {
        let (left, right) = (doc_features(pc.left), doc_features(pc.right));
        let mut pair_links = align::select(&left, &right, vocab, &pc.candidates, config.threshold);
        let first = links.len();
        moves.extend(align::mark_moves(&mut pair_links, first, moves.len()));
        stats.push(align::coverage(pc.left, pc.right, &pair_links, &seg_len));
        links.extend(pair_links);
    }

    let options = worddiff::DiffOptions {
        ignore_case: config.ignore_case,
        ignore_accents: config.ignore_accents,
        ignore_punctuation: config.ignore_punctuation,
    };
    let total = links.len();
    for (k, link) in links.iter_mut().enumerate() {
        if k % 256 == 0 && !observer(Stage::Diffing, k, total) {
            warnings.push("comparison cut short: some word diffs were skipped".to_string());
            break;
        }
        let lt = joined_text(&documents[link.left.doc], link.left.segments.clone());
        let rt = joined_text(&documents[link.right.doc], link.right.segments.clone());
        let (diff, flags) = worddiff::diff_words(&lt, &rt, options);
        let side = |doc: DocId, segments: std::ops::Range<usize>| {
            let parts: Vec<&Features> = segments.map(|s| &features[doc][s]).collect();
            Features::union(&parts)
        };
        let (left, right) = (
            side(link.left.doc, link.left.segments.clone()),
            side(link.right.doc, link.right.segments.clone()),
        );
        let overlap = similarity::score(&left, &right);
        let negation = left.negated != right.negated;
        link.kind = kind_of(&diff, overlap.dice, negation);
        link.diff = diff;
        link.flags = flags;
        if link.kind != LinkKind::Identical {
            link.marks = marks::of_link(link, &documents, &terms);
        }
        // Flagged only when the negation is in a clause the two share: a reader is told
        // that shared words may say opposite things, not that a "sans" exists somewhere.
        let (negated_text, negated_marks) = if left.negated { (&lt, 0) } else { (&rt, 1) };
        if negation
            && similarity::negation_bears_on(
                negated_text,
                &shared_places(&link.marks[negated_marks]),
            )
        {
            link.flags.push(model::DiffFlag::Negation);
        }
    }
    let mut groups = groups::group(&documents, &links);
    let (facts, conflicts) = facts::extract(&documents, &groups);
    // Who says what in each conflict: every statement of the values in conflict (an
    // account backing a value without being in a conflicting pair itself counts too).
    let sides: Vec<(usize, Vec<(DocId, String)>)> = conflicts
        .iter()
        .enumerate()
        .map(|(id, c)| {
            let values = facts
                .iter()
                .filter(|f| f.conflict == Some(id))
                .flat_map(|f| f.statements.iter().map(|s| (s.doc, s.value.clone())))
                .chain(c.statements.iter().map(|s| (s.doc, s.value.clone())))
                .collect();
            (c.group, values)
        })
        .collect();
    groups::mark_differently(&mut groups, &sides);
    Ok(Comparison {
        documents,
        links,
        moves,
        stats,
        warnings,
        groups,
        facts,
        conflicts,
    })
}

/// Dice of the two sides' weighted terms from which a reworded pair counts as
/// equivalent: the same statement in other words, neither side saying much more. Chosen
/// by reading the seed pairs' and the test cases' links: at 0.5 a sentence with one extra
/// clause stays partial, word order and light rewording do not matter (terms, not a diff,
/// so the kind is the same whichever side is left).
const EQUIVALENT_DICE: f32 = 0.5;

/// Identical when the diff has no edit; equivalent when the terms mostly agree and one
/// side does not deny what the other asserts ("sans leur demander d'engagement" against
/// "en leur demandant des engagements": the pair may share the rest, but it is not the
/// same statement); partial otherwise.
fn kind_of(diff: &[model::DiffPiece], dice: f32, negation_differs: bool) -> LinkKind {
    if diff.iter().all(|p| p.tag == model::DiffTag::Equal) {
        LinkKind::Identical
    } else if dice >= EQUIVALENT_DICE && !negation_differs {
        LinkKind::Equivalent
    } else {
        LinkKind::Partial
    }
}

/// Byte offsets, in the joined text of a link's side, of the pieces its marks call shared.
fn shared_places(marks: &[model::Mark]) -> Vec<usize> {
    let mut at = 0;
    let mut places = Vec::new();
    for m in marks {
        if m.tag == model::MarkTag::Shared {
            places.push(at);
        }
        at += m.text.len();
    }
    places
}

fn joined_text(doc: &Document, segments: std::ops::Range<usize>) -> String {
    let parts: Vec<&str> = segments.map(|s| doc.segment_text(s)).collect();
    parts.join(" ")
}

/// In an account whose date is known, a day it names relative to that date ("hier",
/// "vendredi", "le 24 janvier") also carries the full date, as a term like the ones
/// absolute dates give (`2019-01-24`, `--01-24`), so it meets the same day written out
/// in another account (and a different day counts as a conflicting date).
fn add_anchored_dates(
    documents: &[Document],
    doc_terms: &mut [Vec<Vec<normalize::Term>>],
    normalizer: &Normalizer,
) {
    use normalize::{Term, TermClass};
    for (doc, per_segment) in documents.iter().zip(doc_terms.iter_mut()) {
        let Some(anchor) = doc.date else {
            continue;
        };
        for (s, terms) in per_segment.iter_mut().enumerate() {
            let text = doc.segment_text(s);
            for (start, day) in facts::anchored_days(text, doc.lang, anchor, normalizer) {
                let iso = day.to_string();
                let month_day = format!("--{:02}-{:02}", day.month, day.day);
                for key in [iso.clone(), month_day] {
                    if terms.iter().any(|t| t.key == key) {
                        continue;
                    }
                    terms.push(Term {
                        key: key.into(),
                        class: TermClass::Date,
                        surface: iso.as_str().into(),
                        start,
                    });
                }
            }
        }
    }
}

/// Acronyms defined in any document ("Organisation mondiale du commerce (OMC)") are
/// added to every segment that spells the expansion out without the acronym.
fn add_acronym_terms(doc_terms: &mut [Vec<Vec<normalize::Term>>]) {
    use compact_str::CompactString;
    use normalize::{Term, TermClass};
    let mut expansions: Vec<(CompactString, Vec<CompactString>)> = Vec::new();
    for terms in doc_terms.iter().flatten() {
        for (k, t) in terms.iter().enumerate() {
            if t.class != TermClass::Acronym || k == 0 {
                continue;
            }
            let letters: Vec<char> = t.key.chars().filter(|c| c.is_alphabetic()).collect();
            let n = letters.len();
            if n < 2 || k < n {
                continue;
            }
            let before = &terms[k - n..k];
            let initials: String = before
                .iter()
                .filter_map(|b| normalize::fold(&b.surface).chars().next())
                .collect();
            if initials == letters.iter().collect::<String>() {
                let keys: Vec<CompactString> = before.iter().map(|b| b.key.clone()).collect();
                if !expansions.iter().any(|(a, e)| *a == t.key && *e == keys) {
                    expansions.push((t.key.clone(), keys));
                }
            }
        }
    }
    if expansions.is_empty() {
        return;
    }
    for terms in doc_terms.iter_mut().flatten() {
        for (acronym, keys) in &expansions {
            if terms.iter().any(|t| t.key == *acronym) {
                continue;
            }
            let found = terms
                .windows(keys.len())
                .find(|w| w.iter().zip(keys).all(|(t, k)| t.key == *k))
                .map(|w| w[0].start);
            if let Some(start) = found {
                terms.push(Term {
                    key: acronym.clone(),
                    class: TermClass::Acronym,
                    surface: acronym.to_uppercase(),
                    start,
                });
            }
        }
    }
}
