//! The wire format: hand-written serde DTOs (schema `recoupe/1`), built from the model.
//! The only module that serialises; the page and other tools read exactly this.

use serde::{Deserialize, Serialize};

use crate::config::{Config, LangChoice, Split};
use crate::linker::LinkModel;
use crate::model::{Comparison, DiffFlag, DiffTag, LinkKind, Mark, MarkTag, SegmentKind};

/// The schema name and version written in every report.
pub const SCHEMA: &str = "recoupe/1";

/// A whole comparison, as JSON.
#[derive(Serialize, Clone, Debug)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Documents in the caller's order.
    pub documents: Vec<DocumentDto>,
    /// Links of every pair.
    pub links: Vec<LinkDto>,
    /// Moved blocks.
    pub moves: Vec<MoveDto>,
    /// Coverage of every pair.
    pub stats: Vec<StatsDto>,
    /// Warnings for the user.
    pub warnings: Vec<String>,
    /// Passages of several accounts telling one fact.
    pub groups: Vec<GroupDto>,
    /// Checkable values in the groups.
    pub facts: Vec<FactDto>,
    /// Different values for the same slot.
    pub conflicts: Vec<ConflictDto>,
}

/// One document.
#[derive(Serialize, Clone, Debug)]
pub struct DocumentDto {
    /// Display name.
    pub name: String,
    /// "fr" or "en".
    pub lang: &'static str,
    /// Segments in order.
    pub segments: Vec<SegmentDto>,
    /// The account's own date (`YYYY-MM-DD`), when given.
    pub date: Option<String>,
    /// Where the account comes from (outlet, author), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The account's address, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One segment: UTF-8 byte offsets into the decoded text, and that slice.
#[derive(Serialize, Clone, Debug)]
pub struct SegmentDto {
    /// First byte (UTF-8).
    pub start: usize,
    /// One past the last byte (UTF-8).
    pub end: usize,
    /// Exactly `text[start..end]`.
    pub text: String,
    /// "sentence", "heading", "item", "line" or "paragraph".
    pub kind: &'static str,
    /// Paragraph index.
    pub para: usize,
}

/// One side of a link.
#[derive(Serialize, Clone, Debug)]
pub struct SideDto {
    /// Document index.
    pub doc: usize,
    /// Consecutive segment indices.
    pub segments: Vec<usize>,
}

/// One link.
#[derive(Serialize, Clone, Debug)]
pub struct LinkDto {
    /// Passage of the lower-numbered document.
    pub left: SideDto,
    /// Passage of the higher-numbered document.
    pub right: SideDto,
    /// Similarity in [0, 1], to three decimals (no float noise in the JSON).
    #[serde(serialize_with = "three_decimals")]
    pub score: f32,
    /// "identical", "equivalent" or "partial".
    pub kind: &'static str,
    /// Whether the link is on the main order of its pair (faces its partner in place).
    /// At most one anchor per segment; anchors increase on both sides.
    pub anchor: bool,
    /// Whether the link belongs to a moved block (crosses the main order).
    pub moved: bool,
    /// The moved block's id.
    #[serde(rename = "move")]
    pub move_id: Option<usize>,
    /// Word diff: ["=", text], ["-", text], ["+", text]; an "=" piece spelled differently
    /// on the right (under the ignore options) is ["=", left text, right text].
    pub diff: Vec<Vec<Piece>>,
    /// "number" and/or "name" when such words changed; "negation" when one side is
    /// negated and the other not.
    pub flags: Vec<&'static str>,
    /// The shared terms that weighed most.
    pub why: Vec<String>,
    /// Not for identical links: each side cut into pieces, [" ", text] plain, ["=", text]
    /// stated by the other side too, ["!", text] a number or date the other side does
    /// not state while it states others. A side's pieces joined give its segments'
    /// texts joined by one space.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marks: Option<MarksDto>,
}

/// Both sides' marks.
#[derive(Serialize, Clone, Debug)]
pub struct MarksDto {
    /// Pieces of the left passage.
    pub left: Vec<[Piece; 2]>,
    /// Pieces of the right passage.
    pub right: Vec<[Piece; 2]>,
}

/// A string of a diff or mark piece: its tag is static, its text moved out of the
/// comparison (at 1M words a copied tag and text for every piece made the peak memory,
/// issue 13).
pub type Piece = std::borrow::Cow<'static, str>;

fn mark_pieces(marks: Vec<Mark>) -> Vec<[Piece; 2]> {
    marks
        .into_iter()
        .map(|m| {
            let tag = match m.tag {
                MarkTag::Plain => " ",
                MarkTag::Shared => "=",
                MarkTag::Differs => "!",
            };
            [Piece::Borrowed(tag), Piece::Owned(m.text)]
        })
        .collect()
}

/// A moved block.
#[derive(Serialize, Clone, Debug)]
pub struct MoveDto {
    /// Block id (the `move` field of its links).
    pub id: usize,
    /// Left document.
    pub left_doc: usize,
    /// Right document.
    pub right_doc: usize,
    /// Indices into `links`.
    pub links: Vec<usize>,
}

/// Coverage of a pair.
#[derive(Serialize, Clone, Debug)]
pub struct StatsDto {
    /// Left document.
    pub left: usize,
    /// Right document.
    pub right: usize,
    /// Share of the left document linked (three decimals).
    #[serde(serialize_with = "three_decimals")]
    pub left_covered: f32,
    /// Share of the right document linked (three decimals).
    #[serde(serialize_with = "three_decimals")]
    pub right_covered: f32,
}

/// Writes an f32 as the nearest three-decimal f64: `0.421`, not `0.42100000381469727`
/// (an f32 widened to f64 carries its binary noise into the JSON).
fn three_decimals<S: serde::Serializer>(value: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*value) * 1000.0).round() / 1000.0)
}

