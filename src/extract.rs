//! Files → text: the one reader, for the command line and the page.
//!
//! Start with [`read`]: it takes a file's name and bytes and returns the text to compare
//! ([`Extracted`]) or an [`InputError`] (a code and parameters; `Display` is the command
//! line's sentence). The page calls the same code through `src/wasm.rs` (`read`,
//! `read_blocks`, `limits`, `check_total`): everything but what needs a browser happens here.
//! In wasm, HTML and PDF stop after [`triage`] (refusals, format, encoding decided): the page
//! runs Mozilla's Readability (on DOMParser) or pdf.js and hands the text blocks back to
//! [`from_blocks`], which owns white space, emptiness and limits for them as for every format.
//!
//! | format | detected by | what the text is |
//! |---|---|---|
//! | plain text | anything else | the decoded file ([`crate::decode`]), untouched |
//! | Markdown | `.md`, `.markdown`, ... | one block per heading, paragraph, list item, table row; markup removed |
//! | HTML | `.html`, `.htm`, `.xhtml`, or a `<!doctype html>`/`<html>` start | the article only (Readability, via `dom_smoothie`), as blocks |
//! | Word | `PK` zip signature or `.docx` | one block per paragraph of `word/document.xml`; headings from styles |
//! | PDF | `%PDF-` signature or `.pdf` | the text layer (`pdf-extract`), lines of a paragraph joined |
//!
//! Blocks are separated by a blank line (`"\n\n"`) and listed in [`Extracted::blocks`] with
//! their kind, so the segmenter can mark headings and list items. Offsets in a report refer
//! to [`Extracted::text`]; for plain text that is the decoded file itself.
//!
//! HTML and PDF extraction use large crates and exist only in native builds
//! (`cfg(not(target_arch = "wasm32"))`); in wasm they return [`InputError::BrowserOnly`].
//!
//! Limits ([`Limits`], [`MAX_FILE_BYTES`], [`MAX_TOTAL_BYTES`], [`MAX_TEXT_BYTES`],
//! [`MAX_UNPACKED_BYTES`]) are checked here, except the total, which the caller checks with
//! [`Limits::check_total`] because it alone sees all files.
//!
//! Pure: no I/O; never panics and never hangs: third-party HTML and PDF parsers run on a
//! thread of their own; a panic becomes [`InputError::Damaged`], and a parser still running
//! after 60 seconds is abandoned with [`InputError::TooSlow`].

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::decode::{decode_planned, plan, Decoded, InputError, Plan, Warning};

/// Largest file accepted, in bytes (16 MiB): a saved page with inline images or a long PDF
/// fits; anything bigger is not an article.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Largest total of all files of one comparison, in bytes (64 MiB).
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Largest text extracted from one file, in UTF-8 bytes (8 MiB). A book against its
/// revision (issue 13): the 1M-word generated pair of `../shared/bench` is 6.3 MB of French
/// text per side, and 8 MiB leaves it room. Below [`MAX_FILE_BYTES`], so a plain text file
/// meets the text limit before the file limit only when it is text; four such documents fit
/// in [`MAX_TOTAL_BYTES`]. Measured at 1M words per side (BENCHMARKS.md, `cargo xtask
/// bench`): 13.5 s and 623 MB peak memory (max RSS) on the command line with JSON output.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Largest part unpacked from a .docx (64 MiB): a zip bomb stops here.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Size limits, in bytes. [`Limits::default`] gives the `MAX_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file, as stored.
    pub max_file_bytes: u64,
    /// Largest total of all files of one comparison (checked by [`Limits::check_total`]).
    pub max_total_bytes: u64,
    /// Largest extracted text of one file, in UTF-8 bytes.
    pub max_text_bytes: u64,
    /// Largest part unpacked from a compressed container (.docx).
    pub max_unpacked_bytes: u64,
}

