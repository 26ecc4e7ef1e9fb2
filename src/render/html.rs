//! The HTML report of the whole comparison: the accounts with their sources and dates, the
//! conflicts first, "who reports what", each pair's passages side by side (what they share,
//! what differs), and what only one account says. Static: no script, a Content-Security-
//! Policy that allows nothing but its own inline style, and every string from a document
//! escaped. Printable on A4, each section from a new page.

use std::fmt::Write;

use super::words::{fill, Words};
use super::{human_segments, links_of_segments, passage, siglum, Options};
use crate::report::{LinkDto, Report, StatementDto};

const STYLE: &str = r#"
:root{--ink:#1d232b;--muted:#5b6472;--line:#e3e6ea;--shared:#dcebfb;--differs:#fde2c4;--conflict:#b3261e}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:2rem auto;max-width:74rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{font-size:1rem;margin:1.4rem 0 .4rem}.meta,.legend,.note{color:var(--muted);font-size:.85rem}
table{border-collapse:collapse;width:100%}th,td{vertical-align:top;padding:.4rem .55rem;border-bottom:1px solid var(--line);text-align:left}
th{font-size:.8rem;color:var(--muted);font-weight:600}
.text{font-family:Georgia,"DejaVu Serif",serif}.sig{font-weight:700;white-space:nowrap}
.pair td.side{width:44%}.pair td.mid{width:12%;font-size:.78rem;color:var(--muted);text-align:center}
.num{color:var(--muted);font-size:.75rem;font-family:system-ui,sans-serif;margin-right:.3rem}
mark{background:var(--shared);color:inherit;border-radius:2px}mark.differs{background:var(--differs)}
mark.value{background:none;color:var(--conflict);font-weight:700;text-decoration:underline}
del{background:#fbe1e1;color:#8a1c1c}ins{background:#dff3e4;color:#145c2c}
.who td.mark{text-align:center;width:3.2rem;font-size:1.05rem}.who td.mark.differently{color:var(--conflict);font-weight:700}
.conflict{border-left:3px solid var(--conflict);padding:.1rem 0 .1rem .8rem;margin:0 0 1rem}
.conflict p{margin:.25rem 0}.moved{color:#7a4d00;font-weight:600}
ul.only li{margin:.2rem 0}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}section{break-before:page}section:first-of-type{break-before:auto}tr,.conflict,li{break-inside:avoid}thead{display:table-header-group}a{color:inherit}}
"#;

use super::escape_markup as escape;

/// The whole report.
pub fn render(r: &Report, options: &Options) -> String {
    let w = Words::of(options.lang);
    let n = r.documents.len();
    let title = fill(w.title, &[("n", &n.to_string())]);
    let names: Vec<&str> = r.documents.iter().map(|d| d.name.as_str()).collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"recoupe {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        options.lang.code(),
        env!("CARGO_PKG_VERSION"),
        escape(&format!("recoupe — {}", names.join(" / ")))
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&title));
    let mut made = fill(w.made_with, &[("version", env!("CARGO_PKG_VERSION"))]);
    if let Some(when) = &options.made {
        made = format!("{made} · {when}");
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&made));
    let _ = writeln!(out, "<p>{}</p>\n</header>", escape(&summary(r, w)));

    accounts(&mut out, r, w);
    conflicts(&mut out, r, w);
    who(&mut out, r, w);
    pairs(&mut out, r, w);
    only_one(&mut out, r, w);
    for warning in &r.warnings {
        let _ = writeln!(out, "<p class=\"note\">⚠ {}</p>", escape(warning));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// "12 passages told by all accounts, 30 sentences told by one only, 1 conflict."
fn summary(r: &Report, w: &Words) -> String {
    let all = r
        .groups
        .iter()
        .filter(|g| g.accounts == r.documents.len())
        .count();
    let linked = links_of_segments(r);
    let one: usize = linked.iter().flatten().filter(|l| l.is_empty()).count();
    fill(
        w.summary,
        &[
            ("all", &all.to_string()),
            ("one", &one.to_string()),
            ("conflicts", &r.conflicts.len().to_string()),
        ],
    )
}

fn account_label(r: &Report, doc: usize) -> String {
    let name = r.documents.get(doc).map_or("", |d| d.name.as_str());
    format!(
        "<span class=\"sig\">{}</span> {}",
        siglum(doc),
        escape(name)
    )
}

fn accounts(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(
        out,
        "<section id=\"accounts\">\n<h2>{}</h2>\n<table>\n<thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        w.accounts, w.account, w.source, w.date, w.address, w.sentences
    );
    for (k, d) in r.documents.iter().enumerate() {
        let url = d.url.as_deref().map_or_else(String::new, |u| {
            // Only web addresses become links; anything else stays text.
            if (u.starts_with("https://") || u.starts_with("http://"))
                && !u.contains(char::is_whitespace)
            {
                format!("<a href=\"{0}\">{0}</a>", escape(u))
            } else {
                escape(u)
            }
        });
        let _ = writeln!(
            out,
            "<tr><td class=\"sig\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            siglum(k),
            escape(&d.name),
            escape(d.source.as_deref().unwrap_or("")),
            escape(d.date.as_deref().unwrap_or("")),
            url,
            d.segments.len()
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A statement's sentence with its value marked.
fn statement_html(r: &Report, s: &StatementDto) -> String {
    let Some(seg) = r
        .documents
        .get(s.doc)
        .and_then(|d| d.segments.get(s.segment))
    else {
        return String::new();
    };
    let from = s.start.saturating_sub(seg.start);
    let to = s.end.saturating_sub(seg.start);
    match (
        seg.text.get(..from),
        seg.text.get(from..to),
        seg.text.get(to..),
    ) {
        (Some(before), Some(value), Some(after)) => format!(
            "{}<mark class=\"value\">{}</mark>{}",
            escape(before),
            escape(value),
            escape(after)
        ),
        _ => escape(&seg.text),
    }
}

fn conflicts(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(
        out,
        "<section id=\"conflicts\">\n<h2>{} ({})</h2>",
        w.conflicts,
        r.conflicts.len()
    );
    if r.conflicts.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(w.no_conflict));
    }
    for c in &r.conflicts {
        // Headed by the kind only: the slot is a stem ("pompi") and reads badly.
        let what = w.value(c.kind).to_string();
        let _ = writeln!(out, "<div class=\"conflict\">\n<h3>{}</h3>", escape(&what));
        for s in &c.statements {
            let _ = writeln!(
                out,
                "<p>{} <span class=\"num\">§{}</span> <span class=\"text\">{}</span></p>",
                account_label(r, s.doc),
                s.segment + 1,
                statement_html(r, s)
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn who(out: &mut String, r: &Report, w: &Words) {
    let n = r.documents.len();
    let _ = writeln!(
        out,
        "<section id=\"who\">\n<h2>{}</h2>\n<p class=\"legend\">{}</p>\n<table class=\"who\">\n<thead><tr><th>{}</th>",
        w.who,
        escape(w.who_legend),
        w.passage
    );
    for k in 0..n {
        let name = r.documents[k].name.as_str();
        let _ = write!(out, "<th title=\"{}\">{}</th>", escape(name), siglum(k));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    // Most widely told first; the report's order (order-free) within.
    let mut groups: Vec<&crate::report::GroupDto> = r.groups.iter().collect();
    groups.sort_by(|a, b| b.accounts.cmp(&a.accounts).then(a.id.cmp(&b.id)));
    for g in groups {
        let rep = &g.representative;
        let _ = write!(
            out,
            "<tr><td class=\"text\"><span class=\"num\">{} §{}</span>{}</td>",
            siglum(rep.doc),
            rep.segment + 1,
            escape(&passage(r, rep.doc, &[rep.segment]))
        );
        for k in 0..n {
            let (class, mark, title) = match g.members.iter().find(|m| m.doc == k) {
                Some(m) => {
                    let (class, mark) = match m.telling {
                        "same" => ("same", "●"),
                        "part" => ("part", "◐"),
                        _ => ("differently", "≠"),
                    };
                    (class, mark, format!("§{}", human_segments(&m.segments)))
                }
                None => ("", "", String::new()),
            };
            let _ = write!(
                out,
                "<td class=\"mark {class}\" title=\"{}\">{mark}</td>",
                escape(&title)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// One side of a link: the marks of a partial link (shared, differing), the word diff of an
/// identical or equivalent one.
fn side_html(r: &Report, l: &LinkDto, right: bool) -> String {
    let (doc, segs) = if right {
        (l.right.doc, &l.right.segments)
    } else {
        (l.left.doc, &l.left.segments)
    };
    if l.kind == "partial" {
        if let Some(marks) = &l.marks {
            let pieces = if right { &marks.right } else { &marks.left };
            return pieces
                .iter()
                .map(|[tag, text]| match &**tag {
                    "=" => format!("<mark>{}</mark>", escape(text)),
                    "!" => format!("<mark class=\"differs\">{}</mark>", escape(text)),
                    _ => escape(text),
                })
                .collect();
        }
    }
    if l.kind == "equivalent" && !l.diff.is_empty() {
        return l
            .diff
            .iter()
            .filter_map(|p| {
                let tag = &**p.first()?;
                let text = p.get(1)?;
                match (tag, right) {
                    ("=", false) => Some(escape(text)),
                    ("=", true) => Some(escape(p.get(2).unwrap_or(text))),
                    ("-", false) => Some(format!("<del>{}</del>", escape(text))),
                    ("+", true) => Some(format!("<ins>{}</ins>", escape(text))),
                    _ => None,
                }
            })
            .collect();
    }
    escape(&passage(r, doc, segs))
}

fn pairs(out: &mut String, r: &Report, w: &Words) {
    let _ = writeln!(
        out,
        "<section id=\"pairs\">\n<h2>{}</h2>\n<p class=\"legend\">{}</p>",
        w.pairs,
        escape(w.legend)
    );
    for s in &r.stats {
        let (a, b) = (s.left, s.right);
        let _ = writeln!(
            out,
            "<h3>{} ↔ {}</h3>\n<p class=\"meta\">{}</p>",
            account_label(r, a),
            account_label(r, b),
            escape(&fill(
                w.covered,
                &[
                    ("a", &format!("{:.0}", s.left_covered * 100.0)),
                    ("A", &siglum(a)),
                    ("b", &format!("{:.0}", s.right_covered * 100.0)),
                    ("B", &siglum(b)),
                ],
            ))
        );
        let mut links: Vec<&LinkDto> = r
            .links
            .iter()
            .filter(|l| l.left.doc == a && l.right.doc == b)
            .collect();
        if links.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(w.no_link));
            continue;
        }
        links.sort_by_key(|l| {
            (
                l.left.segments.first().copied(),
                l.right.segments.first().copied(),
            )
        });
        let _ = writeln!(
            out,
            "<table class=\"pair\">\n<thead><tr><th>{}</th><th></th><th>{}</th></tr></thead>\n<tbody>",
            account_label(r, a),
            account_label(r, b)
        );
        for (k, l) in links.iter().enumerate() {
            let mut mid = format!("{}<br>{:.2}", escape(w.kind(l.kind)), l.score);
            if l.moved {
                // A moved passage names where its partner stands.
                let _ = write!(
                    mid,
                    "<br><span class=\"moved\">{} {} §{} ↔ {} §{}</span>",
                    escape(w.moved),
                    siglum(a),
                    human_segments(&l.left.segments),
                    siglum(b),
                    human_segments(&l.right.segments)
                );
            }
            // A passage with several partners stands once, beside all of them (its text
            // plain: what it shares differs from partner to partner).
            let same_left = |m: &&&LinkDto| m.left.segments == l.left.segments;
            let left = if k > 0 && same_left(&&links[k - 1]) {
                String::new()
            } else {
                let span = links[k..].iter().take_while(same_left).count();
                let body = if span > 1 {
                    escape(&passage(r, a, &l.left.segments))
                } else {
                    side_html(r, l, false)
                };
                format!(
                    "<td class=\"side text\"{}><span class=\"num\">§{}</span>{}</td>",
                    if span > 1 {
                        format!(" rowspan=\"{span}\"")
                    } else {
                        String::new()
                    },
                    human_segments(&l.left.segments),
                    body
                )
            };
            let _ = writeln!(
                out,
                "<tr>{left}<td class=\"mid\">{}</td><td class=\"side text\"><span class=\"num\">§{}</span>{}</td></tr>",
                mid,
                human_segments(&l.right.segments),
                side_html(r, l, true)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn only_one(out: &mut String, r: &Report, w: &Words) {
    let linked = links_of_segments(r);
    let _ = writeln!(out, "<section id=\"only\">\n<h2>{}</h2>", w.only_one);
    for (k, d) in r.documents.iter().enumerate() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>",
            fill(w.only_in, &[("account", &account_label(r, k))])
        );
        let unique: Vec<usize> = (0..d.segments.len())
            .filter(|&s| linked[k][s].is_empty())
            .collect();
        if unique.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(w.nothing_unique));
            continue;
        }
        out.push_str("<ul class=\"only\">\n");
        for s in unique {
            let _ = writeln!(
                out,
                "<li class=\"text\"><span class=\"num\">§{}</span>{}</li>",
                s + 1,
                escape(&d.segments[s].text)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