impl From<&Comparison> for Report {
    fn from(c: &Comparison) -> Self {
        Report::from(c.clone())
    }
}

impl From<Comparison> for Report {
    /// Consumes the comparison: the links' texts move into the report instead of being
    /// copied, so the two never hold them both.
    fn from(c: Comparison) -> Self {
        let groups = groups_dto(&c);
        let facts = facts_dto(&c);
        let conflicts = conflicts_dto(&c);
        let documents = c
            .documents
            .iter()
            .map(|d| DocumentDto {
                name: d.name.clone(),
                lang: d.lang.code(),
                segments: d
                    .segments
                    .iter()
                    .map(|s| SegmentDto {
                        start: s.span.start,
                        end: s.span.end,
                        text: d.text[s.span.range()].to_string(),
                        kind: segment_kind(s.kind),
                        para: s.paragraph,
                    })
                    .collect(),
                date: d.date.map(|d| d.to_string()),
                source: d.source.clone(),
                url: d.url.clone(),
            })
            .collect();
        let links = c
            .links
            .into_iter()
            .map(|l| LinkDto {
                left: SideDto {
                    doc: l.left.doc,
                    segments: l.left.segments.clone().collect(),
                },
                right: SideDto {
                    doc: l.right.doc,
                    segments: l.right.segments.clone().collect(),
                },
                score: l.score,
                kind: link_kind(l.kind),
                anchor: l.anchor,
                moved: l.moved_block.is_some(),
                move_id: l.moved_block,
                diff: l
                    .diff
                    .into_iter()
                    .map(|p| {
                        let mut piece = vec![Piece::Borrowed(diff_tag(p.tag)), p.text.into()];
                        piece.extend(p.right_text.map(Piece::Owned));
                        piece
                    })
                    .collect(),
                flags: l.flags.iter().map(|f| diff_flag(*f)).collect(),
                why: l.why,
                marks: {
                    let [left, right] = l.marks;
                    (!left.is_empty() || !right.is_empty()).then(|| MarksDto {
                        left: mark_pieces(left),
                        right: mark_pieces(right),
                    })
                },
            })
            .collect();
        let moves = c
            .moves
            .iter()
            .enumerate()
            .map(|(id, m)| MoveDto {
                id,
                left_doc: m.left_doc,
                right_doc: m.right_doc,
                links: m.links.clone(),
            })
            .collect();
        let stats = c
            .stats
            .iter()
            .map(|s| StatsDto {
                left: s.left,
                right: s.right,
                left_covered: s.left_covered,
                right_covered: s.right_covered,
            })
            .collect();
        Report {
            schema: SCHEMA,
            documents,
            links,
            moves,
            stats,
            warnings: c.warnings,
            groups,
            facts,
            conflicts,
        }
    }
}

