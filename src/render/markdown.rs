//! A Markdown summary: the accounts and their sources, the conflicts, what all report, what
//! only one reports. Text from the documents is escaped (CommonMark backslash escapes), so a
//! sentence cannot turn into a heading, a link or HTML.

use std::fmt::Write;

use super::words::{fill, Words};
use super::{human_segments, links_of_segments, passage, siglum, Options};
use crate::report::Report;

/// The summary.
pub fn render(r: &Report, options: &Options) -> String {
    let w = Words::of(options.lang);
    let n = r.documents.len();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", fill(w.title, &[("n", &n.to_string())]));
    let mut made = fill(w.made_with, &[("version", env!("CARGO_PKG_VERSION"))]);
    if let Some(when) = &options.made {
        made = format!("{made} · {}", md(when));
    }
    let _ = writeln!(out, "_{made}_\n");

    let _ = writeln!(out, "## {}\n", w.accounts);
    let _ = writeln!(
        out,
        "| | {} | {} | {} | {} |\n|---|---|---|---|---|",
        w.account, w.source, w.date, w.address
    );
    for (k, d) in r.documents.iter().enumerate() {
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} |",
            siglum(k),
            md(&d.name),
            md(d.source.as_deref().unwrap_or("")),
            md(d.date.as_deref().unwrap_or("")),
            md(d.url.as_deref().unwrap_or(""))
        );
    }

    let _ = writeln!(out, "\n## {} ({})\n", w.conflicts, r.conflicts.len());
    if r.conflicts.is_empty() {
        let _ = writeln!(out, "{}", w.no_conflict);
    }
    for c in &r.conflicts {
        // Headed by the kind only: the slot is a stem ("pompi") and reads badly.
        let what = w.value(c.kind).to_string();
        let _ = writeln!(out, "- **{what}**");
        for s in &c.statements {
            let _ = writeln!(
                out,
                "  - **{}** §{}: **{}** — {}",
                siglum(s.doc),
                s.segment + 1,
                md(&s.text),
                md(&passage(r, s.doc, &[s.segment]))
            );
        }
    }

    let _ = writeln!(out, "\n## {}\n", w.all_report);
    let mut any = false;
    for g in r.groups.iter().filter(|g| g.accounts == n) {
        any = true;
        let rep = &g.representative;
        let places: Vec<String> = g
            .members
            .iter()
            .map(|m| format!("{} §{}", siglum(m.doc), human_segments(&m.segments)))
            .collect();
        let _ = writeln!(
            out,
            "- {} ({})",
            md(&passage(r, rep.doc, &[rep.segment])),
            places.join(", ")
        );
    }
    if !any {
        let _ = writeln!(out, "{}", w.none_all);
    }

    let _ = writeln!(out, "\n## {}", w.only_one);
    let linked = links_of_segments(r);
    for (k, d) in r.documents.iter().enumerate() {
        let label = format!("**{}** {}", siglum(k), md(&d.name));
        let _ = writeln!(out, "\n### {}\n", fill(w.only_in, &[("account", &label)]));
        let unique: Vec<usize> = (0..d.segments.len())
            .filter(|&s| linked[k][s].is_empty())
            .collect();
        if unique.is_empty() {
            let _ = writeln!(out, "{}", w.nothing_unique);
        }
        for s in unique {
            let _ = writeln!(out, "- §{} {}", s + 1, md(&d.segments[s].text));
        }
    }
    out
}

/// Inline text for Markdown: one line, every character that could start markup escaped.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