impl Limits {
    /// The documented defaults.
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: MAX_FILE_BYTES,
        max_total_bytes: MAX_TOTAL_BYTES,
        max_text_bytes: MAX_TEXT_BYTES,
        max_unpacked_bytes: MAX_UNPACKED_BYTES,
    };

    /// Checks the sizes of all files of a comparison together.
    pub fn check_total(&self, sizes: impl IntoIterator<Item = u64>) -> Result<(), InputError> {
        let size = sizes.into_iter().fold(0u64, u64::saturating_add);
        if size > self.max_total_bytes {
            return Err(InputError::TotalTooLarge {
                size,
                limit: self.max_total_bytes,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The kind of file, as detected by [`detect_format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (CommonMark with tables).
    Markdown,
    /// An HTML page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// A PDF document.
    Pdf,
}

impl Format {
    /// Short lowercase name, as used in reports and the page: "text", "markdown", "html",
    /// "docx", "pdf".
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format of a short name ([`Format::as_str`]).
    pub fn from_name(name: &str) -> Option<Format> {
        [
            Format::Text,
            Format::Markdown,
            Format::Html,
            Format::Docx,
            Format::Pdf,
        ]
        .into_iter()
        .find(|f| f.as_str() == name)
    }

    /// Name for people, as in "this {label} file".
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Docx => "Word (.docx)",
            Format::Pdf => "PDF",
        }
    }
}

/// What a block of extracted text was in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A heading or title.
    Heading,
    /// A list item.
    Item,
    /// A paragraph, quotation, table row or code block.
    Paragraph,
}

/// A block of [`Extracted::text`]: `text[start..end]`, UTF-8 byte offsets on char boundaries,
/// no leading or trailing white space, never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Start, in UTF-8 bytes.
    pub start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub end: usize,
    /// What it was.
    pub kind: BlockKind,
}

/// The text of one file, ready to be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text; report offsets refer to it.
    pub text: String,
    /// The detected format.
    pub format: Format,
    /// The encoding the file was decoded with ("UTF-8", "windows-1252", ...; "binary" for
    /// .docx and PDF, whose text is not a byte encoding of the file).
    pub encoding: &'static str,
    /// Things the user should know.
    pub warnings: Vec<Warning>,
    /// The blocks of structured formats, in order; empty for plain text (the segmenter finds
    /// paragraphs itself).
    pub blocks: Vec<Block>,
}

/// Detects a file's format: binary signatures first (a PDF or zip is what its bytes say,
/// whatever its name), then the name's extension, then a look at the start of the text.
pub fn detect_format(bytes: &[u8], file_name: &str) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    let ext = extension(file_name);
    match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" | "mdwn" | "mdtxt" | "mdtext" => {
            return Format::Markdown
        }
        "html" | "htm" | "xhtml" | "xht" | "shtml" => return Format::Html,
        "docx" => return Format::Docx,
        "pdf" => return Format::Pdf,
        "txt" | "text" => return Format::Text,
        _ => {}
    }
    if looks_like_html(head) {
        Format::Html
    } else {
        Format::Text
    }
}

/// What [`triage`] found out about a file before extracting its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    /// The detected format.
    pub format: Format,
    /// How its bytes are decoded (text, Markdown and HTML; `None` for .docx and PDF).
    pub plan: Option<Plan>,
    /// Its decoded text, when [`crate::decode`] could decode it (text, Markdown, and HTML in
    /// UTF-8, UTF-16 or Windows-1252; an HTML page in another declared encoding is decoded by
    /// its reader: `encoding_rs` natively, `TextDecoder` in the page, by `plan.encoding`).
    pub decoded: Option<Decoded>,
}

/// The first half of reading a file: the per-file limit, emptiness, formats refused by
/// name (.doc, .mhtml, .svg), format detection, binary refusal by signature, and the
/// encoding decision (and the decoding, when it is one of [`crate::decode`]'s own).
pub fn triage(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Triage, InputError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(InputError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    let ext = extension(file_name);
    if matches!(
        ext.as_str(),
        "doc" | "rtf" | "odt" | "pages" | "wpd" | "epub"
    ) {
        // Say what to do rather than "binary data".
        return Err(InputError::OldFormat { ext });
    }
    if matches!(ext.as_str(), "mhtml" | "mht" | "webarchive") {
        return Err(InputError::WebArchive { ext });
    }
    if ext == "svg" || ext == "svgz" || looks_like_svg(bytes) {
        return Err(InputError::Binary { format: "svg" });
    }
    let format = detect_format(bytes, file_name);
    let hint = match format {
        Format::Docx | Format::Pdf => {
            return Ok(Triage {
                format,
                plan: None,
                decoded: None,
            })
        }
        Format::Html => html_declared_encoding(bytes),
        Format::Text | Format::Markdown => None,
    };
    let plan = plan(bytes, hint)?;
    let decoded = decode_planned(bytes, plan.clone()).transpose()?;
    Ok(Triage {
        format,
        plan: Some(plan),
        decoded,
    })
}

/// Reads one file with the default [`Limits`]: see [`extract`].
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Extracted, InputError> {
    extract(bytes, file_name, &Limits::DEFAULT)
}

/// Extracts the text of one file. `file_name` is used only to detect the format.
///
/// Errors carry a code and parameters; their `Display` is a sentence: show it as
/// `"{file_name}: {error}"`.
pub fn extract(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Extracted, InputError> {
    let triage = triage(file_name, bytes, limits)?;
    extract_triaged(bytes, triage, limits)
}

/// What the page gets from the core for a file: its text, or (HTML, PDF) what it needs to
/// extract the text itself before calling [`from_blocks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRead {
    /// Read: text, Markdown, .docx.
    Read(Extracted),
    /// HTML (Readability on DOMParser) or PDF (pdf.js): the page extracts the blocks.
    InPage(Triage),
}

/// Reads a file as far as the core does it for the page: everything but HTML and PDF, for
/// which it stops after [`triage`] (refusals, format, encoding decided).
pub fn read_for_page(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<PageRead, InputError> {
    let triage = triage(file_name, bytes, limits)?;
    match triage.format {
        Format::Html | Format::Pdf => Ok(PageRead::InPage(triage)),
        _ => extract_triaged(bytes, triage, limits).map(PageRead::Read),
    }
}

fn extract_triaged(bytes: &[u8], triage: Triage, limits: &Limits) -> Result<Extracted, InputError> {
    let format = triage.format;
    let out = match (format, triage.decoded) {
        (Format::Text, Some(d)) => Extracted {
            text: d.text,
            format,
            encoding: d.encoding,
            warnings: d.warnings,
            blocks: Vec::new(),
        },
        (Format::Markdown, Some(d)) => {
            let mut b = TextBuilder::default();
            markdown_into(&d.text, &mut b);
            b.finish(format, d.encoding, d.warnings)
        }
        (Format::Html, decoded) => html(bytes, decoded)?,
        (Format::Docx, _) => docx(bytes, limits)?,
        (Format::Pdf, _) => pdf(bytes)?,
        // Text and Markdown are always decoded by triage.
        (Format::Text | Format::Markdown, None) => return Err(InputError::Empty),
    };
    checked(out, limits)
}

/// Text blocks a reader outside the core extracted (the page's Readability article, pdf.js
/// paragraphs) → the text to compare, by the same rules as [`extract`]: white space
/// collapsed inside each block, empty blocks dropped, blocks separated by a blank line, then
/// emptiness and the text limit. `encoding` is what the file was decoded with ("binary" for
/// PDF), `warnings` those of the outside reader.
pub fn from_blocks<'a>(
    format: Format,
    encoding: &'static str,
    blocks: impl IntoIterator<Item = (&'a str, BlockKind)>,
    warnings: Vec<Warning>,
    limits: &Limits,
) -> Result<Extracted, InputError> {
    let mut b = TextBuilder::default();
    for (text, kind) in blocks {
        b.start(kind);
        b.push(text);
        b.flush();
    }
    checked(b.finish(format, encoding, warnings), limits)
}

/// Emptiness, the text limit and duplicate warnings: the last step of every reader.
fn checked(mut out: Extracted, limits: &Limits) -> Result<Extracted, InputError> {
    if out.text.trim().is_empty() {
        return Err(match out.format {
            Format::Text | Format::Markdown => InputError::Empty,
            format => InputError::NoText {
                format: format.as_str(),
            },
        });
    }
    let text_size = out.text.len() as u64;
    if text_size > limits.max_text_bytes {
        return Err(InputError::TextTooLarge {
            size: text_size,
            limit: limits.max_text_bytes,
        });
    }
    out.warnings.dedup();
    Ok(out)
}

/// The lowercase extension of a file name ("" when none).
fn extension(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn looks_like_html(head: &[u8]) -> bool {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut start = &lower[..];
    if start.starts_with(b"\xef\xbb\xbf") {
        start = &start[3..];
    }
    let trimmed_at = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len());
    let start = &start[trimmed_at..];
    start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || start.starts_with(b"<head")
        || start.starts_with(b"<body")
        || (start.starts_with(b"<?xml") && find(start, b"<html").is_some())
        || (start.starts_with(b"<!--") && find(start, b"<html").is_some())
}

/// An SVG image: `<svg` first, after an optional XML declaration, comments and a doctype.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes[..bytes.len().min(1024)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let Some(svg) = find(&head, b"<svg") else {
        return false;
    };
    let before = &head[..svg];
    let first_tag = before.iter().position(|&b| b == b'<');
    match first_tag {
        None => before.iter().all(|b| b.is_ascii_whitespace() || *b >= 0x80),
        Some(_) => {
            find(before, b"<html").is_none() && find(before, b"<body").is_none() && {
                // Only declarations, comments and a doctype before <svg.
                let mut rest = before;
                let mut ok = true;
                while let Some(p) = rest.iter().position(|&b| b == b'<') {
                    let tail = &rest[p..];
                    if !(tail.starts_with(b"<?") || tail.starts_with(b"<!")) {
                        ok = false;
                        break;
                    }
                    rest = &rest[p + 2..];
                }
                ok
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Building block-structured text.

/// Accumulates blocks into text separated by blank lines.
#[derive(Default)]
struct TextBuilder {
    text: String,
    blocks: Vec<Block>,
    current: String,
    kind: Option<BlockKind>,
}

impl TextBuilder {
    /// Appends inline text to the current block.
    fn push(&mut self, s: &str) {
        self.current.push_str(s);
    }

    /// Ends the current block (if it has any text) and starts one of `kind`.
    fn start(&mut self, kind: BlockKind) {
        self.flush();
        self.kind = Some(kind);
    }

    /// Ends the current block, if it has any text.
    fn flush(&mut self) {
        let kind = self.kind.unwrap_or(BlockKind::Paragraph);
        let raw = std::mem::take(&mut self.current);
        let cleaned = clean_block(&raw);
        if cleaned.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&cleaned);
        self.blocks.push(Block {
            start,
            end: self.text.len(),
            kind,
        });
    }

    fn finish(
        mut self,
        format: Format,
        encoding: &'static str,
        warnings: Vec<Warning>,
    ) -> Extracted {
        self.flush();
        Extracted {
            text: self.text,
            format,
            encoding,
            warnings,
            blocks: self.blocks,
        }
    }
}

/// Collapses white space inside each line of a block; keeps single line breaks (`<br>`),
/// drops empty lines. Control characters other than line breaks become spaces.
fn clean_block(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let mut line_out = String::new();
        for word in line
            .split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FEFF}')
            .filter(|w| !w.is_empty())
        {
            if !line_out.is_empty() {
                line_out.push(' ');
            }
            line_out.push_str(word);
        }
        if line_out.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line_out);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Markdown.

/// Appends the blocks of a Markdown text (also used for HTML articles, which dom_smoothie
/// gives as Markdown). Raw HTML, images and metadata blocks are dropped.
fn markdown_into(markdown: &str, b: &mut TextBuilder) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut items = 0usize; // depth of list items
    let mut skip = 0usize; // inside an image or metadata block
    let para_kind = |items: usize| {
        if items > 0 {
            BlockKind::Item
        } else {
            BlockKind::Paragraph
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } => b.start(BlockKind::Heading),
                Tag::Paragraph => {
                    // A paragraph inside a list item continues the item.
                    if !(items > 0 && b.current.trim().is_empty()) {
                        b.start(para_kind(items));
                    } else {
                        b.kind = Some(BlockKind::Item);
                    }
                }
                Tag::Item => {
                    items += 1;
                    b.start(BlockKind::Item);
                }
                Tag::BlockQuote(_) | Tag::TableHead | Tag::TableRow | Tag::List(_) => {
                    b.start(para_kind(items))
                }
                Tag::CodeBlock(_) => b.start(para_kind(items)),
                Tag::TableCell if !b.current.trim().is_empty() => b.push(" | "),
                Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::FootnoteDefinition(_) => skip += 1,
                Tag::HtmlBlock => b.start(para_kind(items)),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::List(_)
                | TagEnd::HtmlBlock => b.start(para_kind(items)),
                TagEnd::CodeBlock => b.start(para_kind(items)),
                TagEnd::Item => {
                    items = items.saturating_sub(1);
                    b.start(para_kind(items));
                }
                TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::FootnoteDefinition => {
                    skip = skip.saturating_sub(1)
                }
                _ => {}
            },
            // Code blocks keep their lines (clean_block keeps line breaks).
            Event::Text(t) if skip == 0 => b.push(&t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) if skip == 0 => {
                b.push(&t)
            }
            Event::SoftBreak if skip == 0 => b.push(" "),
            Event::HardBreak if skip == 0 => b.push("\n"),
            Event::Rule => b.start(para_kind(items)),
            // Raw HTML, footnote markers and task boxes are markup, not text.
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTML.

/// Finds `charset=...` in the first 1024 bytes (the HTML prescan, simplified); gives the
/// encoding's WHATWG name (only `encoding_rs`'s label table is used: no decoder).
fn html_declared_encoding(bytes: &[u8]) -> Option<&'static str> {
    let head: Vec<u8> = bytes[..bytes.len().min(1024)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < head.len() && head[i].is_ascii_whitespace() {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < head.len()
            && (head[i].is_ascii_whitespace() || head[i] == b'"' || head[i] == b'\'')
        {
            i += 1;
        }
        let end = head[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .map_or(head.len(), |p| i + p);
        if let Some(enc) = encoding_rs::Encoding::for_label(&head[i..end]) {
            // A page saved as UTF-16 declares it but cannot be read by the prescan anyway.
            return Some(enc.output_encoding().name());
        }
    }
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn html(bytes: &[u8], decoded: Option<Decoded>) -> Result<Extracted, InputError> {
    let decoded = match decoded {
        Some(d) => d,
        None => crate::decode::decode_with_hint(bytes, html_declared_encoding(bytes))?,
    };
    let mut warnings = decoded.warnings;
    let source = match flatten_deep(&decoded.text, MAX_HTML_DEPTH) {
        Cow::Borrowed(_) => decoded.text,
        Cow::Owned(flat) => flat,
    };
    let result = guarded::run(move || html_article(&source));
    let (title, markdown, from_readability) = match result {
        Ok(r) => r,
        Err(guarded::Stopped::TimedOut) => return Err(too_slow(Format::Html)),
        Err(guarded::Stopped::Panicked) => {
            return Err(InputError::Damaged {
                format: "html",
                reason: "parse",
                detail: String::new(),
            })
        }
    };
    if !from_readability {
        warnings.push(Warning::NoArticle);
    }
    let mut b = TextBuilder::default();
    let title = clean_block(&title);
    if !title.is_empty() {
        let first_line = markdown
            .lines()
            .map(|l| l.trim_start_matches('#').trim())
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if clean_block(first_line) != title {
            b.start(BlockKind::Heading);
            b.push(&title);
            b.flush();
        }
    }
    markdown_into(&markdown, &mut b);
    Ok(b.finish(Format::Html, decoded.encoding, warnings))
}

/// Deepest nesting of elements the HTML reader keeps: Chromium's HTML parser puts
/// elements deeper than 512 beside their parent instead of inside it
/// (`HTMLConstructionSite`'s `kMaximumHTMLParserDOMTreeDepth`), so the page's DOMParser
/// sees the same flattened tree. Readability's work grows with depth times elements: 50,000
/// nested `<div>` took more than 60 s (issue 13); at 512 it is a fraction of a second.
#[cfg(not(target_arch = "wasm32"))]
const MAX_HTML_DEPTH: usize = 512;

/// The HTML source with the tags of elements nested deeper than `max_depth` removed
/// (their content stays, one level up), as a browser flattens them; borrowed when nothing
/// is that deep. A linear scan of tags, not a parser: comments, declarations and the raw
/// text of `script`, `style` and the like are skipped, void elements, self-closing tags and
/// elements whose end tag may be left out (`p`, `li`, `td`...) do not count as nesting.
#[cfg(not(target_arch = "wasm32"))]
fn flatten_deep(source: &str, max_depth: usize) -> Cow<'_, str> {
    const NOT_NESTING: &[&str] = &[
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", // end tags that may be left out
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
        "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
    ];
    const RAW_TEXT: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ];
    let bytes = source.as_bytes();
    let find_from = |from: usize, needle: &[u8]| {
        find(&bytes[from.min(bytes.len())..], needle).map(|k| from + k)
    };
    let name_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(bytes.len(), |k| from + k)
    };
    // The end of a tag: the '>' outside quoted attribute values.
    let tag_end = |from: usize| {
        let mut quote = None;
        for (k, &b) in bytes[from..].iter().enumerate() {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => return from + k + 1,
                _ => {}
            }
        }
        bytes.len()
    };
    let mut depth = 0usize;
    let mut dropped: std::collections::HashMap<String, usize> = Default::default();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_from(i, b"<") {
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if bytes[lt..].starts_with(b"<!--") {
            i = find_from(lt + 4, b"-->").map_or(bytes.len(), |k| k + 3);
        } else if next == b'!' || next == b'?' {
            i = tag_end(lt + 1);
        } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name = source[lt + 2..name_end(lt + 2)].to_ascii_lowercase();
            let end = tag_end(lt + 2);
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    cut.push((lt, end));
                }
                _ if !NOT_NESTING.contains(&name.as_str()) => depth = depth.saturating_sub(1),
                _ => {}
            }
            i = end;
        } else if next.is_ascii_alphabetic() {
            let name = source[lt + 1..name_end(lt + 1)].to_ascii_lowercase();
            let end = tag_end(lt + 1);
            let self_closing = bytes[..end].ends_with(b"/>");
            i = end;
            if RAW_TEXT.contains(&name.as_str()) {
                // Its text runs to its own end tag, whatever it holds.
                let close = format!("</{name}");
                let lower = |k: usize| {
                    bytes[k..]
                        .iter()
                        .take(close.len())
                        .map(u8::to_ascii_lowercase)
                };
                i = (end..bytes.len())
                    .find(|&k| bytes[k] == b'<' && lower(k).eq(close.bytes()))
                    .unwrap_or(bytes.len());
            } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                if depth >= max_depth {
                    *dropped.entry(name).or_default() += 1;
                    cut.push((lt, end));
                } else {
                    depth += 1;
                }
            }
        } else {
            i = lt + 1;
        }
    }
    if cut.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (start, end) in cut {
        out.push_str(&source[at..start]);
        at = end;
    }
    out.push_str(&source[at..]);
    Cow::Owned(out)
}

