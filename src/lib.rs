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
//! [`align`] → [`worddiff`] → [`report`]. The core does no I/O and never panics on any
//! input; `wasm` (wasm32 only) is the thin boundary for the page.

#![warn(missing_docs)]

pub mod align;
pub mod config;
pub mod decode;
pub mod extract;
pub mod model;
pub mod normalize;
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
}

impl Input {
    /// A named text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            name: name.into(),
            text: text.into(),
        }
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
    let mut doc_ids: Vec<Vec<Vec<u32>>> = Vec::with_capacity(documents.len());
    for per_segment in &doc_terms {
        let mut ids_per_segment = Vec::with_capacity(per_segment.len());
        for terms in per_segment {
            let ids: Vec<u32> = terms
                .iter()
                .map(|t| vocab.intern(&t.key, &t.surface))
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
    let features: Vec<Vec<Features>> = doc_terms
        .iter()
        .zip(&doc_ids)
        .map(|(terms, ids)| {
            terms
                .iter()
                .zip(ids)
                .map(|(t, i)| Features::new(t, i, &vocab))
                .collect()
        })
        .collect();

    let seg_len: Vec<Vec<usize>> = documents
        .iter()
        .map(|d| {
            d.segments
                .iter()
                .map(|s| s.span.end - s.span.start)
                .collect()
        })
        .collect();
    let pairs: Vec<(usize, usize)> = (0..documents.len())
        .flat_map(|l| (l + 1..documents.len()).map(move |r| (l, r)))
        .collect();
    let mut links = Vec::new();
    let mut moves = Vec::new();
    let mut stats = Vec::new();
    for (k, &(l, r)) in pairs.iter().enumerate() {
        if !observer(Stage::Aligning, k, pairs.len()) {
            warnings.push("comparison cut short: some pairs were not aligned".to_string());
            break;
        }
        let left = DocFeatures {
            doc: l,
            segments: &features[l],
        };
        let right = DocFeatures {
            doc: r,
            segments: &features[r],
        };
        let mut pair_links = align::align_pair(&left, &right, &vocab, config);
        let first = links.len();
        moves.extend(align::mark_moves(&mut pair_links, first, moves.len()));
        stats.push(align::coverage(l, r, &pair_links, &seg_len));
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
        link.kind = kind_of(&diff, link.score, &lt, &rt);
        link.diff = diff;
        link.flags = flags;
    }
    Ok(Comparison {
        documents,
        links,
        moves,
        stats,
        warnings,
    })
}

/// Score from which a reworded pair of similar length counts as equivalent.
const EQUIVALENT_SCORE: f32 = 0.5;

fn kind_of(diff: &[model::DiffPiece], score: f32, left: &str, right: &str) -> LinkKind {
    if diff.iter().all(|p| p.tag == model::DiffTag::Equal) {
        return LinkKind::Identical;
    }
    let (a, b) = (
        left.split_whitespace().count() as f32,
        right.split_whitespace().count() as f32,
    );
    let ratio = a.min(b) / a.max(b).max(1.0);
    if score >= EQUIVALENT_SCORE && ratio >= 0.6 {
        LinkKind::Equivalent
    } else {
        LinkKind::Partial
    }
}

fn joined_text(doc: &Document, segments: std::ops::Range<usize>) -> String {
    let parts: Vec<&str> = segments.map(|s| doc.segment_text(s)).collect();
    parts.join(" ")
}

/// Acronyms defined in any document ("Organisation mondiale du commerce (OMC)") are
/// added to every segment that spells the expansion out without the acronym.
fn add_acronym_terms(doc_terms: &mut [Vec<Vec<normalize::Term>>]) {
    use normalize::{Term, TermClass};
    let mut expansions: Vec<(String, Vec<String>)> = Vec::new();
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
                let keys: Vec<String> = before.iter().map(|b| b.key.clone()).collect();
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
                .any(|w| w.iter().zip(keys).all(|(t, k)| t.key == *k));
            if found {
                terms.push(Term {
                    key: acronym.clone(),
                    class: TermClass::Acronym,
                    surface: acronym.to_uppercase(),
                });
            }
        }
    }
}