impl Report {
    /// The report of `docs` only (indices into `documents`, in their order): their
    /// documents, the links, moves and coverage between them, and the groups, facts and
    /// conflicts as far as these accounts tell them (a group needs two of them; a conflict
    /// two of them giving different values). What the page exports for the pair on screen.
    pub fn only(&self, docs: &[usize]) -> Report {
        let mut keep: Vec<usize> = docs
            .iter()
            .copied()
            .filter(|&d| d < self.documents.len())
            .collect();
        keep.sort_unstable();
        keep.dedup();
        let new_doc = |d: usize| keep.iter().position(|&k| k == d);
        let mut link_map = vec![None; self.links.len()];
        let mut links = Vec::new();
        for (k, l) in self.links.iter().enumerate() {
            if let (Some(a), Some(b)) = (new_doc(l.left.doc), new_doc(l.right.doc)) {
                let mut l = l.clone();
                l.left.doc = a;
                l.right.doc = b;
                link_map[k] = Some(links.len());
                links.push(l);
            }
        }
        let mut move_map = vec![None; self.moves.len()];
        let mut moves = Vec::new();
        for m in &self.moves {
            if let (Some(a), Some(b)) = (new_doc(m.left_doc), new_doc(m.right_doc)) {
                move_map[m.id] = Some(moves.len());
                moves.push(MoveDto {
                    id: moves.len(),
                    left_doc: a,
                    right_doc: b,
                    links: m.links.iter().filter_map(|&k| link_map[k]).collect(),
                });
            }
        }
        for l in &mut links {
            l.move_id = l.move_id.and_then(|m| move_map.get(m).copied().flatten());
            l.moved = l.move_id.is_some();
        }
        let stats = self
            .stats
            .iter()
            .filter_map(|s| {
                Some(StatsDto {
                    left: new_doc(s.left)?,
                    right: new_doc(s.right)?,
                    ..s.clone()
                })
            })
            .collect();
        let mut group_map = vec![None; self.groups.len()];
        let mut groups = Vec::new();
        for g in &self.groups {
            let members: Vec<MemberDto> = g
                .members
                .iter()
                .filter_map(|m| {
                    Some(MemberDto {
                        doc: new_doc(m.doc)?,
                        ..m.clone()
                    })
                })
                .collect();
            if members.len() < 2 {
                continue;
            }
            let representative = match new_doc(g.representative.doc) {
                Some(doc) => SegmentRefDto {
                    doc,
                    segment: g.representative.segment,
                },
                None => SegmentRefDto {
                    doc: members[0].doc,
                    segment: members[0].segments.first().copied().unwrap_or(0),
                },
            };
            group_map[g.id] = Some(groups.len());
            groups.push(GroupDto {
                id: groups.len(),
                accounts: members.len(),
                members,
                representative,
            });
        }
        let statements = |list: &[StatementDto]| -> Vec<StatementDto> {
            list.iter()
                .filter_map(|s| {
                    Some(StatementDto {
                        doc: new_doc(s.doc)?,
                        ..s.clone()
                    })
                })
                .collect()
        };
        let mut conflict_map = vec![None; self.conflicts.len()];
        let mut conflicts = Vec::new();
        for c in &self.conflicts {
            let Some(group) = group_map.get(c.group).copied().flatten() else {
                continue;
            };
            let kept = statements(&c.statements);
            let values: std::collections::BTreeSet<&str> =
                kept.iter().map(|s| s.value.as_str()).collect();
            let accounts: std::collections::BTreeSet<usize> = kept.iter().map(|s| s.doc).collect();
            if values.len() < 2 || accounts.len() < 2 {
                continue;
            }
            conflict_map[c.id] = Some(conflicts.len());
            conflicts.push(ConflictDto {
                id: conflicts.len(),
                group,
                kind: c.kind,
                slot: c.slot.clone(),
                statements: kept,
            });
        }
        let facts = self
            .facts
            .iter()
            .filter_map(|f| {
                let group = group_map.get(f.group).copied().flatten()?;
                let kept = statements(&f.statements);
                if kept.is_empty() {
                    return None;
                }
                let conflict = f
                    .conflict
                    .and_then(|c| conflict_map.get(c).copied().flatten());
                let accounts: std::collections::BTreeSet<usize> =
                    kept.iter().map(|s| s.doc).collect();
                let status = match (conflict, accounts.len()) {
                    (Some(_), _) => "conflict",
                    (None, 1) => "unconfirmed",
                    (None, _) => "agreed",
                };
                Some(FactDto {
                    group,
                    status,
                    conflict,
                    statements: kept,
                    ..f.clone()
                })
            })
            .collect();
        Report {
            schema: SCHEMA,
            documents: keep.iter().map(|&d| self.documents[d].clone()).collect(),
            links,
            moves,
            stats,
            warnings: self.warnings.clone(),
            groups,
            facts,
            conflicts,
        }
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain DTOs of strings and numbers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Public name of a segment kind.
pub fn segment_kind(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Sentence => "sentence",
        SegmentKind::Heading => "heading",
        SegmentKind::Item => "item",
        SegmentKind::Line => "line",
        SegmentKind::Paragraph => "paragraph",
    }
}

/// Public name of a link kind.
pub fn link_kind(k: LinkKind) -> &'static str {
    match k {
        LinkKind::Identical => "identical",
        LinkKind::Equivalent => "equivalent",
        LinkKind::Partial => "partial",
    }
}

fn diff_tag(t: DiffTag) -> &'static str {
    match t {
        DiffTag::Equal => "=",
        DiffTag::Delete => "-",
        DiffTag::Insert => "+",
    }
}

fn diff_flag(f: DiffFlag) -> &'static str {
    match f {
        DiffFlag::Number => "number",
        DiffFlag::Name => "name",
        DiffFlag::Negation => "negation",
    }
}

/// A comparison request as the page sends it (every config field optional).
#[derive(Deserialize, Debug)]
pub struct Request {
    /// Named texts.
    pub documents: Vec<RequestDocument>,
    /// Settings.
    #[serde(default)]
    pub config: RequestConfig,
}