/// Returns (title, article as Markdown, whether Readability found an article).
#[cfg(not(target_arch = "wasm32"))]
fn html_article(source: &str) -> (String, String, bool) {
    use dom_smoothie::{Config, Readability, TextMode};
    let config = Config {
        text_mode: TextMode::Markdown,
        // The file is local: do not look for other pages of the article.
        ..Config::default()
    };
    // Code, forms and embedded things are never article text; remove them before
    // Readability scores the page (a <textarea> or an inert <title> in the body would be).
    let doc = dom_query::Document::from(source);
    let title = doc.select("head title").text().to_string();
    doc.select(
        "script, style, noscript, template, iframe, frame, object, embed, applet, svg, math, \
         canvas, textarea, select, button, input, body title",
    )
    .remove();
    if let Ok(mut readability) = Readability::with_document(doc.clone(), None, Some(config)) {
        if let Ok(article) = readability.parse() {
            let text = article.text_content.to_string();
            if !text.trim().is_empty() {
                return (article.title, text, true);
            }
        }
    }
    // Not an article (a fragment, a list): all visible text but the page furniture.
    doc.select("nav, header, footer, aside, form, head")
        .remove();
    let md = doc.md(None).to_string();
    (title, md, false)
}

#[cfg(target_arch = "wasm32")]
fn html(_bytes: &[u8], _decoded: Option<Decoded>) -> Result<Extracted, InputError> {
    Err(InputError::BrowserOnly { format: "html" })
}

