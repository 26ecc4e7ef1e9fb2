//! Bytes → text: the one place that guesses how a file's bytes encode its characters.
//!
//! [`decode`] takes the raw bytes of a plain-text file and returns its text, or an
//! [`InputError`] that can be shown to the user as it is (prefix it with the file name).
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

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark, line endings as in the file.
    pub text: String,
    /// The encoding that was used, by its WHATWG name ("UTF-8", "UTF-16LE", "windows-1252", ...).
    pub encoding: &'static str,
    /// Things the user should know (a guessed encoding, replaced bytes), as sentences.
    pub warnings: Vec<String>,
}

/// Why a file cannot be used. Its `Display` is a user-readable sentence without the file
/// name: show it as `"{name}: {error}"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The file is bigger than the per-file limit.
    TooLarge {
        /// Size of the file, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// All files together are bigger than the total limit.
    TotalTooLarge {
        /// Size of all files together, in bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The text extracted from the file is bigger than the per-document text limit.
    TextTooLarge {
        /// Size of the extracted text, in UTF-8 bytes.
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A part of a compressed container (.docx) unpacks to more than the limit (a zip bomb?).
    UnpackedTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Not a text file (NUL bytes, a known binary signature, control characters).
    Binary {
        /// What it looks like, e.g. "a PNG image" or "binary data (a NUL byte at byte 12)".
        what: String,
    },
    /// The file is empty or holds only white space.
    Empty,
    /// A document of a known format with no text in it (e.g. a scanned PDF).
    NoText {
        /// The format's name, e.g. "PDF".
        format: &'static str,
        /// A hint for the user, may be empty.
        hint: String,
    },
    /// A file of a known format that cannot be parsed.
    Malformed {
        /// The format's name, e.g. "Word (.docx)".
        format: &'static str,
        /// What went wrong, for the user.
        detail: String,
    },
    /// A format recoupe recognises but does not read (here).
    Unsupported {
        /// What it is, e.g. "an old Word document (.doc)".
        what: String,
        /// What the user can do instead.
        hint: String,
    },
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
            InputError::Binary { what } => write!(
                f,
                "this is {what}, not text; recoupe reads .txt, .md, .html, .docx and .pdf files"
            ),
            InputError::Empty => write!(f, "the file is empty"),
            InputError::NoText { format, hint } => {
                write!(f, "no text was found in this {format} file")?;
                if !hint.is_empty() {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
            InputError::Malformed { format, detail } => write!(
                f,
                "this {format} file is damaged or is not what its name says: {detail}"
            ),
            InputError::Unsupported { what, hint } => {
                write!(f, "{what} cannot be read")?;
                if !hint.is_empty() {
                    write!(f, "; {hint}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for InputError {}

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
    decode_with_hint(bytes, None)
}

/// Like [`decode`], with an encoding the caller found declared in the file itself (an HTML
/// `<meta charset>`). A byte-order mark and valid UTF-8 still win over the hint.
pub fn decode_with_hint(
    bytes: &[u8],
    hint: Option<&'static Encoding>,
) -> Result<Decoded, InputError> {
    let mut warnings = Vec::new();

    // 1. Byte-order mark.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom_len..], warnings);
    }

    // 2. Known binary formats, named.
    if let Some(what) = binary_signature(bytes) {
        return Err(InputError::Binary {
            what: what.to_string(),
        });
    }

    // 3. UTF-16 without a byte-order mark.
    if let Some(encoding) = sniff_bomless_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let text = text.into_owned();
        check_text_is_textual(&text)?;
        warnings.push(format!(
            "the file has no byte-order mark; it was read as {} because every other byte is zero",
            encoding.name()
        ));
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
            warnings,
        });
    }

    // 4. NUL bytes mean binary.
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary {
            what: format!("binary data (a NUL byte at byte {pos})"),
        });
    }

    // 5. Valid UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_text_is_textual(text)?;
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            warnings,
        });
    }

    // 6. The file's own declaration, if it names a single-byte or CJK legacy encoding.
    if let Some(encoding) = hint {
        if encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE {
            return decode_as(encoding, bytes, warnings);
        }
    }

    // 7./8. Mostly UTF-8 with a few broken bytes, or a legacy single-byte file.
    let (good_multibyte, bad) = utf8_statistics(bytes);
    if good_multibyte > bad {
        let text = String::from_utf8_lossy(bytes).into_owned();
        warnings.push(format!(
            "{bad} invalid UTF-8 sequence{} replaced by \u{FFFD}",
            if bad == 1 { " was" } else { "s were" }
        ));
        check_text_is_textual(&text)?;
        return Ok(Decoded {
            text,
            encoding: UTF_8.name(),
            warnings,
        });
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    check_text_is_textual(&text)?;
    warnings.push(
        "the file is not UTF-8; it was read as Windows-1252 (Western European, Latin-1)"
            .to_string(),
    );
    Ok(Decoded {
        text,
        encoding: WINDOWS_1252.name(),
        warnings,
    })
}