/// One document of a request.
#[derive(Deserialize, Debug)]
pub struct RequestDocument {
    /// Display name.
    pub name: String,
    /// Decoded text.
    pub text: String,
    /// The account's own date, `YYYY-MM-DD` (optional).
    #[serde(default)]
    pub date: Option<String>,
    /// Where the account comes from (optional; only reported).
    #[serde(default)]
    pub source: Option<String>,
    /// The account's address (optional; only reported).
    #[serde(default)]
    pub url: Option<String>,
}

/// What to export (the wasm `export_report`): a format of `src/render/`, and its options.
#[derive(Deserialize, Debug, Default)]
pub struct ExportOptions {
    /// "text", "json", "html", "csv", "md", "tei" or "collatex".
    pub format: String,
    /// For CSV: "links" (default) or "facts".
    #[serde(default)]
    pub table: Option<String>,
    /// The words around the documents' text: "en" (default) or "fr".
    #[serde(default)]
    pub lang: Option<String>,
    /// When the report was made, as the caller writes it (HTML and Markdown show it).
    #[serde(default)]
    pub made: Option<String>,
    /// Only these documents (indices into the request's): the pair on screen.
    #[serde(default)]
    pub only: Option<Vec<usize>>,
}

impl ExportOptions {
    /// The format and the rendering options, or why not.
    pub fn to_render(&self) -> Result<(crate::render::Format, crate::render::Options), String> {
        let format = crate::render::Format::parse(&self.format)?;
        let table = match self.table.as_deref() {
            None | Some("") => crate::render::Table::default(),
            Some(t) => crate::render::Table::parse(t)?,
        };
        let options = crate::render::Options {
            explain: false,
            table,
            lang: crate::render::Lang::parse(self.lang.as_deref().unwrap_or("en")),
            made: self.made.clone(),
        };
        Ok((format, options))
    }
}

/// Settings of a request; missing fields take the defaults of [`Config`].
/// [`RequestConfig::defaults`] is the same shape with every field filled: what the page
/// shows before the user changes anything.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct RequestConfig {
    /// "sentences", "lines" or "paragraphs".
    pub split: Option<String>,
    /// "auto", "fr" or "en".
    pub lang: Option<String>,
    /// Link threshold in [0, 1].
    pub threshold: Option<f32>,
    /// Ignore letter case in word diffs.
    pub ignore_case: Option<bool>,
    /// Ignore accents in word diffs.
    pub ignore_accents: Option<bool>,
    /// Ignore punctuation in word diffs.
    pub ignore_punctuation: Option<bool>,
}

impl RequestConfig {
    /// Every setting at the core's default (the one owner of defaults).
    pub fn defaults() -> Self {
        let d = Config::default();
        RequestConfig {
            split: Some(split_name(d.split).to_string()),
            lang: Some(lang_name(d.lang).to_string()),
            threshold: Some(d.threshold),
            ignore_case: Some(d.ignore_case),
            ignore_accents: Some(d.ignore_accents),
            ignore_punctuation: Some(d.ignore_punctuation),
        }
    }

    /// The core configuration, or a message naming the bad field.
    pub fn to_config(&self) -> Result<Config, String> {
        let d = Config::default();
        Ok(Config {
            split: match self.split.as_deref() {
                None => d.split,
                Some(s) => parse_split(s)?,
            },
            lang: match self.lang.as_deref() {
                None => d.lang,
                Some(s) => parse_lang(s)?,
            },
            threshold: match self.threshold {
                None => d.threshold,
                Some(t) => Config::checked_threshold(t)?,
            },
            ignore_case: self.ignore_case.unwrap_or(d.ignore_case),
            ignore_accents: self.ignore_accents.unwrap_or(d.ignore_accents),
            ignore_punctuation: self.ignore_punctuation.unwrap_or(d.ignore_punctuation),
            model: d.model,
        })
    }
}

/// A link model as `cargo xtask train --out FILE` writes it.
#[derive(Serialize, Deserialize, Debug)]
pub struct ModelDto {
    /// The evidence names the weights follow (checked against the engine's).
    pub features: Vec<String>,
    /// First-stage weights, bias first.
    pub pair: Vec<f32>,
    /// Third-account stage: bias, first-stage log-odds, support.
    pub third: Vec<f32>,
    /// The F1-best threshold on the training data.
    pub threshold: f32,
}

/// Reads a model file: the weights and the threshold fitted with them.
pub fn parse_model(json: &str) -> Result<(LinkModel, f32), String> {
    let dto: ModelDto =
        serde_json::from_str(json).map_err(|e| format!("not a recoupe link model: {e}"))?;
    if dto.features != crate::linker::EVIDENCE_NAMES {
        return Err(format!(
            "the model was trained on other features ({}) than this engine computes ({})",
            dto.features.join(", "),
            crate::linker::EVIDENCE_NAMES.join(", ")
        ));
    }
    let pair = dto
        .pair
        .try_into()
        .map_err(|_| "the model has the wrong number of pair weights".to_string())?;
    let third = dto
        .third
        .try_into()
        .map_err(|_| "the model needs three third-account weights".to_string())?;
    if !(0.0..=1.0).contains(&dto.threshold) {
        return Err("the model's threshold is not between 0 and 1".to_string());
    }
    Ok((LinkModel { pair, third }, dto.threshold))
}

