//! Every output format, as a rendering of the one [`Report`]: the core builds the report
//! once (`report.rs`); each format here only reads it. The command line (`--format`), the
//! page's Export menu (through the wasm `export_report`) and batch runs all come through
//! [`render`], so a file saved from the page equals the one the command line writes.
//!
//! | format | module | for |
//! |---|---|---|
//! | `text` | [`text`] | the terminal |
//! | `json` | `Report::to_json` | other tools (schema `recoupe/1`) |
//! | `html` | [`html`] | reading, printing, sending: a static page, no script, its own CSP |
//! | `csv` | [`csv`] | spreadsheets: links, or facts and conflicts (`Table`) |
//! | `md` | [`markdown`] | a summary to paste into notes or a ticket |
//! | `tei` | [`tei`] | TEI P5 parallel segmentation, for scholarly editions |
//! | `collatex` | [`collatex`] | CollateX's JSON alignment table, for tools built on it |
//!
//! `tei` and `collatex` need one reading order for all accounts: [`table`] builds it.

pub mod collatex;
pub mod csv;
pub mod html;
pub mod markdown;
pub mod table;
pub mod tei;
pub mod text;
mod words;

use crate::report::Report;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text for the terminal.
    Text,
    /// The JSON report (`recoupe/1`).
    Json,
    /// A static HTML report.
    Html,
    /// Comma-separated values (see [`Table`]).
    Csv,
    /// A Markdown summary.
    Markdown,
    /// TEI P5, parallel segmentation.
    Tei,
    /// CollateX's JSON alignment table.
    Collatex,
}

impl Format {
    /// Every format, in the order the command line's usage lists them.
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Json,
        Format::Html,
        Format::Csv,
        Format::Markdown,
        Format::Tei,
        Format::Collatex,
    ];

    /// The name on the command line and at the wasm boundary.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Tei => "tei",
            Format::Collatex => "collatex",
        }
    }

    /// A format from its name.
    pub fn parse(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format '{name}' (expected {})", names.join(", "))
            })
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Tei => "tei.xml",
            Format::Collatex => "collatex.json",
        }
    }

    /// The media type of a saved file.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain;charset=utf-8",
            Format::Json | Format::Collatex => "application/json",
            Format::Html => "text/html;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Tei => "application/tei+xml",
        }
    }
}

/// Which table a CSV file holds: a spreadsheet has one table per file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Table {
    /// One row per link.
    #[default]
    Links,
    /// One row per statement of a fact (conflicting ones included).
    Facts,
}

impl Table {
    /// A table from its name ("links" or "facts").
    pub fn parse(name: &str) -> Result<Table, String> {
        match name {
            "links" => Ok(Table::Links),
            "facts" => Ok(Table::Facts),
            other => Err(format!("unknown table '{other}' (expected links or facts)")),
        }
    }
}

/// The language of the words a report adds around the documents' text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// "en" or "fr"; anything else is English.
    pub fn parse(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The text format's "why" lines (the shared terms of each link).
    pub explain: bool,
    /// The CSV table.
    pub table: Table,
    /// The language of headings and labels (HTML, Markdown).
    pub lang: Lang,
    /// When the report was made, as the caller wants it written (none: not written, which
    /// keeps the output a function of the report).
    pub made: Option<String>,
}

/// `report` in `format`.
pub fn render(report: &Report, format: Format, options: &Options) -> String {
    match format {
        Format::Text => text::render(report, options),
        Format::Json => report.to_json() + "\n",
        Format::Html => html::render(report, options),
        Format::Csv => csv::render(report, options.table),
        Format::Markdown => markdown::render(report, options),
        Format::Tei => tei::render(report),
        Format::Collatex => collatex::render(report),
    }
}

/// `report` in `format`, written to `out`. The same bytes as [`render`]; JSON is streamed
/// (at a million words a side the report's JSON is some 150 MB that need not be held).
pub fn write(
    report: &Report,
    format: Format,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        }
        _ => out.write_all(render(report, format, options).as_bytes()),
    }
}

/// The siglum of document `k`: A, B, … Z, AA, AB, … (as the page and editions name them).
pub fn siglum(k: usize) -> String {
    let mut n = k;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Segment indices for a reader, counted from 1: "4" or "4–6" (non-consecutive: "4, 9").
pub fn human_segments(segments: &[usize]) -> String {
    let consecutive = segments.windows(2).all(|w| w[1] == w[0] + 1);
    match segments {
        [] => String::new(),
        [one] => (one + 1).to_string(),
        [first, .., last] if consecutive => format!("{}–{}", first + 1, last + 1),
        _ => segments
            .iter()
            .map(|s| (s + 1).to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The text of `segments` of document `doc`, joined by one space.
pub fn passage(report: &Report, doc: usize, segments: &[usize]) -> String {
    let Some(d) = report.documents.get(doc) else {
        return String::new();
    };
    segments
        .iter()
        .filter_map(|&s| d.segments.get(s).map(|s| s.text.trim()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for HTML and XML, in content or in double-quoted attributes: the markup characters
/// escaped, and the characters XML 1.0 does not allow (C0 controls but tab and line ends,
/// U+FFFE, U+FFFF; a `str` holds no lone surrogate) replaced by U+FFFD, so any document
/// gives a well-formed file.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// For each document, for each segment: the links it belongs to (indices into `links`).
pub fn links_of_segments(report: &Report) -> Vec<Vec<Vec<usize>>> {
    let mut out: Vec<Vec<Vec<usize>>> = report
        .documents
        .iter()
        .map(|d| vec![Vec::new(); d.segments.len()])
        .collect();
    for (k, l) in report.links.iter().enumerate() {
        for side in [&l.left, &l.right] {
            for &s in &side.segments {
                if let Some(slot) = out.get_mut(side.doc).and_then(|d| d.get_mut(s)) {
                    slot.push(k);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigla_count_like_spreadsheet_columns() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&k| siglum(k))
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn formats_round_trip_their_names() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Ok(f));
        }
        assert!(Format::parse("pdf").unwrap_err().contains("collatex"));
    }

    #[test]
    fn segments_for_readers_count_from_one() {
        assert_eq!(human_segments(&[3]), "4");
        assert_eq!(human_segments(&[3, 4, 5]), "4–6");
        assert_eq!(human_segments(&[3, 8]), "4, 9");
    }
}
