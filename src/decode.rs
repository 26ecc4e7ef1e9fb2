//! Bytes → text: the one place that guesses how a file's bytes encode its characters.
//!
//! [`decode`] takes the raw bytes of a plain-text file and returns its text, or an
//! [`InputError`]: a stable code and parameters (the page words them, `www/i18n.js`), whose
//! `Display` is the command line's sentence (prefix it with the file name). [`plan`] is the
//! decision alone (which encoding, how long a byte-order mark), so that an encoding this
//! module does not decode itself (one an HTML page declares) is still decided here; its own
//! decoders cover UTF-8, UTF-16 and Windows-1252, so the wasm carries no encoding tables.
//!
//! What is recognised, in this order:
//!
//! 1. a byte-order mark: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`), UTF-16BE (`FE FF`); the mark
//!    is removed;
//! 2. the signature of a well-known binary format (images, archives, executables, PDF, old
//!    Office files, ...): refused, naming the format;
//! 3. UTF-16 without a mark, when every other byte is NUL (an ASCII-heavy UTF-16 export);
//! 4. any other NUL byte: refused as binary;
//! 5. valid UTF-8;
//! 6. an encoding the caller read from the file itself (an HTML `<meta charset>`), if any;
//! 7. mostly-UTF-8 bytes with a few broken sequences: UTF-8, with the broken bytes replaced
//!    by U+FFFD and a warning;
//! 8. anything else: Windows-1252 (the superset of Latin-1 that browsers use for
//!    `latin1`/`iso-8859-1`), with a warning.
//!
//! Line endings are **not** touched: CRLF, CR and LF all stay as they are in the file,
//! because report offsets (UTF-8 bytes) refer to the decoded text and the user must be able
//! to find a passage in their own file. The segmenter treats `\r\n`, `\r` and `\n` alike.
//! The only differences between the file and the decoded text are therefore the removed
//! byte-order mark and the transcoding to UTF-8.
//!
//! Pure: no I/O, never panics (the fuzz target `fuzz/fuzz_targets/pipeline.rs` checks it).

use std::fmt;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark, line endings as in the file.
    pub text: String,
    /// The encoding that was used, by its WHATWG name ("UTF-8", "UTF-16LE", "windows-1252", ...).
    pub encoding: &'static str,
    /// Things the user should know (a guessed encoding, replaced bytes).
    pub warnings: Vec<Warning>,
}

/// A parameter of an [`InputError`] or a [`Warning`]: a number (sizes are in bytes) or a
/// short identifier (`png`, `docx`, `cut-short`; free text only for a third-party parser's
/// own message, `detail`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// A count, a position or a size in bytes.
    Num(u64),
    /// An identifier (or, for `detail`, a parser's own words).
    Str(String),
}