/// Parses a `--split` value.
pub fn parse_split(s: &str) -> Result<Split, String> {
    match s {
        "sentences" => Ok(Split::Sentences),
        "lines" => Ok(Split::Lines),
        "paragraphs" => Ok(Split::Paragraphs),
        _ => Err(format!(
            "unknown split '{s}' (expected sentences, lines or paragraphs)"
        )),
    }
}

fn split_name(split: Split) -> &'static str {
    match split {
        Split::Sentences => "sentences",
        Split::Lines => "lines",
        Split::Paragraphs => "paragraphs",
    }
}

fn lang_name(lang: LangChoice) -> &'static str {
    match lang {
        LangChoice::Auto => "auto",
        LangChoice::French => "fr",
        LangChoice::English => "en",
    }
}

/// Parses a `--lang` value.
pub fn parse_lang(s: &str) -> Result<LangChoice, String> {
    match s {
        "auto" => Ok(LangChoice::Auto),
        "fr" => Ok(LangChoice::French),
        "en" => Ok(LangChoice::English),
        _ => Err(format!("unknown language '{s}' (expected auto, fr or en)")),
    }
}

// ---------------------------------------------------------------------------------------
// Reading files (the one reader, `src/extract.rs`): what crosses the wasm boundary for the
// page, and the command line's refusal under `--format json`.

/// A refusal or a warning about a file: a stable code and its parameters (the page words
/// them from `www/i18n.js`, `error.<code>` / `warning.<code>`), and the command line's
/// English sentence, a fallback only.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct MessageDto {
    /// `too-large`, `binary`, `empty`, ... (see [`crate::decode::InputError`] and
    /// [`crate::decode::Warning`]).
    pub code: String,
    /// Numbers (sizes in bytes) and identifiers, by name.
    pub params: std::collections::BTreeMap<&'static str, ParamDto>,
    /// The command line's sentence; left out in wasm, where the page words every code
    /// itself (and the sentences would bring float formatting into the wasm).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The command line's sentence, natively; nothing in wasm (see [`MessageDto::message`]).
fn sentence(m: &impl std::fmt::Display) -> String {
    if cfg!(target_arch = "wasm32") {
        String::new()
    } else {
        m.to_string()
    }
}

/// A parameter: a JSON number or string (no `serde_json` in the wasm for it).
#[derive(Debug, Clone, PartialEq)]
pub struct ParamDto(pub crate::decode::Param);

impl Serialize for ParamDto {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            crate::decode::Param::Num(n) => s.serialize_u64(*n),
            crate::decode::Param::Str(v) => s.serialize_str(v),
        }
    }
}

fn params_json(
    params: Vec<(&'static str, crate::decode::Param)>,
) -> std::collections::BTreeMap<&'static str, ParamDto> {
    params.into_iter().map(|(k, v)| (k, ParamDto(v))).collect()
}

impl From<&crate::decode::InputError> for MessageDto {
    fn from(e: &crate::decode::InputError) -> Self {
        MessageDto {
            code: e.code().to_string(),
            params: params_json(e.params()),
            message: sentence(e),
        }
    }
}

impl From<&crate::decode::Warning> for MessageDto {
    fn from(w: &crate::decode::Warning) -> Self {
        MessageDto {
            code: w.code().to_string(),
            params: params_json(w.params()),
            message: sentence(w),
        }
    }
}

/// What `read` and `read_blocks` give the page: the text, or (`extract`) what the page must
/// extract itself, or `error`.
#[derive(Serialize, Debug, Default)]
pub struct ReadDto {
    /// `text`, `markdown`, `html`, `docx` or `pdf` (absent when refused before detection).
    pub format: Option<&'static str>,
    /// The encoding decided by the core (WHATWG name; "binary" for .docx and PDF).
    pub encoding: Option<String>,
    /// The text to compare.
    pub text: Option<String>,
    /// `html` or `pdf`: the page extracts the text blocks (Readability, pdf.js) and hands
    /// them to `read_blocks`.
    pub extract: Option<&'static str>,
    /// For `extract: "html"`: the page's source decoded by the core (absent when the page
    /// declares an encoding the core leaves to the browser's `TextDecoder`, by `encoding`).
    pub source: Option<String>,
    /// Warnings.
    pub warnings: Vec<MessageDto>,
    /// The refusal, if any (then nothing else is set).
    pub error: Option<MessageDto>,
}

impl ReadDto {
    /// A refusal.
    pub fn refused(e: &crate::decode::InputError) -> Self {
        ReadDto {
            error: Some(e.into()),
            ..ReadDto::default()
        }
    }

    /// Text read in full.
    pub fn read(e: crate::extract::Extracted) -> Self {
        ReadDto {
            format: Some(e.format.as_str()),
            encoding: Some(e.encoding.to_string()),
            warnings: e.warnings.iter().map(MessageDto::from).collect(),
            text: Some(e.text),
            ..ReadDto::default()
        }
    }
}

