//! TEI P5, parallel segmentation (Guidelines ch. 12, "Critical Apparatus"): the accounts
//! are witnesses in `<listWit>` with their sources; the text is one `<app>` per column of
//! the alignment table ([`super::table`]), each with one `<rdg>` per distinct reading and an
//! empty `<rdg>` for the accounts that do not tell it. Readings are sentences (the unit
//! recoupe aligns), not words.
//!
//! Moves: TEI has no element for a transposition across witnesses. The convention here,
//! stated in the file's `<encodingDesc>`: when accounts tell a passage at different places,
//! its readings stand in two `<app>`s, and a `<linkGrp type="transposition">` holds one
//! `<link target="#app-i #app-j"/>` per such pair. `<app n="group-k">` names recoupe's
//! group (the report's `groups[k]`) so the apps of one fact can be found together.

use std::fmt::Write;

use super::{escape_markup as xml, siglum, table};
use crate::report::Report;

/// The namespace of TEI P5.
const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// The whole TEI document.
pub fn render(r: &Report) -> String {
    let alignment = table::align(r);
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(out, "<TEI xmlns=\"{TEI_NS}\">");
    out.push_str("  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
    let names: Vec<&str> = r.documents.iter().map(|d| d.name.as_str()).collect();
    let _ = writeln!(
        out,
        "        <title>{}</title>",
        xml(&format!("recoupe: {}", names.join(" / ")))
    );
    out.push_str("      </titleStmt>\n      <publicationStmt>\n");
    let _ = writeln!(
        out,
        "        <p>Aligned by recoupe {} (schema {}).</p>",
        env!("CARGO_PKG_VERSION"),
        crate::report::SCHEMA
    );
    out.push_str("      </publicationStmt>\n      <sourceDesc>\n        <listWit>\n");
    for (k, d) in r.documents.iter().enumerate() {
        let _ = writeln!(out, "          <witness xml:id=\"{}\">", siglum(k));
        let _ = write!(out, "            <bibl><title>{}</title>", xml(&d.name));
        if let Some(source) = &d.source {
            let _ = write!(out, "<publisher>{}</publisher>", xml(source));
        }
        if let Some(date) = &d.date {
            let _ = write!(out, "<date when=\"{}\">{}</date>", xml(date), xml(date));
        }
        if let Some(url) = &d.url {
            if is_uri(url) {
                let _ = write!(out, "<ptr target=\"{}\"/>", xml(url));
            } else {
                let _ = write!(out, "<note>{}</note>", xml(url));
            }
        }
        out.push_str("</bibl>\n          </witness>\n");
    }
    out.push_str("        </listWit>\n      </sourceDesc>\n    </fileDesc>\n");
    out.push_str("    <encodingDesc>\n");
    out.push_str(
        "      <variantEncoding method=\"parallel-segmentation\" location=\"internal\"/>\n",
    );
    out.push_str(
        "      <p>Each app is one passage as the accounts tell it: one rdg per distinct \
         reading (sentences, as recoupe aligns them), an empty rdg for the accounts that do \
         not tell it. app/@n names recoupe's group. A passage told at different places by \
         different accounts stands in two apps, linked by a link in the linkGrp of type \
         transposition.</p>\n",
    );
    out.push_str("    </encodingDesc>\n  </teiHeader>\n  <text>\n    <body>\n");
    out.push_str("      <div type=\"collation\">\n        <ab>\n");
    let n_docs = r.documents.len();
    for (k, column) in alignment.columns.iter().enumerate() {
        let n = column
            .group
            .map_or_else(String::new, |g| format!(" n=\"group-{g}\""));
        let _ = writeln!(out, "          <app xml:id=\"app-{k}\"{n}>");
        // Accounts with the same reading share one rdg, in the order they first appear.
        let mut readings: Vec<(String, Vec<usize>)> = Vec::new();
        let mut absent = Vec::new();
        for doc in 0..n_docs {
            match &column.cells[doc] {
                Some(segs) => {
                    let segs: Vec<usize> = segs.clone().collect();
                    let text = super::passage(r, doc, &segs);
                    match readings.iter_mut().find(|(t, _)| *t == text) {
                        Some((_, wits)) => wits.push(doc),
                        None => readings.push((text, vec![doc])),
                    }
                }
                None => absent.push(doc),
            }
        }
        for (text, wits) in &readings {
            let _ = writeln!(
                out,
                "            <rdg wit=\"{}\">{}</rdg>",
                wit_list(wits),
                xml(text)
            );
        }
        if !absent.is_empty() {
            let _ = writeln!(out, "            <rdg wit=\"{}\"/>", wit_list(&absent));
        }
        out.push_str("          </app>\n");
    }
    out.push_str("        </ab>\n");
    if !alignment.transpositions.is_empty() {
        out.push_str("        <linkGrp type=\"transposition\">\n");
        for (a, b) in &alignment.transpositions {
            let _ = writeln!(out, "          <link target=\"#app-{a} #app-{b}\"/>");
        }
        out.push_str("        </linkGrp>\n");
    }
    out.push_str("      </div>\n    </body>\n  </text>\n</TEI>\n");
    out
}

fn wit_list(docs: &[usize]) -> String {
    docs.iter()
        .map(|&d| format!("#{}", siglum(d)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An address that may stand in `@target` (no white space, a scheme).
fn is_uri(s: &str) -> bool {
    !s.contains(char::is_whitespace) && s.contains(':')
}