/// Why a file cannot be used. Every case has a stable [`code`](InputError::code) and
/// [`params`](InputError::params): the page words them from its own tables
/// (`www/i18n.js`, `error.<code>`); `Display` is the command line's English sentence, without
/// the file name (show it as `"{name}: {error}"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// `too-large`: the file is bigger than the per-file limit.
    TooLarge {
        /// Size of the file, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// `total-too-large`: all files together are bigger than the total limit.
    TotalTooLarge {
        /// Size of all files together, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// `text-too-large`: the extracted text is bigger than the per-document text limit.
    TextTooLarge {
        /// Size of the extracted text, in UTF-8 bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// `unpacked-too-large`: a part of a .docx unpacks to more than the limit (a zip bomb?).
    UnpackedTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// `binary`: a known binary format, by its signature (or an SVG image).
    Binary {
        /// Its id: see [`binary_signature`] (`png`, `pdf`, `zip`, ..., `svg`).
        format: &'static str,
    },
    /// `nul-byte`: a NUL byte in a file that is not UTF-16.
    NulByte {
        /// Its position, in bytes from the start of the file.
        at: u64,
    },
    /// `nul-char`: a U+0000 character in the decoded text.
    NulChar {
        /// Its position, in UTF-8 bytes of the text.
        at: u64,
    },
    /// `control-chars`: more than 1 character in 100 is a control character.
    ControlChars {
        /// How many control characters.
        count: u64,
        /// How many characters in all.
        total: u64,
    },
    /// `empty`: the file is empty or holds only white space.
    Empty,
    /// `no-text`: a document of a known format with no text in it (e.g. a scanned PDF).
    NoText {
        /// `html`, `docx` or `pdf` ([`crate::extract::Format::as_str`]).
        format: &'static str,
    },
    /// `damaged`: a file of a known format that cannot be parsed.
    Damaged {
        /// `html`, `docx` or `pdf`.
        format: &'static str,
        /// What went wrong: `no-directory`, `bad-entry`, `cut-short`, `compression`,
        /// `inflate`, `xml` (.docx), `parse` (HTML), `structure` or `parser` (PDF).
        reason: &'static str,
        /// The parser's own words, when `reason` is `parser` (command line only); else empty.
        detail: String,
    },
    /// `old-format`: a word-processor format recoupe does not read (.doc, .rtf, .odt, ...).
    OldFormat {
        /// The extension, lowercase, without the dot.
        ext: String,
    },
    /// `web-archive`: a saved web archive (.mhtml, .webarchive).
    WebArchive {
        /// The extension, lowercase, without the dot.
        ext: String,
    },
    /// `not-docx`: a zip that is not a Word document.
    NotDocx {
        /// `xlsx`, `pptx`, `odf`, `docx-layout` (a Word document of an unusual layout), `zip`.
        kind: &'static str,
    },
    /// `password`: a password-protected document.
    Password {
        /// `pdf`.
        format: &'static str,
    },
    /// `too-slow`: a third-party parser ran out of time.
    TooSlow {
        /// `html` or `pdf`.
        format: &'static str,
        /// The time limit, in seconds.
        seconds: u64,
    },
    /// `browser-only`: this build reads the format only in the page (HTML and PDF in wasm).
    BrowserOnly {
        /// `html` or `pdf`.
        format: &'static str,
    },
}

const READS: &str = "recoupe reads .txt, .md, .html, .docx and .pdf files";

impl InputError {
    /// The stable code: `too-large`, `binary`, `empty`, ... (see each variant).
    pub fn code(&self) -> &'static str {
        match self {
            InputError::TooLarge { .. } => "too-large",
            InputError::TotalTooLarge { .. } => "total-too-large",
            InputError::TextTooLarge { .. } => "text-too-large",
            InputError::UnpackedTooLarge { .. } => "unpacked-too-large",
            InputError::Binary { .. } => "binary",
            InputError::NulByte { .. } => "nul-byte",
            InputError::NulChar { .. } => "nul-char",
            InputError::ControlChars { .. } => "control-chars",
            InputError::Empty => "empty",
            InputError::NoText { .. } => "no-text",
            InputError::Damaged { .. } => "damaged",
            InputError::OldFormat { .. } => "old-format",
            InputError::WebArchive { .. } => "web-archive",
            InputError::NotDocx { .. } => "not-docx",
            InputError::Password { .. } => "password",
            InputError::TooSlow { .. } => "too-slow",
            InputError::BrowserOnly { .. } => "browser-only",
        }
    }

    /// The parameters, by name, in a fixed order.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        let n = Param::Num;
        let s = |v: &str| Param::Str(v.to_string());
        match self {
            InputError::TooLarge { size, limit }
            | InputError::TotalTooLarge { size, limit }
            | InputError::TextTooLarge { size, limit } => {
                vec![("size", n(*size)), ("limit", n(*limit))]
            }
            InputError::UnpackedTooLarge { limit } => vec![("limit", n(*limit))],
            InputError::Binary { format }
            | InputError::NoText { format }
            | InputError::Password { format }
            | InputError::BrowserOnly { format } => vec![("format", s(format))],
            InputError::NulByte { at } | InputError::NulChar { at } => vec![("at", n(*at))],
            InputError::ControlChars { count, total } => {
                vec![("count", n(*count)), ("total", n(*total))]
            }
            InputError::Empty => Vec::new(),
            InputError::Damaged {
                format,
                reason,
                detail,
            } => {
                let mut p = vec![("format", s(format)), ("reason", s(reason))];
                if !detail.is_empty() {
                    p.push(("detail", s(detail)));
                }
                p
            }
            InputError::OldFormat { ext } | InputError::WebArchive { ext } => {
                vec![("ext", s(ext))]
            }
            InputError::NotDocx { kind } => vec![("kind", s(kind))],
            InputError::TooSlow { format, seconds } => {
                vec![("format", s(format)), ("seconds", n(*seconds))]
            }
        }
    }
}

