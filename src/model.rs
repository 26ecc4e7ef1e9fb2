//! The data every stage shares: documents, their segments, and the links between them.
//!
//! Offsets are UTF-8 byte offsets into [`Document::text`]; they always fall on `char`
//! boundaries, so `&text[span.start..span.end]` never panics.

use std::ops::Range;

/// Index of a document in the comparison, in the order the caller gave them.
pub type DocId = usize;

/// A byte range into a document's text (UTF-8 bytes, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a `Range`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a segment is, as the segmenter saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    /// A sentence inside a paragraph.
    Sentence,
    /// A short line without final punctuation, standing alone (a title, a heading).
    Heading,
    /// A bullet or numbered list item (the marker is left out of the span).
    Item,
    /// One line of pre-segmented input (`--split lines`).
    Line,
    /// A whole paragraph (`--split paragraphs`).
    Paragraph,
}

/// One unit of comparison: a sentence, a heading, a list item, a line or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Where it is in the document's text.
    pub span: Span,
    /// What it is.
    pub kind: SegmentKind,
    /// Index of the paragraph it belongs to (0-based, in document order).
    pub paragraph: usize,
}

/// A language the normaliser knows rules for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French.
    French,
    /// English.
    English,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::French => "fr",
            Lang::English => "en",
        }
    }
}

/// A document after segmentation: its name, decoded text, language and segments.
#[derive(Clone, Debug)]
pub struct Document {
    /// Display name (usually the file name).
    pub name: String,
    /// The decoded text; every span points into it.
    pub text: String,
    /// The language used for stemming and stop words.
    pub lang: Lang,
    /// Segments in document order, non-overlapping.
    pub segments: Vec<Segment>,
    /// The account's own date, when given: relative dates ("hier", "vendredi") in it
    /// are resolved against it.
    pub date: Option<crate::facts::Date>,
    /// Where the account comes from (outlet, author), as given; only reported.
    pub source: Option<String>,
    /// The account's address, as given; only reported.
    pub url: Option<String>,
}

impl Document {
    /// The text of segment `index`.
    pub fn segment_text(&self, index: usize) -> &str {
        &self.text[self.segments[index].span.range()]
    }
}

/// How closely two linked passages correspond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// The same words (after the configured folding).
    Identical,
    /// The same statement, reworded.
    Equivalent,
    /// They share part of what they say (one clause, or one side says more).
    Partial,
}

/// One side of a link: consecutive segments of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkSide {
    /// Which document.
    pub doc: DocId,
    /// Consecutive segment indices (more than one for a split or a merge).
    pub segments: Range<usize>,
}

/// A word-level edit inside a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffTag {
    /// In both.
    Equal,
    /// Only on the left.
    Delete,
    /// Only on the right.
    Insert,
}

/// A piece of a word diff: its tag and the original text it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffPiece {
    /// Which side(s) the text belongs to.
    pub tag: DiffTag,
    /// The original text (left text for Equal/Delete, right text for Insert).
    pub text: String,
    /// For Equal pieces only: the right side's text when it is spelled differently (the
    /// difference being one the configuration ignores: case, accents, punctuation, spaces).
    pub right_text: Option<String>,
}

/// What a word diff noticed beyond plain rewording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiffFlag {
    /// A number or date differs between the two sides.
    Number,
    /// A name (capitalised word) differs between the two sides.
    Name,
    /// One side is negated and the other not ("sans leur demander d'engagement" against
    /// "a demandé des engagements"): the words they share may say opposite things.
    Negation,
}

/// What a piece of a linked passage is, seen from the other side of the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkTag {
    /// Text that is neither shared nor a differing fact.
    Plain,
    /// A word, name, number or date the other side states too (after normalisation).
    Shared,
    /// A number or date the other side does not state, while it states others: a fact
    /// that may differ.
    Differs,
}

/// A piece of one side of a link: its tag and the original text it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// What it is.
    pub tag: MarkTag,
    /// The original text; a side's pieces joined give its segments joined by a space.
    pub text: String,
}

/// A correspondence between passages of two documents.
#[derive(Clone, Debug)]
pub struct Link {
    /// The passage in the lower-numbered document.
    pub left: LinkSide,
    /// The passage in the higher-numbered document.
    pub right: LinkSide,
    /// How alike they are, in [0, 1].
    pub score: f32,
    /// Identical, equivalent or partial.
    pub kind: LinkKind,
    /// Word diff from left to right.
    pub diff: Vec<DiffPiece>,
    /// Changed numbers or names.
    pub flags: Vec<DiffFlag>,
    /// The shared terms that weighed most in the score, heaviest first.
    pub why: Vec<String>,
    /// Whether the link is on the main order of its pair (the heaviest chain of links that
    /// increase on both sides without sharing a segment): such links face each other in
    /// place. Anchors never overlap and never cross each other; a moved link is never one.
    pub anchor: bool,
    /// The moved block this link belongs to, if it crosses the main order.
    pub moved_block: Option<usize>,
    /// What each side shares with the other and which facts differ (left, right); empty
    /// for identical links, whose word diff says it all.
    pub marks: [Vec<Mark>; 2],
}

/// A run of consecutive links that crosses the main order of two documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedBlock {
    /// Left document.
    pub left_doc: DocId,
    /// Right document.
    pub right_doc: DocId,
    /// Indices into [`Comparison::links`].
    pub links: Vec<usize>,
}

/// How much of each document of a pair the other covers.
#[derive(Clone, Debug, PartialEq)]
pub struct PairStats {
    /// Left document.
    pub left: DocId,
    /// Right document.
    pub right: DocId,
    /// Share of the left document's text (bytes of segments) that is linked.
    pub left_covered: f32,
    /// Share of the right document's text that is linked.
    pub right_covered: f32,
}

/// The result of comparing documents: everything the report needs.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The segmented documents, in the caller's order.
    pub documents: Vec<Document>,
    /// Links of every pair of documents, grouped by pair (left < right), each group
    /// ordered by left segment.
    pub links: Vec<Link>,
    /// Moved blocks.
    pub moves: Vec<MovedBlock>,
    /// Coverage figures for every pair.
    pub stats: Vec<PairStats>,
    /// Things the user should know (empty document, language guessed, cut short...).
    pub warnings: Vec<String>,
    /// Passages of several accounts that tell one fact (`groups.rs`), in an order-free
    /// order.
    pub groups: Vec<crate::groups::Group>,
    /// Checkable values inside the groups (`facts.rs`).
    pub facts: Vec<crate::facts::Fact>,
    /// Accounts giving different values for the same slot, conflicts first in reports.
    pub conflicts: Vec<crate::facts::Conflict>,
}