impl From<Result<crate::extract::PageRead, crate::decode::InputError>> for ReadDto {
    fn from(r: Result<crate::extract::PageRead, crate::decode::InputError>) -> Self {
        use crate::extract::{Format, PageRead};
        match r {
            Err(e) => ReadDto::refused(&e),
            Ok(PageRead::Read(e)) => ReadDto::read(e),
            Ok(PageRead::InPage(t)) => {
                let (encoding, warnings) = match (&t.decoded, &t.plan) {
                    (Some(d), _) => (d.encoding, d.warnings.clone()),
                    (None, Some(p)) => (p.encoding, p.warnings.clone()),
                    (None, None) => ("binary", Vec::new()),
                };
                ReadDto {
                    format: Some(t.format.as_str()),
                    encoding: Some(encoding.to_string()),
                    extract: Some(if t.format == Format::Pdf {
                        "pdf"
                    } else {
                        "html"
                    }),
                    source: t.decoded.map(|d| d.text),
                    warnings: warnings.iter().map(MessageDto::from).collect(),
                    ..ReadDto::default()
                }
            }
        }
    }
}

/// The page's request to `read_blocks`: blocks its own readers extracted.
#[derive(Deserialize, Debug)]
pub struct BlocksRequest {
    /// `html` or `pdf` (any format name of [`crate::extract::Format::as_str`]).
    pub format: String,
    /// The encoding `read` decided (HTML), echoed in the result; "binary" when absent.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The blocks, in order.
    pub blocks: Vec<BlockInDto>,
    /// The page's readers' own warnings (`no-article`, `truncated`), by code; those `read`
    /// gave stay with the page.
    #[serde(default)]
    pub warnings: Vec<WarningInDto>,
}

/// One block of a [`BlocksRequest`].
#[derive(Deserialize, Debug)]
pub struct BlockInDto {
    /// Its text, white space as extracted (the core collapses it).
    pub text: String,
    /// `heading`, `item` or `paragraph` (the default).
    #[serde(default)]
    pub kind: Option<String>,
}

/// A warning handed back by the page.
#[derive(Deserialize, Debug)]
pub struct WarningInDto {
    /// Its code.
    pub code: String,
    /// Its parameters (numbers).
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, u64>,
}

impl BlocksRequest {
    /// Text from the blocks, by [`crate::extract::from_blocks`]; the page's warnings of a
    /// code the core does not know are refused with the request.
    pub fn read(&self, limits: &crate::extract::Limits) -> ReadDto {
        use crate::decode::{InputError, Warning};
        use crate::extract::{BlockKind, Format};
        let Some(format) = Format::from_name(&self.format) else {
            return ReadDto::refused(&InputError::BrowserOnly { format: "text" });
        };
        let kind = |k: &Option<String>| match k.as_deref() {
            Some("heading") => BlockKind::Heading,
            Some("item") => BlockKind::Item,
            _ => BlockKind::Paragraph,
        };
        let blocks = self.blocks.iter().map(|b| (b.text.as_str(), kind(&b.kind)));
        let own = self
            .warnings
            .iter()
            .filter_map(|w| Warning::from_code(&w.code, |k| w.params.get(k).copied()))
            .collect();
        match crate::extract::from_blocks(format, "binary", blocks, own, limits) {
            Err(e) => ReadDto::refused(&e),
            Ok(e) => {
                let mut dto = ReadDto::read(e);
                dto.encoding = Some(
                    self.encoding
                        .clone()
                        .unwrap_or_else(|| "binary".to_string()),
                );
                dto
            }
        }
    }
}

/// The size limits, in bytes, for the page (it keeps no copy of the numbers).
#[derive(Serialize, Debug)]
pub struct LimitsDto {
    /// Largest file.
    pub max_file_bytes: u64,
    /// Largest total of the files of one comparison.
    pub max_total_bytes: u64,
    /// Largest text of one document, in UTF-8 bytes.
    pub max_text_bytes: u64,
    /// Largest part unpacked from a .docx.
    pub max_unpacked_bytes: u64,
}

impl From<&crate::extract::Limits> for LimitsDto {
    fn from(l: &crate::extract::Limits) -> Self {
        LimitsDto {
            max_file_bytes: l.max_file_bytes,
            max_total_bytes: l.max_total_bytes,
            max_text_bytes: l.max_text_bytes,
            max_unpacked_bytes: l.max_unpacked_bytes,
        }
    }
}

/// The command line's refusal of a file under `--format json`: one line on stderr.
#[derive(Serialize, Debug)]
pub struct RefusalDto {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The file, as given on the command line.
    pub file: String,
    /// Why.
    pub error: MessageDto,
}

// ---- Groups, facts and conflicts (every account at once) ----