// ---------------------------------------------------------------------------------------
// PDF.

#[cfg(not(target_arch = "wasm32"))]
fn pdf(bytes: &[u8]) -> Result<Extracted, InputError> {
    // pdf-extract opens encrypted files with the empty user password; others fail below.
    let owned = bytes.to_vec();
    let result = guarded::run(move || {
        pdf_extract::extract_text_from_mem_by_pages(&owned).map_err(|e| e.to_string())
    });
    let pages = match result {
        Ok(Ok(pages)) => pages,
        Ok(Err(message)) => {
            let lower = message.to_ascii_lowercase();
            if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt")
            {
                return Err(InputError::Password { format: "pdf" });
            }
            return Err(InputError::Damaged {
                format: "pdf",
                reason: "parser",
                detail: message,
            });
        }
        Err(guarded::Stopped::TimedOut) => return Err(too_slow(Format::Pdf)),
        Err(guarded::Stopped::Panicked) => {
            return Err(InputError::Damaged {
                format: "pdf",
                reason: "structure",
                detail: String::new(),
            })
        }
    };
    let mut b = TextBuilder::default();
    for page in &pages {
        pdf_page_into(page, &mut b);
    }
    Ok(b.finish(Format::Pdf, "binary", Vec::new()))
}

/// A page of PDF text: paragraphs are separated by blank lines; the lines of a paragraph
/// are joined, and a word hyphenated at the end of a line is rejoined.
#[cfg(not(target_arch = "wasm32"))]
fn pdf_page_into(page: &str, b: &mut TextBuilder) {
    let mut paragraph = String::new();
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    for line in lines {
        if line.is_empty() {
            b.start(BlockKind::Paragraph);
            b.push(&paragraph);
            b.flush();
            paragraph.clear();
            continue;
        }
        if paragraph.is_empty() {
            paragraph.push_str(line);
        } else if paragraph.ends_with('-')
            && paragraph[..paragraph.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
            && line.chars().next().is_some_and(char::is_lowercase)
        {
            paragraph.pop();
            paragraph.push_str(line);
        } else {
            paragraph.push(' ');
            paragraph.push_str(line);
        }
    }
    b.start(BlockKind::Paragraph);
    b.push(&paragraph);
    b.flush();
}

#[cfg(target_arch = "wasm32")]
fn pdf(_bytes: &[u8]) -> Result<Extracted, InputError> {
    Err(InputError::BrowserOnly { format: "pdf" })
}

/// Runs third-party parsers on a thread of their own, with a large stack (deeply nested
/// input), their panics caught and silenced, and a time limit (a crafted file can make a
/// parser loop).
#[cfg(not(target_arch = "wasm32"))]
mod guarded {
    use std::sync::{mpsc, Once};
    use std::time::Duration;

    const THREAD_NAME: &str = "recoupe-extract";
    const STACK_BYTES: usize = 256 * 1024 * 1024;
    /// How long a parser may take on one file (the page gives pdf.js the same).
    pub(super) const TIME_LIMIT: Duration = Duration::from_secs(60);

    /// Why a guarded parser gave no result.
    #[derive(Debug, PartialEq, Eq)]
    pub(super) enum Stopped {
        /// It panicked (or no thread could be started).
        Panicked,
        /// It was still running at the time limit. The thread cannot be killed: it is left
        /// to finish in the background (the command line exits soon after anyway).
        TimedOut,
    }

    /// Runs `f` within [`TIME_LIMIT`].
    pub(super) fn run<T: Send + 'static>(
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Stopped> {
        run_within(TIME_LIMIT, f)
    }

    pub(super) fn run_within<T: Send + 'static>(
        limit: Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Stopped> {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if std::thread::current().name() != Some(THREAD_NAME) {
                    previous(info);
                }
            }));
        });
        let (send, receive) = mpsc::channel();
        std::thread::Builder::new()
            .name(THREAD_NAME.to_string())
            .stack_size(STACK_BYTES)
            .spawn(move || {
                // The receiver may be gone after a time-out: nothing to tell then.
                let _ = send.send(f());
            })
            .map_err(|_| Stopped::Panicked)?;
        match receive.recv_timeout(limit) {
            Ok(result) => Ok(result),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(Stopped::TimedOut),
            // The sender was dropped without a result: the parser panicked.
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(Stopped::Panicked),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_parser_that_runs_on_is_stopped_at_the_limit() {
            let slow = || std::thread::sleep(Duration::from_secs(5));
            assert_eq!(
                run_within(Duration::from_millis(50), slow),
                Err(Stopped::TimedOut)
            );
        }

        #[test]
        fn a_parser_that_panics_gives_no_result() {
            let broken = || -> u8 { panic!("a damaged file") };
            assert_eq!(run_within(TIME_LIMIT, broken), Err(Stopped::Panicked));
            assert_eq!(run_within(TIME_LIMIT, || 7), Ok(7));
        }
    }
}

