//! CSV for spreadsheets: one table per file (RFC 4180: fields quoted when they hold a comma,
//! a quote or a line break, quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so
//! that spreadsheet programs do not read it as their local code page.
//!
//! A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `@`, a tab or a
//! carriage return, or `-` not followed by a space) gets a leading `'`, as OWASP advises
//! against formula injection: a dropped web page must not become a live formula. A French
//! dialogue dash ("- Oui") is left alone.

use super::{human_segments, passage, Table};
use crate::report::Report;

/// The byte-order mark that opens the file.
const BOM: &str = "\u{feff}";

/// `report` as the CSV `table`.
pub fn render(report: &Report, table: Table) -> String {
    let rows = match table {
        Table::Links => links(report),
        Table::Facts => facts(report),
    };
    let mut out = String::from(BOM);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn name(report: &Report, doc: usize) -> String {
    report
        .documents
        .get(doc)
        .map_or_else(String::new, |d| d.name.clone())
}

/// One row per link: both passages (segment indices as in the JSON report, from 0; the
/// segment numbers readers see, from 1), kind, score, moved.
fn links(r: &Report) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "link",
        "account_a",
        "segments_a",
        "number_a",
        "text_a",
        "account_b",
        "segments_b",
        "number_b",
        "text_b",
        "kind",
        "score",
        "moved",
        "move",
    ]
    .map(String::from)
    .to_vec()];
    let indices = |v: &[usize]| {
        v.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (k, l) in r.links.iter().enumerate() {
        rows.push(vec![
            k.to_string(),
            name(r, l.left.doc),
            indices(&l.left.segments),
            human_segments(&l.left.segments),
            passage(r, l.left.doc, &l.left.segments),
            name(r, l.right.doc),
            indices(&l.right.segments),
            human_segments(&l.right.segments),
            passage(r, l.right.doc, &l.right.segments),
            l.kind.to_string(),
            format!("{:.3}", l.score),
            l.moved.to_string(),
            l.move_id.map_or_else(String::new, |m| m.to_string()),
        ]);
    }
    rows
}

/// One row per statement of a fact: the fact (group, kind, slot, value, status, conflict)
/// and where an account states it (account, segment, the value as written, the sentence).
fn facts(r: &Report) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "group",
        "kind",
        "slot",
        "value",
        "status",
        "conflict",
        "account",
        "source",
        "date",
        "segment",
        "as_written",
        "sentence",
    ]
    .map(String::from)
    .to_vec()];
    for f in &r.facts {
        for s in &f.statements {
            let doc = r.documents.get(s.doc);
            rows.push(vec![
                f.group.to_string(),
                f.kind.to_string(),
                f.slot.clone(),
                f.value.clone(),
                f.status.to_string(),
                f.conflict.map_or_else(String::new, |c| c.to_string()),
                name(r, s.doc),
                doc.and_then(|d| d.source.clone()).unwrap_or_default(),
                doc.and_then(|d| d.date.clone()).unwrap_or_default(),
                s.segment.to_string(),
                s.text.clone(),
                passage(r, s.doc, &[s.segment]),
            ]);
        }
    }
    rows
}

/// One cell, guarded against formulas and quoted when needed.
fn field(value: &str) -> String {
    let mut chars = value.chars();
    let formula = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !matches!(chars.next(), None | Some(' ' | '\u{a0}')),
        _ => false,
    };
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("il a dit \"non\""), "\"il a dit \"\"non\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_do_not_run() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+33 1 23"), "'+33 1 23");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-5"), "'-5");
        assert_eq!(field("- Oui. Non."), "- Oui. Non.");
        assert_eq!(field("-"), "-");
    }
}