/// One group: passages of several accounts that tell one fact.
#[derive(Serialize, Clone, Debug)]
pub struct GroupDto {
    /// Index in `groups` (order-free: by place in the accounts, then text).
    pub id: usize,
    /// How many accounts tell it.
    pub accounts: usize,
    /// One per account, by document index.
    pub members: Vec<MemberDto>,
    /// The most central segment.
    pub representative: SegmentRefDto,
}

/// An account's passage(s) in a group.
#[derive(Serialize, Clone, Debug)]
pub struct MemberDto {
    /// Document index.
    pub doc: usize,
    /// Segment indices, ascending.
    pub segments: Vec<usize>,
    /// "same", "part" or "differently".
    pub telling: &'static str,
}

/// A segment of a document.
#[derive(Serialize, Clone, Debug)]
pub struct SegmentRefDto {
    /// Document index.
    pub doc: usize,
    /// Segment index.
    pub segment: usize,
}

/// Where an account states a value.
#[derive(Serialize, Clone, Debug)]
pub struct StatementDto {
    /// Document index.
    pub doc: usize,
    /// Segment index.
    pub segment: usize,
    /// UTF-8 byte offsets of the value in the document's text (like segments' `start`).
    pub start: usize,
    /// End (exclusive), UTF-8 bytes in the document's text.
    pub end: usize,
    /// UTF-16 offsets of the value in the segment's `text` (JavaScript string indices).
    pub at: [usize; 2],
    /// The value as written.
    pub text: String,
    /// The value normalised.
    pub value: String,
}

/// One value of one slot in a group.
#[derive(Serialize, Clone, Debug)]
pub struct FactDto {
    /// Group id.
    pub group: usize,
    /// "date", "time", "number", "amount", "percent", "range", "name" or "quote".
    pub kind: &'static str,
    /// What it is about (counted words, last word of a name), or "".
    pub slot: String,
    /// The normalised value.
    pub value: String,
    /// "agreed", "unconfirmed" or "conflict".
    pub status: &'static str,
    /// The conflict's id when `status` is "conflict".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<usize>,
    /// Every statement of this value.
    pub statements: Vec<StatementDto>,
}

/// Accounts giving different values for the same slot of a group.
#[derive(Serialize, Clone, Debug)]
pub struct ConflictDto {
    /// Index in `conflicts`.
    pub id: usize,
    /// Group id.
    pub group: usize,
    /// Kind of value (as in facts).
    pub kind: &'static str,
    /// What it is about.
    pub slot: String,
    /// The statements of every side.
    pub statements: Vec<StatementDto>,
}

fn statement_dto(c: &Comparison, s: &crate::facts::Statement) -> StatementDto {
    let (seg_start, seg_text) = c
        .documents
        .get(s.doc)
        .and_then(|d| {
            let span = d.segments.get(s.segment)?.span;
            Some((span.start, d.text.get(span.range())?))
        })
        .unwrap_or((0, ""));
    let utf16 = |byte: usize| {
        seg_text
            .get(..byte.min(seg_text.len()))
            .map_or(0, |t| t.encode_utf16().count())
    };
    StatementDto {
        doc: s.doc,
        segment: s.segment,
        start: seg_start + s.start,
        end: seg_start + s.end,
        at: [utf16(s.start), utf16(s.end)],
        text: s.text.clone(),
        value: s.value.clone(),
    }
}

fn telling_name(t: crate::groups::Telling) -> &'static str {
    match t {
        crate::groups::Telling::Same => "same",
        crate::groups::Telling::Part => "part",
        crate::groups::Telling::Differently => "differently",
    }
}

fn groups_dto(c: &Comparison) -> Vec<GroupDto> {
    c.groups
        .iter()
        .enumerate()
        .map(|(id, g)| GroupDto {
            id,
            accounts: g.accounts(),
            members: g
                .members
                .iter()
                .map(|m| MemberDto {
                    doc: m.doc,
                    segments: m.segments.clone(),
                    telling: telling_name(m.telling),
                })
                .collect(),
            representative: SegmentRefDto {
                doc: g.representative.0,
                segment: g.representative.1,
            },
        })
        .collect()
}

fn facts_dto(c: &Comparison) -> Vec<FactDto> {
    c.facts
        .iter()
        .map(|f| FactDto {
            group: f.group,
            kind: f.kind.name(),
            slot: f.slot.clone(),
            value: f.value.clone(),
            status: f.status.name(),
            conflict: f.conflict,
            statements: f.statements.iter().map(|s| statement_dto(c, s)).collect(),
        })
        .collect()
}

fn conflicts_dto(c: &Comparison) -> Vec<ConflictDto> {
    c.conflicts
        .iter()
        .enumerate()
        .map(|(id, k)| ConflictDto {
            id,
            group: k.group,
            kind: k.kind.name(),
            slot: k.slot.clone(),
            statements: k.statements.iter().map(|s| statement_dto(c, s)).collect(),
        })
        .collect()
}