/// A format's name for people, as in "this {label} file".
fn format_label(format: &str) -> &str {
    match format {
        "html" => "HTML",
        "docx" => "Word (.docx)",
        "pdf" => "PDF",
        "markdown" => "Markdown",
        other => other,
    }
}

/// What a binary signature id is, for people ("a PNG image").
pub fn binary_label(format: &str) -> &'static str {
    SIGNATURES
        .iter()
        .map(|(_, id, what)| (*id, *what))
        .chain(OTHER_BINARIES.iter().copied())
        .find(|(id, _)| *id == format)
        .map_or("a binary file", |(_, what)| what)
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::TooLarge { size, limit } => write!(
                f,
                "the file is {}, more than the limit of {} per file",
                human_size(*size),
                human_size(*limit)
            ),
            InputError::TotalTooLarge { size, limit } => write!(
                f,
                "the files together are {}, more than the limit of {} in total",
                human_size(*size),
                human_size(*limit)
            ),
            InputError::TextTooLarge { size, limit } => write!(
                f,
                "its text is {}, more than the limit of {} of text per document",
                human_size(*size),
                human_size(*limit)
            ),
            InputError::UnpackedTooLarge { limit } => write!(
                f,
                "a part of this file unpacks to more than the limit of {}",
                human_size(*limit)
            ),
            InputError::Binary { format } => {
                write!(f, "this is {}, not text; {READS}", binary_label(format))
            }
            InputError::NulByte { at } => write!(
                f,
                "this is binary data (a NUL byte at byte {at}), not text; {READS}"
            ),
            InputError::NulChar { at } => write!(
                f,
                "this is binary data (a NUL character at byte {at} of the text), not text; {READS}"
            ),
            InputError::ControlChars { count, total } => write!(
                f,
                "this is binary data ({count} control characters in {total}), not text; {READS}"
            ),
            InputError::Empty => write!(f, "the file is empty"),
            InputError::NoText { format } => {
                write!(f, "no text was found in this {} file", format_label(format))?;
                match *format {
                    "html" => write!(f, " (the page has no article text)"),
                    "pdf" => write!(
                        f,
                        " (it may be a scanned image; recoupe does not read text in images)"
                    ),
                    _ => Ok(()),
                }
            }
            InputError::Damaged {
                format,
                reason,
                detail,
            } => {
                let why = match *reason {
                    "no-directory" => "the zip directory is missing (the file is cut short?)",
                    "bad-entry" => "a zip entry is damaged",
                    "cut-short" => "the file is cut short",
                    "compression" => "it uses a compression method recoupe does not know",
                    "inflate" => "a compressed part is damaged",
                    "xml" => "its XML is not well-formed",
                    "parse" => "the page could not be parsed",
                    "structure" => "its structure could not be read",
                    _ => detail.as_str(),
                };
                write!(
                    f,
                    "this {} file is damaged or is not what its name says: {why}",
                    format_label(format)
                )
            }
            InputError::OldFormat { ext } => write!(
                f,
                "a .{ext} document cannot be read; save it as .docx, .pdf or .txt and add it again"
            ),
            InputError::WebArchive { ext } => write!(
                f,
                "a .{ext} web archive cannot be read; save the page as \"Web page, HTML only\" (.html) and add that"
            ),
            InputError::NotDocx { kind } => {
                let what = match *kind {
                    "xlsx" => "an Excel workbook",
                    "pptx" => "a PowerPoint presentation",
                    "odf" => "an OpenDocument file",
                    "docx-layout" => "a Word document of an unusual layout",
                    _ => "a ZIP archive",
                };
                write!(
                    f,
                    "{what} cannot be read; recoupe reads Word documents (.docx); save the text as .docx, .pdf or .txt"
                )
            }
            InputError::Password { format } => write!(
                f,
                "a password-protected {} cannot be read; open it, save a copy without a password, and add that",
                format_label(format)
            ),
            InputError::TooSlow { format, seconds } => write!(
                f,
                "this {} file cannot be read; reading it took more than {seconds} seconds, so it was stopped; copy its text into a .txt file and add that",
                format_label(format)
            ),
            InputError::BrowserOnly { format } => write!(
                f,
                "a {} file is read by the page itself in this build, not by the core",
                format_label(format)
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Something the user should know about a file that was read. Like [`InputError`]: a stable
/// [`code`](Warning::code) and [`params`](Warning::params) for the page, `Display` for the
/// command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// `bomless-utf16`: no byte-order mark, read as UTF-16 because every other byte is zero.
    BomlessUtf16 {
        /// "UTF-16LE" or "UTF-16BE".
        encoding: &'static str,
    },
    /// `replaced-bytes`: bytes not valid in the (known) encoding became U+FFFD.
    ReplacedBytes {
        /// The encoding's WHATWG name.
        encoding: &'static str,
    },
    /// `lossy-utf8`: mostly UTF-8, with `count` broken sequences replaced by U+FFFD.
    LossyUtf8 {
        /// How many sequences were replaced.
        count: u64,
    },
    /// `windows-1252`: not UTF-8, read as Windows-1252.
    Windows1252,
    /// `no-article`: no article was recognised in an HTML page; all its visible text was taken.
    NoArticle,
    /// `truncated`: only the first `read` of `pages` pages were read (the text limit).
    Truncated {
        /// Pages read.
        read: u64,
        /// Pages in the document.
        pages: u64,
    },
}