/// Decodes with a known encoding; bytes it cannot map become U+FFFD, with a warning.
fn decode_as(
    encoding: &'static Encoding,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<Decoded, InputError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(format!(
            "some bytes are not valid {}; they were replaced by \u{FFFD}",
            encoding.name()
        ));
    }
    let text = text.into_owned();
    check_text_is_textual(&text)?;
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    })
}

/// Names a well-known binary format from the first bytes, if it is one.
///
/// PDF is included: plain-text decoding refuses it (the PDF extractor in
/// [`crate::extract`] reads it instead).
pub fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (
            b"PK\x03\x04",
            "a ZIP archive (or an Office document other than .docx)",
        ),
        (b"PK\x05\x06", "an empty ZIP archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Microsoft Office document (.doc, .xls, .ppt)",
        ),
        (b"{\\rtf", "a Rich Text Format (.rtf) document"),
        (b"\x7FELF", "a program (ELF executable)"),
        (b"\x1F\x8B", "a gzip-compressed file"),
        (b"BZh", "a bzip2-compressed file"),
        (b"\xFD7zXZ\x00", "an xz-compressed file"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"\x00asm", "a WebAssembly module"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"OggS", "an Ogg audio or video file"),
        (b"fLaC", "a FLAC audio file"),
        (b"ID3", "an MP3 audio file"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
        (b"\x00\x01\x00\x00\x00", "a TrueType font"),
        (b"MZ", "a Windows program"),
    ];
    for (magic, what) in SIGNATURES {
        if bytes.starts_with(magic) {
            // "BZh", "ID3", "MZ" and "{\rtf" are printable: only trust them when the file
            // is not plain text anyway, except for RTF whose text would be markup.
            let printable = magic.iter().all(|b| b.is_ascii_graphic());
            if printable && *magic != b"{\\rtf" && *magic != b"%PDF-" && looks_textual(bytes) {
                continue;
            }
            return Some(what);
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("an MP4/QuickTime video or audio file");
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") {
        return Some(match &bytes[8..12] {
            b"WEBP" => "a WebP image",
            b"WAVE" => "a WAV audio file",
            b"AVI " => "an AVI video",
            _ => "a RIFF media file",
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
fn sniff_bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
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
fn check_text_is_textual(text: &str) -> Result<(), InputError> {
    if let Some(pos) = text.find('\0') {
        return Err(InputError::Binary {
            what: format!("binary data (a NUL character at byte {pos} of the text)"),
        });
    }
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '\u{85}') {
            controls += 1;
        }
    }
    if controls > 0 && controls * 100 > total {
        return Err(InputError::Binary {
            what: format!("binary data ({controls} control characters in {total})"),
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
        assert!(matches!(
            decode(b"abc\0def"),
            Err(InputError::Binary { .. })
        ));
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
        assert!(matches!(decode(&bytes), Err(InputError::Binary { .. })));
    }

    #[test]
    fn the_html_hint_is_used_for_non_utf8_bytes_only() {
        let latin9 = Encoding::for_label(b"iso-8859-15");
        // 0xA4 is € in Latin-9 and ¤ in Windows-1252.
        assert_eq!(decode_with_hint(b"5 \xA4", latin9).unwrap().text, "5 €");
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
    fn sizes_read_well() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(3 * 1024 + 400), "3.4 KB");
        assert_eq!(human_size(16 * 1024 * 1024), "16 MB");
    }
}