impl RequestDocument {
    /// The core's input, or a message naming the bad date.
    pub fn to_input(&self) -> Result<crate::Input, String> {
        let input = crate::Input::new(self.name.clone(), self.text.clone())
            .with_source(self.source.clone(), self.url.clone());
        match self.date.as_deref() {
            None | Some("") => Ok(input),
            Some(d) => crate::facts::Date::parse_iso(d)
                .map(|date| input.with_date(date))
                .ok_or_else(|| format!("{}: date must be YYYY-MM-DD, got '{d}'", self.name)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Batch lines (`recoupe batch`, the logic in `src/batch.rs`): one event a line of JSON in,
// one line out. Unknown top-level fields pass through verbatim, in their order.

/// The top-level fields of one batch line, in their order, each value as written.
#[derive(Debug)]
pub struct BatchFields<'a>(pub Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for BatchFields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Fields<'a> {
            type Value = BatchFields<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an event: a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::new();
                while let Some(entry) =
                    map.next_entry::<String, &'de serde_json::value::RawValue>()?
                {
                    fields.push(entry);
                }
                Ok(BatchFields(fields))
            }
        }
        d.deserialize_map(Fields(std::marker::PhantomData))
    }
}

/// Why a batch line could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchParseError {
    /// Not JSON (or cut short): the parser's words.
    Syntax(String),
    /// JSON, but not an object: the parser's words.
    NotObject(String),
}

/// The parser's sentence without serde_json's " at line 1 column N" (a batch line is one
/// line; the column is kept as `column N`).
fn parse_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((head, _)) if e.line() > 0 => format!("{head} (column {})", e.column()),
        _ => text,
    }
}

/// A batch line's top-level fields, in order.
pub fn batch_fields(line: &str) -> Result<BatchFields<'_>, BatchParseError> {
    serde_json::from_str(line).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BatchParseError::NotObject(parse_message(&e)),
        _ => BatchParseError::Syntax(parse_message(&e)),
    })
}

/// One account of a batch line.
#[derive(Deserialize, Debug)]
pub struct BatchAccount<'a> {
    /// Its id: a string or a number (the document's name in the report).
    #[serde(borrow, default)]
    pub id: Option<&'a serde_json::value::RawValue>,
    /// Its text.
    pub text: String,
    /// Where it comes from (optional; only reported).
    #[serde(default)]
    pub source: Option<String>,
    /// Its own date, `YYYY-MM-DD` (optional).
    #[serde(default)]
    pub date: Option<String>,
    /// Its address (optional; only reported).
    #[serde(default)]
    pub url: Option<String>,
}

/// The accounts of a batch line: a JSON array of objects, each kept as written.
pub fn batch_accounts(
    raw: &serde_json::value::RawValue,
) -> Result<Vec<&serde_json::value::RawValue>, String> {
    serde_json::from_str(raw.get()).map_err(|e| parse_message(&e))
}

/// One account, or the parser's words about it.
pub fn batch_account(raw: &serde_json::value::RawValue) -> Result<BatchAccount<'_>, String> {
    serde_json::from_str(raw.get()).map_err(|e| parse_message(&e))
}

/// An id as a document name: a string's value, a number as written; else `None`.
pub fn batch_id_name(raw: &serde_json::value::RawValue) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(raw.get()).ok()? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(_) => Some(raw.get().trim().to_string()),
        _ => None,
    }
}

/// A failed batch line's `error`: the code, params and sentence, and the line number
/// (from 1).
#[derive(Serialize, Debug)]
pub struct BatchErrorDto {
    /// `bad-json`, `bad-event`, `line-too-long`, or a reader's code for an account's text
    /// (`empty`, `text-too-large`, `nul-char`, `control-chars`); params and message.
    #[serde(flatten)]
    pub error: MessageDto,
    /// The input line, from 1.
    pub line: usize,
}

/// One output line of `recoupe batch` (without its newline): the passed-through fields,
/// `id` (null when unknown), then `report` (compact) or `error`.
pub fn batch_output(
    passthrough: &[(String, &serde_json::value::RawValue)],
    id: Option<&serde_json::value::RawValue>,
    outcome: Result<&Report, &BatchErrorDto>,
) -> String {
    let mut out = String::from("{");
    for (key, value) in passthrough {
        // A string key re-encoded, a value as written less its white space.
        out.push_str(&serde_json::to_string(key).unwrap_or_default());
        out.push(':');
        push_compact(&mut out, value.get());
        out.push(',');
    }
    out.push_str("\"id\":");
    match id {
        Some(id) => push_compact(&mut out, id.get()),
        None => out.push_str("null"),
    }
    // Serialising plain DTOs of strings and numbers cannot fail.
    match outcome {
        Ok(report) => {
            out.push_str(",\"report\":");
            out.push_str(&serde_json::to_string(report).unwrap_or_default());
        }
        Err(error) => {
            out.push_str(",\"error\":");
            out.push_str(&serde_json::to_string(error).unwrap_or_default());
        }
    }
    out.push('}');
    out
}

/// Valid JSON text without the white space outside its strings (one line, as written
/// otherwise: numbers keep their spelling, objects their key order).
fn push_compact(out: &mut String, json: &str) {
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
}