impl Warning {
    /// The stable code (see each variant).
    pub fn code(&self) -> &'static str {
        match self {
            Warning::BomlessUtf16 { .. } => "bomless-utf16",
            Warning::ReplacedBytes { .. } => "replaced-bytes",
            Warning::LossyUtf8 { .. } => "lossy-utf8",
            Warning::Windows1252 => "windows-1252",
            Warning::NoArticle => "no-article",
            Warning::Truncated { .. } => "truncated",
        }
    }

    /// The parameters, by name.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        match self {
            Warning::BomlessUtf16 { encoding } | Warning::ReplacedBytes { encoding } => {
                vec![("encoding", Param::Str(encoding.to_string()))]
            }
            Warning::LossyUtf8 { count } => vec![("count", Param::Num(*count))],
            Warning::Windows1252 | Warning::NoArticle => Vec::new(),
            Warning::Truncated { read, pages } => {
                vec![("read", Param::Num(*read)), ("pages", Param::Num(*pages))]
            }
        }
    }

    /// The warning a code and its parameters name (the page hands back the warnings of its
    /// own extractors this way); `None` for an unknown code.
    pub fn from_code(code: &str, num: impl Fn(&str) -> Option<u64>) -> Option<Warning> {
        Some(match code {
            "no-article" => Warning::NoArticle,
            "truncated" => Warning::Truncated {
                read: num("read")?,
                pages: num("pages")?,
            },
            _ => return None,
        })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::BomlessUtf16 { encoding } => write!(
                f,
                "the file has no byte-order mark; it was read as {encoding} because every other byte is zero"
            ),
            Warning::ReplacedBytes { encoding } => write!(
                f,
                "some bytes are not valid {encoding}; they were replaced by \u{FFFD}"
            ),
            Warning::LossyUtf8 { count } => write!(
                f,
                "{count} invalid UTF-8 sequence{} replaced by \u{FFFD}",
                if *count == 1 { " was" } else { "s were" }
            ),
            Warning::Windows1252 => write!(
                f,
                "the file is not UTF-8; it was read as Windows-1252 (Western European, Latin-1)"
            ),
            Warning::NoArticle => write!(
                f,
                "no article was recognised in this page; all its visible text was taken"
            ),
            Warning::Truncated { read, pages } => write!(
                f,
                "only the first {read} of {pages} pages were read: the text limit was reached"
            ),
        }
    }
}

/// A size in bytes, for people: "812 bytes", "3.4 KB", "16 MB" (powers of 1024, one decimal
/// below 10).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// Decodes the bytes of a plain-text file. See the [module docs](self) for the rules.
///
/// An empty input gives an empty text (the caller decides whether that is an error).
pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    let plan = plan(bytes, None)?;
    // Without a declared encoding the plan is always one of this module's own decoders.
    decode_planned(bytes, plan).unwrap_or(Err(InputError::BrowserOnly { format: "html" }))
}

/// How to decode a file, decided from its bytes alone by [`plan`]: the one decision, whoever
/// then turns the bytes into text (this module for UTF-8, UTF-16 and Windows-1252; the
/// browser's `TextDecoder` or `encoding_rs` for an encoding an HTML page declares).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The encoding's WHATWG name ("UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", or the
    /// name of the encoding an HTML page declares).
    pub encoding: &'static str,
    /// Length of the byte-order mark to skip (0, 2 or 3).
    pub bom: usize,
    /// Decode UTF-8 with U+FFFD for broken sequences instead of refusing nothing.
    lossy_utf8: Option<u64>,
    /// Warnings known before decoding.
    pub warnings: Vec<Warning>,
}