/// The refusal of a file whose parser ran out of time.
#[cfg(not(target_arch = "wasm32"))]
fn too_slow(format: Format) -> InputError {
    InputError::TooSlow {
        format: format.as_str(),
        seconds: guarded::TIME_LIMIT.as_secs(),
    }
}

// ---------------------------------------------------------------------------------------
// Word (.docx): a small zip reader and a walk over word/document.xml.

/// The entries of a zip file, read from its central directory.
struct ZipEntry<'a> {
    name: Cow<'a, str>,
    method: u16,
    compressed: u64,
    uncompressed: u64,
    local_offset: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn zip_entries(bytes: &[u8]) -> Result<Vec<ZipEntry<'_>>, &'static str> {
    // End of central directory: 22 bytes + comment of at most 65535 bytes.
    let search_from = bytes.len().saturating_sub(22 + 65535);
    let eocd = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or("no-directory")?;
    let count = u16_at(bytes, eocd + 10).ok_or("no-directory")? as usize;
    let cd_offset = u32_at(bytes, eocd + 16).ok_or("no-directory")? as usize;
    let mut entries = Vec::with_capacity(count.min(4096));
    let mut at = cd_offset;
    for _ in 0..count {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err("bad-entry");
        }
        let bad = || "bad-entry";
        let method = u16_at(bytes, at + 10).ok_or_else(bad)?;
        let compressed = u32_at(bytes, at + 20).ok_or_else(bad)? as u64;
        let uncompressed = u32_at(bytes, at + 24).ok_or_else(bad)? as u64;
        let name_len = u16_at(bytes, at + 28).ok_or_else(bad)? as usize;
        let extra_len = u16_at(bytes, at + 30).ok_or_else(bad)? as usize;
        let comment_len = u16_at(bytes, at + 32).ok_or_else(bad)? as usize;
        let local_offset = u32_at(bytes, at + 42).ok_or_else(bad)? as u64;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(bad)?;
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(name),
            method,
            compressed,
            uncompressed,
            local_offset,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(entries)
}

