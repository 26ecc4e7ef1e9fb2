//! The terminal's rendering: documents, coverage, every link with its word diff, what each
//! account alone says, warnings; then conflicts first, and the groups with their facts.

use std::fmt::Write;

use super::{links_of_segments, Options};
use crate::report::Report;

/// The whole text output.
pub fn render(r: &Report, options: &Options) -> String {
    let mut out = String::new();
    for (k, d) in r.documents.iter().enumerate() {
        let _ = writeln!(
            out,
            "[{k}] {} ({}, {} segments)",
            d.name,
            d.lang,
            d.segments.len()
        );
    }
    for s in &r.stats {
        let _ = writeln!(
            out,
            "[{}]–[{}]: {:.0}% of [{}] and {:.0}% of [{}] are shared",
            s.left,
            s.right,
            s.left_covered * 100.0,
            s.left,
            s.right_covered * 100.0,
            s.right
        );
    }
    let _ = writeln!(out);
    let segs = |v: &[usize]| match v {
        [one] => one.to_string(),
        [first, .., last] => format!("{first}-{last}"),
        [] => String::new(),
    };
    for l in &r.links {
        let moved = if l.moved { " moved" } else { "" };
        let _ = writeln!(
            out,
            "{}:{} ↔ {}:{}  {} {:.2}{}",
            l.left.doc,
            segs(&l.left.segments),
            l.right.doc,
            segs(&l.right.segments),
            l.kind,
            l.score,
            moved
        );
        let diff: String = l
            .diff
            .iter()
            .map(|p| match (p.first().map(|t| &**t), p.get(1)) {
                (Some("-"), Some(t)) => format!("[-{t}-]"),
                (Some("+"), Some(t)) => format!("{{+{t}+}}"),
                (_, Some(t)) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        let _ = writeln!(out, "    {diff}");
        if options.explain {
            let _ = writeln!(out, "    why: shared {}", l.why.join(", "));
        }
    }
    let linked = links_of_segments(r);
    for (k, d) in r.documents.iter().enumerate() {
        let unique: Vec<usize> = (0..d.segments.len())
            .filter(|&s| linked[k][s].is_empty())
            .collect();
        let _ = writeln!(
            out,
            "\nonly in [{k}] {} ({} segments):",
            d.name,
            unique.len()
        );
        for s in unique {
            let _ = writeln!(out, "  {s}: {}", d.segments[s].text);
        }
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out + &facts(r)
}

/// Groups, facts and conflicts: conflicts first.
fn facts(r: &Report) -> String {
    let mut out = String::new();
    let seg_text = |doc: usize, seg: usize| {
        r.documents
            .get(doc)
            .and_then(|d| d.segments.get(seg))
            .map_or("", |s| s.text.as_str())
    };
    let _ = writeln!(out, "\nconflicts ({}):", r.conflicts.len());
    for k in &r.conflicts {
        let _ = writeln!(out, "  #{} group {} {} {}:", k.id, k.group, k.kind, k.slot);
        for s in &k.statements {
            let _ = writeln!(
                out,
                "    [{}]:{} «{}» = {}  | {}",
                s.doc,
                s.segment,
                s.text,
                s.value,
                seg_text(s.doc, s.segment)
            );
        }
    }
    let _ = writeln!(out, "\ngroups ({}):", r.groups.len());
    for g in &r.groups {
        let members: Vec<String> = g
            .members
            .iter()
            .map(|m| {
                let segs: Vec<String> = m.segments.iter().map(|s| s.to_string()).collect();
                format!("[{}]:{} {}", m.doc, segs.join(","), m.telling)
            })
            .collect();
        let _ = writeln!(
            out,
            "  g{} ({} accounts) {}\n      {}",
            g.id,
            g.accounts,
            members.join("  "),
            seg_text(g.representative.doc, g.representative.segment)
        );
        for f in r.facts.iter().filter(|f| f.group == g.id) {
            let docs: std::collections::BTreeSet<usize> =
                f.statements.iter().map(|s| s.doc).collect();
            let docs: Vec<String> = docs.iter().map(|d| format!("[{d}]")).collect();
            let slot = if f.slot.is_empty() {
                String::new()
            } else {
                format!(" ({})", f.slot)
            };
            let _ = writeln!(
                out,
                "      {} {}{slot} = {}  {}",
                f.status,
                f.kind,
                f.value,
                docs.join("")
            );
        }
    }
    out
}