/// Decides how to decode `bytes` (steps 1 to 8 of the [module docs](self)), refusing binary
/// files by signature or NUL bytes. `hint` is the WHATWG name of an encoding the file
/// declares itself (an HTML `<meta charset>`); a byte-order mark and valid UTF-8 win over it.
pub fn plan(bytes: &[u8], hint: Option<&'static str>) -> Result<Plan, InputError> {
    let plan = |encoding, bom, warnings| Plan {
        encoding,
        bom,
        lossy_utf8: None,
        warnings,
    };
    // 1. Byte-order mark.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(plan(UTF_8, 3, Vec::new()));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(plan(UTF_16LE, 2, Vec::new()));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(plan(UTF_16BE, 2, Vec::new()));
    }
    // 2. Known binary formats, named.
    if let Some(format) = binary_signature(bytes) {
        return Err(InputError::Binary { format });
    }
    // 3. UTF-16 without a byte-order mark.
    if let Some(encoding) = sniff_bomless_utf16(bytes) {
        return Ok(plan(encoding, 0, vec![Warning::BomlessUtf16 { encoding }]));
    }
    // 4. NUL bytes mean binary.
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::NulByte { at: pos as u64 });
    }
    // 5. Valid UTF-8.
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(plan(UTF_8, 0, Vec::new()));
    }
    // 6. The file's own declaration, if it names a single-byte or CJK legacy encoding.
    if let Some(encoding) = hint {
        if encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE {
            return Ok(plan(encoding, 0, Vec::new()));
        }
    }
    // 7./8. Mostly UTF-8 with a few broken bytes, or a legacy single-byte file.
    let (good_multibyte, bad) = utf8_statistics(bytes);
    if good_multibyte > bad {
        let count = bad as u64;
        return Ok(Plan {
            encoding: UTF_8,
            bom: 0,
            lossy_utf8: Some(count),
            warnings: vec![Warning::LossyUtf8 { count }],
        });
    }
    Ok(plan(WINDOWS_1252, 0, vec![Warning::Windows1252]))
}

/// Decodes by a [`Plan`] with this module's own decoders (UTF-8, UTF-16, Windows-1252) and
/// checks that the text is text; `None` for another encoding (an HTML declaration), which
/// the caller decodes (`encoding_rs` natively, `TextDecoder` in the page).
pub fn decode_planned(bytes: &[u8], plan: Plan) -> Option<Result<Decoded, InputError>> {
    let body = &bytes[plan.bom.min(bytes.len())..];
    let mut warnings = plan.warnings;
    let (text, had_errors) = match plan.encoding {
        UTF_8 => match std::str::from_utf8(body) {
            Ok(s) => (s.to_string(), false),
            Err(_) => (String::from_utf8_lossy(body).into_owned(), true),
        },
        UTF_16LE => utf16(body, u16::from_le_bytes),
        UTF_16BE => utf16(body, u16::from_be_bytes),
        WINDOWS_1252 => (body.iter().map(|&b| windows_1252(b)).collect(), false),
        _ => return None,
    };
    if had_errors && plan.lossy_utf8.is_none() {
        warnings.push(Warning::ReplacedBytes {
            encoding: plan.encoding,
        });
    }
    Some(finish(text, plan.encoding, warnings))
}

/// Like [`decode`], with an encoding the file declares itself (an HTML `<meta charset>`, by
/// its WHATWG name), decoded with `encoding_rs` when it is not one of this module's own.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_with_hint(bytes: &[u8], hint: Option<&'static str>) -> Result<Decoded, InputError> {
    let plan = plan(bytes, hint)?;
    let encoding = plan.encoding;
    let mut warnings = plan.warnings.clone();
    if let Some(done) = decode_planned(bytes, plan) {
        return done;
    }
    let Some(decoder) = encoding_rs::Encoding::for_label(encoding.as_bytes()) else {
        return Err(InputError::BrowserOnly { format: "html" });
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(Warning::ReplacedBytes { encoding });
    }
    finish(text.into_owned(), encoding, warnings)
}