fn zip_read(bytes: &[u8], entry: &ZipEntry<'_>, limit: u64) -> Result<Vec<u8>, InputError> {
    let bad = |reason: &'static str| damaged_docx(reason);
    if entry.uncompressed > limit {
        return Err(InputError::UnpackedTooLarge { limit });
    }
    let at = usize::try_from(entry.local_offset).map_err(|_| bad("bad-entry"))?;
    if bytes.get(at..at + 4) != Some(b"PK\x03\x04") {
        return Err(bad("bad-entry"));
    }
    let name_len = u16_at(bytes, at + 26).ok_or_else(|| bad("bad-entry"))? as usize;
    let extra_len = u16_at(bytes, at + 28).ok_or_else(|| bad("bad-entry"))? as usize;
    let start = at + 30 + name_len + extra_len;
    let len = usize::try_from(entry.compressed).map_err(|_| bad("bad-entry"))?;
    let data = bytes
        .get(start..start.saturating_add(len))
        .ok_or_else(|| bad("cut-short"))?;
    match entry.method {
        0 => Ok(data.to_vec()),
        8 => {
            let max = usize::try_from(limit).unwrap_or(usize::MAX);
            miniz_oxide::inflate::decompress_to_vec_with_limit(data, max).map_err(|e| {
                if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                    InputError::UnpackedTooLarge { limit }
                } else {
                    bad("inflate")
                }
            })
        }
        _ => Err(bad("compression")),
    }
}