fn finish(
    text: String,
    encoding: &'static str,
    warnings: Vec<Warning>,
) -> Result<Decoded, InputError> {
    check_text_is_textual(&text)?;
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

const UTF_8: &str = "UTF-8";
const UTF_16LE: &str = "UTF-16LE";
const UTF_16BE: &str = "UTF-16BE";
const WINDOWS_1252: &str = "windows-1252";

/// UTF-16 code units → text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = bytes.len() % 2 == 1;
    let mut text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    (text, bad)
}

/// One Windows-1252 byte (WHATWG's index: 0x80-0x9F are the typographic characters, the five
/// unassigned ones the C1 control of the same number, the rest Latin-1).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The binary signatures recognised, with their id (the `format` of
/// [`InputError::Binary`]) and what they are for people. Printable ones ("BZh", "ID3", "MZ",
/// "GIF8") only count when the file is not plain text anyway; RTF and PDF always count.
const SIGNATURES: &[(&[u8], &str, &str)] = &[
    (b"%PDF-", "pdf", "a PDF document"),
    (b"\x89PNG", "png", "a PNG image"),
    (b"\xFF\xD8\xFF", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"),
    (b"GIF89a", "gif", "a GIF image"),
    (
        b"PK\x03\x04",
        "zip",
        "a ZIP archive (or an Office document other than .docx)",
    ),
    (b"PK\x05\x06", "zip-empty", "an empty ZIP archive"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "ole",
        "an old Microsoft Office document (.doc, .xls, .ppt)",
    ),
    (b"{\\rtf", "rtf", "a Rich Text Format (.rtf) document"),
    (b"\x7FELF", "elf", "a program (ELF executable)"),
    (b"\x1F\x8B", "gzip", "a gzip-compressed file"),
    (b"BZh", "bzip2", "a bzip2-compressed file"),
    (b"\xFD7zXZ\x00", "xz", "an xz-compressed file"),
    (b"7z\xBC\xAF\x27\x1C", "7z", "a 7-Zip archive"),
    (b"Rar!\x1A\x07", "rar", "a RAR archive"),
    (b"\x00asm", "wasm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "sqlite", "an SQLite database"),
    (b"OggS", "ogg", "an Ogg audio or video file"),
    (b"fLaC", "flac", "a FLAC audio file"),
    (b"ID3", "mp3", "an MP3 audio file"),
    (b"wOFF", "woff", "a web font"),
    (b"wOF2", "woff", "a web font"),
    (b"\x00\x01\x00\x00\x00", "ttf", "a TrueType font"),
    (b"MZ", "exe", "a Windows program"),
];

/// Binaries recognised otherwise than by a leading signature.
const OTHER_BINARIES: &[(&str, &str)] = &[
    ("mp4", "an MP4/QuickTime video or audio file"),
    ("webp", "a WebP image"),
    ("wav", "a WAV audio file"),
    ("avi", "an AVI video"),
    ("riff", "a RIFF media file"),
    ("svg", "an SVG image"),
];

/// The id of a well-known binary format from the first bytes, if it is one (`png`, `pdf`,
/// `zip`, ...; [`binary_label`] says what it is).
///
/// PDF is included: plain-text decoding refuses it (the PDF extractor in
/// [`crate::extract`] reads it instead).
pub fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    for (magic, id, _) in SIGNATURES {
        if bytes.starts_with(magic) {
            let printable = magic.iter().all(|b| b.is_ascii_graphic());
            if printable && *magic != b"{\\rtf" && *magic != b"%PDF-" && looks_textual(bytes) {
                continue;
            }
            return Some(id);
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("mp4");
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") {
        return Some(match &bytes[8..12] {
            b"WEBP" => "webp",
            b"WAVE" => "wav",
            b"AVI " => "avi",
            _ => "riff",
        });
    }
    None
}

/// Whether the first bytes are free of NULs and valid UTF-8 (a cheap "is this text?").
fn looks_textual(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // A sequence cut by the 512-byte window is fine.
        Err(e) => e.error_len().is_none(),
    }
}

/// UTF-16 without BOM: in text that is mostly ASCII, one byte of each pair is zero.
fn sniff_bomless_utf16(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Ninety per cent of one half zero and (almost) none of the other.
    if zero_odd * 10 >= pairs * 9 && zero_even * 50 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 9 && zero_odd * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts valid multi-byte UTF-8 sequences and invalid sequences.
fn utf8_statistics(mut bytes: &[u8]) -> (usize, usize) {
    let mut good_multibyte = 0;
    let mut bad = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return (good_multibyte, bad);
            }
            Err(e) => {
                let valid = e.valid_up_to();
                // SAFETY-free: `valid_up_to` bytes are valid UTF-8 by contract.
                if let Ok(s) = std::str::from_utf8(&bytes[..valid]) {
                    good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                }
                bad += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - valid);
                bytes = &bytes[(valid + skip).min(bytes.len())..];
                if bytes.is_empty() {
                    return (good_multibyte, bad);
                }
            }
        }
    }
}

/// Refuses text that is really binary: U+0000, or more than 1 in 100 characters being C0/C1
/// controls other than tab, line feed, carriage return, form feed and vertical tab.
pub fn check_text_is_textual(text: &str) -> Result<(), InputError> {
    if let Some(pos) = text.find('\0') {
        return Err(InputError::NulChar { at: pos as u64 });
    }
    let mut total = 0u64;
    let mut controls = 0u64;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '\u{85}') {
            controls += 1;
        }
    }
    if controls > 0 && controls * 100 > total {
        return Err(InputError::ControlChars {
            count: controls,
            total,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_without_bom_is_kept_as_is_with_its_line_endings() {
        let d = decode("Le Conseil a siégé.\r\nIl a dit.\rFin.\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Le Conseil a siégé.\r\nIl a dit.\rFin.\n");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFbonjour").unwrap();
        assert_eq!(d.text, "bonjour");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("été €".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("été €".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "été €");
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, "été €");
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let le: Vec<u8> = "The Council met in Brussels."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "The Council met in Brussels.");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1252_french_is_read_with_a_warning() {
        // "Déclaration – l’été" in Windows-1252.
        let bytes = b"D\xE9claration \x96 l\x92\xE9t\xE9";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Déclaration – l’été");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn mostly_utf8_with_one_broken_byte_stays_utf8() {
        let d = decode(
            "été à Genève \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xFF")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn nul_bytes_and_binary_signatures_are_refused() {
        assert_eq!(decode(b"abc\0def"), Err(InputError::NulByte { at: 3 }));
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(
            e.to_string(),
            "this is a PNG image, not text; recoupe reads .txt, .md, .html, .docx and .pdf files"
        );
        assert!(matches!(
            decode(b"%PDF-1.7\n"),
            Err(InputError::Binary { .. })
        ));
        // Printable signatures in ordinary text are not taken for binary.
        assert!(decode(b"MZ is a postcode prefix").is_ok());
        assert!(decode(b"ID3 tags are metadata").is_ok());
    }

    #[test]
    fn control_characters_are_refused() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(300).collect();
        assert!(matches!(
            decode(&bytes),
            Err(InputError::ControlChars { .. })
        ));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_html_hint_is_used_for_non_utf8_bytes_only() {
        let latin9 = Some("ISO-8859-15");
        // 0xA4 is € in Latin-9 and ¤ in Windows-1252.
        assert_eq!(decode_with_hint(b"5 \xA4", latin9).unwrap().text, "5 €");
        assert_eq!(plan(b"5 \xA4", latin9).unwrap().encoding, "ISO-8859-15");
        assert_eq!(
            decode_with_hint("5 €".as_bytes(), latin9).unwrap().text,
            "5 €"
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn windows_1252_matches_encoding_rs_and_utf16_keeps_odd_bytes() {
        let (ours, _) = utf16(&[0x41, 0, 0x42], u16::from_le_bytes);
        assert_eq!(ours, "A\u{FFFD}");
        #[cfg(not(target_arch = "wasm32"))]
        {
            let all: Vec<u8> = (0u8..=255).collect();
            let (theirs, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all);
            let ours: String = all.iter().map(|&b| windows_1252(b)).collect();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn errors_have_codes_and_params() {
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert_eq!(e.code(), "binary");
        assert_eq!(e.params(), vec![("format", Param::Str("png".into()))]);
        let w = decode(b"D\xE9j\xE0").unwrap().warnings;
        assert_eq!(w, vec![Warning::Windows1252]);
        assert_eq!(w[0].code(), "windows-1252");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(3 * 1024 + 400), "3.4 KB");
        assert_eq!(human_size(16 * 1024 * 1024), "16 MB");
    }
}