fn docx(bytes: &[u8], limits: &Limits) -> Result<Extracted, InputError> {
    let entries = zip_entries(bytes).map_err(damaged_docx)?;
    let find_entry = |name: &str| entries.iter().find(|e| e.name == name);
    let Some(document) = find_entry("word/document.xml") else {
        let kind = if find_entry("xl/workbook.xml").is_some() {
            "xlsx"
        } else if find_entry("ppt/presentation.xml").is_some() {
            "pptx"
        } else if find_entry("content.xml").is_some() && find_entry("mimetype").is_some() {
            "odf"
        } else if entries.iter().any(|e| e.name.ends_with("document.xml")) {
            "docx-layout"
        } else {
            "zip"
        };
        return Err(InputError::NotDocx { kind });
    };
    let xml = zip_read(bytes, document, limits.max_unpacked_bytes)?;
    let heading_styles = match find_entry("word/styles.xml") {
        Some(styles) => zip_read(bytes, styles, limits.max_unpacked_bytes)
            .map(|xml| docx_heading_styles(&xml))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    docx_document(&xml, &heading_styles).map_err(|_| damaged_docx("xml"))
}

fn damaged_docx(reason: &'static str) -> InputError {
    InputError::Damaged {
        format: "docx",
        reason,
        detail: String::new(),
    }
}

/// The style ids of word/styles.xml whose name is "heading N", "Title" or "Subtitle", or
/// which set an outline level.
fn docx_heading_styles(xml: &[u8]) -> Vec<String> {
    use quick_xml::events::Event as X;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut buf = Vec::new();
    // A damaged styles part only loses heading detection.
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            X::Eof => break,
            X::Start(e) | X::Empty(e) => match e.local_name().as_ref() {
                b"style" => current = attr(&e, b"styleId"),
                b"name" => {
                    if let (Some(id), Some(name)) = (&current, attr(&e, b"val")) {
                        let name = name.to_ascii_lowercase();
                        if name.starts_with("heading") || name == "title" || name == "subtitle" {
                            out.push(id.clone());
                        }
                    }
                }
                b"outlineLvl" => {
                    if let Some(id) = &current {
                        out.push(id.clone());
                    }
                }
                _ => {}
            },
            X::End(e) if e.local_name().as_ref() == b"style" => current = None,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attr(e: &quick_xml::events::BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Elements that mark a paragraph's kind (style, outline level, numbering) or stand for a
/// character (tab, break), whether written `<x/>` or `<x>...</x>`.
fn docx_marker(
    e: &quick_xml::events::BytesStart<'_>,
    b: &mut TextBuilder,
    kind: &mut BlockKind,
    heading_styles: &[String],
    deleted: usize,
    depth_p: usize,
) {
    match e.local_name().as_ref() {
        b"pStyle" => {
            if let Some(style) = attr(e, b"val") {
                if heading_styles.contains(&style)
                    || style.to_ascii_lowercase().starts_with("heading")
                    || style == "Title"
                {
                    *kind = BlockKind::Heading;
                    b.kind = Some(*kind);
                }
            }
        }
        b"outlineLvl" => {
            *kind = BlockKind::Heading;
            b.kind = Some(*kind);
        }
        b"numPr" if *kind != BlockKind::Heading => {
            *kind = BlockKind::Item;
            b.kind = Some(*kind);
        }
        b"tab" | b"ptab" if deleted == 0 && depth_p > 0 => b.push(" "),
        b"br" | b"cr" if deleted == 0 && depth_p > 0 => b.push("\n"),
        b"noBreakHyphen" if deleted == 0 => b.push("-"),
        _ => {}
    }
}

fn docx_document(xml: &[u8], heading_styles: &[String]) -> Result<Extracted, String> {
    use quick_xml::events::Event as X;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut b = TextBuilder::default();
    let mut buf = Vec::new();
    let mut in_text = false; // inside <w:t>
    let mut deleted = 0usize; // inside <w:del> (tracked deletion)
    let mut kind = BlockKind::Paragraph;
    let mut depth_p = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("its XML is not well-formed ({e})"))?;
        match event {
            X::Eof => break,
            X::Start(e) => match e.local_name().as_ref() {
                b"p" => {
                    depth_p += 1;
                    kind = BlockKind::Paragraph;
                    b.start(kind);
                }
                b"t" => in_text = true,
                b"del" | b"moveFrom" => deleted += 1,
                _ => docx_marker(&e, &mut b, &mut kind, heading_styles, deleted, depth_p),
            },
            X::Empty(e) => match e.local_name().as_ref() {
                // An empty paragraph ends the current one.
                b"p" => b.flush(),
                _ => docx_marker(&e, &mut b, &mut kind, heading_styles, deleted, depth_p),
            },
            X::End(e) => match e.local_name().as_ref() {
                b"p" => {
                    depth_p = depth_p.saturating_sub(1);
                    b.flush();
                }
                b"t" => in_text = false,
                b"del" | b"moveFrom" => deleted = deleted.saturating_sub(1),
                _ => {}
            },
            X::Text(t) if in_text && deleted == 0 => {
                if let Ok(s) = t.decode() {
                    b.push(&s);
                }
            }
            X::CData(t) if in_text && deleted == 0 => {
                if let Ok(s) = t.decode() {
                    b.push(&s);
                }
            }
            X::GeneralRef(r) if in_text && deleted == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    b.push(c.encode_utf8(&mut [0; 4]));
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        b.push(s);
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(b.finish(Format::Docx, "binary", Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(bytes: &[u8], name: &str) -> Result<Extracted, InputError> {
        extract(bytes, name, &Limits::default())
    }

    fn block_texts(e: &Extracted) -> Vec<(&str, BlockKind)> {
        e.blocks
            .iter()
            .map(|b| (&e.text[b.start..b.end], b.kind))
            .collect()
    }

    #[test]
    fn formats_are_detected_by_signature_then_name_then_content() {
        assert_eq!(detect_format(b"%PDF-1.4", "a.txt"), Format::Pdf);
        assert_eq!(detect_format(b"PK\x03\x04", "a.txt"), Format::Docx);
        assert_eq!(detect_format(b"# T", "a.MD"), Format::Markdown);
        assert_eq!(detect_format(b"<p>x", "a.htm"), Format::Html);
        assert_eq!(
            detect_format(b"  <!DOCTYPE html><p>x", "page"),
            Format::Html
        );
        assert_eq!(detect_format(b"<!DOCTYPE html>", "notes.txt"), Format::Text);
        assert_eq!(detect_format(b"plain", "noext"), Format::Text);
    }

    #[test]
    fn plain_text_is_the_decoded_file() {
        let e = ex(b"Un.\r\nDeux.\r\n", "a.txt").unwrap();
        assert_eq!(e.text, "Un.\r\nDeux.\r\n");
        assert!(e.blocks.is_empty());
    }

    #[test]
    fn markdown_headings_and_items_are_blocks_without_markup() {
        let md = "---\ntitle: x\n---\n# The **Council** met\n\nIt said:\n\n- one *item*\n- two [link](http://x)\n\n![alt](img.png) text <b>bold</b>\n";
        let e = ex(md.as_bytes(), "a.md").unwrap();
        assert_eq!(
            block_texts(&e),
            vec![
                ("The Council met", BlockKind::Heading),
                ("It said:", BlockKind::Paragraph),
                ("one item", BlockKind::Item),
                ("two link", BlockKind::Item),
                ("text bold", BlockKind::Paragraph),
            ]
        );
        assert_eq!(
            e.text,
            "The Council met\n\nIt said:\n\none item\n\ntwo link\n\ntext bold"
        );
    }

    #[test]
    fn blocks_are_in_range_and_trimmed() {
        let e = ex("# a\n\n  b  c \n\n* d".as_bytes(), "x.md").unwrap();
        for b in &e.blocks {
            let s = &e.text[b.start..b.end];
            assert_eq!(s, s.trim());
            assert!(!s.is_empty());
        }
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(ex(b"  \n", "a.txt"), Err(InputError::Empty));
        let limits = Limits {
            max_file_bytes: 4,
            ..Limits::default()
        };
        let err = extract(b"hello", "a.txt", &limits).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is 5 bytes, more than the limit of 4 bytes per file"
        );
        assert!(Limits::default().check_total([MAX_TOTAL_BYTES, 1]).is_err());
    }

    #[test]
    fn svg_images_are_refused_but_html_with_svg_is_not() {
        let svg = b"<?xml version=\"1.0\"?><!-- x --><svg xmlns=\"http://www.w3.org/2000/svg\"><text>t</text></svg>";
        assert!(matches!(ex(svg, "a.svg"), Err(InputError::Binary { .. })));
        assert!(matches!(ex(svg, "a.txt"), Err(InputError::Binary { .. })));
        assert!(ex(
            b"<html><body><p>Text.</p><svg></svg></body></html>",
            "a.html"
        )
        .is_ok());
        assert!(ex(b"We drew an <svg> element.", "a.txt").is_ok());
    }

    #[test]
    fn old_formats_get_advice() {
        let err = ex(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "old.doc").unwrap_err();
        assert!(err.to_string().contains("save it as .docx"), "{err}");
    }

    #[test]
    fn html_charset_is_found() {
        assert_eq!(
            html_declared_encoding(b"<meta charset=\"ISO-8859-1\">"),
            Some("windows-1252")
        );
        assert_eq!(
            html_declared_encoding(
                b"<meta http-equiv=content-type content='text/html; charset=shift_jis'>"
            ),
            Some("Shift_JIS")
        );
        assert_eq!(html_declared_encoding(b"<p>charset</p>"), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn html_article_is_extracted_without_page_furniture_or_scripts() {
        let page = r#"<!doctype html><html><head><title>Council meets | Daily</title>
<script>window.__pwned = 1</script><style>p{}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article><h1>Council meets</h1>
<p>The EU-Canada Digital Partnership Council met in Brussels on 8 December 2025, its ministers said in a statement that covered artificial intelligence, quantum, and secure connectivity.</p>
<h2>Artificial intelligence</h2>
<p>Both sides agreed to deepen cooperation on trustworthy artificial intelligence, including on safety institutes, standards and the measurement of frontier models over the next year.</p>
<ul><li>First commitment on semiconductors and supply chains.</li><li>Second commitment on submarine cables and connectivity.</li></ul>
<p onclick="alert(1)">The next meeting will take place in Canada in 2026, the ministers said, after a review of the progress made on the partnership's working groups.</p>
</article>
<footer>© Daily. Leave a Comment. Subscribe.</footer></body></html>"#;
        let e = ex(page.as_bytes(), "page.html").unwrap();
        assert_eq!(e.format, Format::Html);
        assert!(
            e.text.contains("met in Brussels on 8 December 2025"),
            "{}",
            e.text
        );
        assert!(!e.text.contains("__pwned"), "{}", e.text);
        assert!(!e.text.contains("Leave a Comment"), "{}", e.text);
        assert!(!e.text.contains("cookies"), "{}", e.text);
        let blocks = block_texts(&e);
        assert!(
            blocks.contains(&("Artificial intelligence", BlockKind::Heading)),
            "{blocks:?}"
        );
        assert!(
            blocks.contains(&(
                "First commitment on semiconductors and supply chains.",
                BlockKind::Item
            )),
            "{blocks:?}"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn deeply_nested_html_is_flattened_as_a_browser_does() {
        // 50,000 nested <div> (550 KB): more than 60 s in Readability before (issue 13).
        let n = 50_000;
        let page = format!(
            "<!doctype html><html><body>{}<p>Le Conseil a siégé à Montréal.</p>{}</body></html>",
            "<div class=\"x\">".repeat(n),
            "</div>".repeat(n)
        );
        let flat = flatten_deep(&page, MAX_HTML_DEPTH);
        assert_eq!(flat.matches("<div").count(), MAX_HTML_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_HTML_DEPTH);
        let e = ex(page.as_bytes(), "deep.html").unwrap();
        assert!(
            e.text.contains("Le Conseil a siégé à Montréal."),
            "{}",
            e.text
        );
    }

    #[test]
    fn flattening_leaves_ordinary_pages_and_raw_text_alone() {
        let page = "<html><body><ul><li>a<li>b</ul><p>x<p>y<br><img src='a>b'>\
                    <script>if (a<b) { x = '<div>'; }</script><!-- <div> --></body></html>";
        assert!(matches!(flatten_deep(page, 2), Cow::Borrowed(_)));
        let deep = "<div><section><div><b>t</b></div></section></div><script><div></script>";
        assert_eq!(
            flatten_deep(deep, 2),
            "<div><section>t</section></div><script><div></script>"
        );
    }

    #[test]
    fn damaged_pdf_is_refused_without_panicking() {
        let err = ex(
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer\n",
            "x.pdf",
        )
        .unwrap_err();
        assert!(
            matches!(err, InputError::Damaged { .. } | InputError::NoText { .. }),
            "{err:?}"
        );
    }

    #[test]
    fn blocks_from_the_page_are_cleaned_joined_and_limited() {
        let blocks = [
            ("  Le  Conseil\u{a0}a siégé.  ", BlockKind::Heading),
            (" \n\t ", BlockKind::Paragraph),
            ("Deux\r\n  lignes", BlockKind::Paragraph),
        ];
        let e = from_blocks(Format::Html, "UTF-8", blocks, vec![], &Limits::default()).unwrap();
        assert_eq!(e.text, "Le Conseil a siégé.\n\nDeux\nlignes");
        assert_eq!(
            block_texts(&e),
            vec![
                ("Le Conseil a siégé.", BlockKind::Heading),
                ("Deux\nlignes", BlockKind::Paragraph)
            ]
        );
        let none = from_blocks(
            Format::Pdf,
            "binary",
            [(" ", BlockKind::Paragraph)],
            vec![],
            &Limits::default(),
        );
        assert_eq!(none, Err(InputError::NoText { format: "pdf" }));
        let small = Limits {
            max_text_bytes: 3,
            ..Limits::default()
        };
        let big = from_blocks(
            Format::Html,
            "UTF-8",
            [("abcd", BlockKind::Paragraph)],
            vec![],
            &small,
        );
        assert_eq!(big, Err(InputError::TextTooLarge { size: 4, limit: 3 }));
    }

    #[test]
    fn the_page_extracts_html_and_pdf_after_triage() {
        let html = read_for_page("a.html", b"<p>caf\xE9</p>", &Limits::default()).unwrap();
        let PageRead::InPage(t) = html else {
            panic!("HTML is extracted by the page")
        };
        assert_eq!(t.format, Format::Html);
        assert_eq!(t.plan.map(|p| p.encoding), Some("windows-1252"));
        assert!(matches!(
            read_for_page("a.md", b"# T", &Limits::default()),
            Ok(PageRead::Read(_))
        ));
        assert_eq!(
            read_for_page("a.pdf", b"%PDF-1.4", &Limits::default())
                .map(|r| matches!(r, PageRead::InPage(_))),
            Ok(true)
        );
    }

    #[test]
    fn zip_without_word_document_is_named() {
        // An empty zip: only an end-of-central-directory record.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        let err = ex(&zip, "a.zip").unwrap_err();
        assert!(
            err.to_string().starts_with("a ZIP archive cannot be read"),
            "{err}"
        );
    }
}
